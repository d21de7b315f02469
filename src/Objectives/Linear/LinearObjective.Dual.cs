using System.Numerics.Tensors;
using OptSuite.Prox;

namespace OptSuite.Objectives;

public sealed partial class LinearObjective<TLoss, TReg>
{
    /// <summary>True when the loss is convex (<see cref="ILoss.IsConvex"/>): every convex loss of the catalogue has a
    /// conjugate, and R a conjugate (or μ &gt; 0). A non-convex loss has no dual bound on the suboptimality: false.</summary>
    public bool HasDualityGap => _loss.IsConvex;

    /// <summary>
    /// F(x) − D(u(x)) ≥ 0 with the rescaled dual point described on the class; +∞ when no rescaling makes the dual point
    /// feasible (e.g. an unpenalised coordinate without ridge away from the optimum).
    /// </summary>
    /// <param name="x">The primal point (w, then b).</param>
    public double DualityGap(ReadOnlySpan<double> x)
    {
        CheckLength(x.Length, nameof(x));
        if (!HasDualityGap) return double.NaN;
        ComputeScores(x);
        ReadOnlySpan<double> w = W(x);
        double primal = DataTerm() + RidgeTerm(w) + _reg.Value(w);
        double dual = DualValue(w);
        double gap = primal - dual;
        return gap;
    }

    /// <summary>
    /// D(u) at the dual point built from the current scores (the score buffer is consumed); when
    /// <paramref name="correlations"/> is not empty it receives c = Aᵀ(a⊙u)/s, the dual point's feature correlations.
    /// </summary>
    private double DualValue(ReadOnlySpan<double> w, Span<double> correlations = default)
    {
        Span<double> u = _residual;
        DualPoint(u);

        // v = −Aᵀ(a⊙u)
        Span<double> v = _scratchP;
        if (_weights is null) _a.ApplyTranspose(u, v, -_uniformWeight, 0.0);
        else
        {
            TensorPrimitives.Multiply(u, _weights, _scores);   // scores no longer needed
            _a.ApplyTranspose(_scores, v, -1.0, 0.0);
        }
        if (!correlations.IsEmpty) TensorPrimitives.Negate(v, correlations);
        return DualValueAt(w, u, v, correlations);
    }

    /// <summary>The KKT level (relative to the largest dual correlation) below which unpenalised coordinates are held.</summary>
    private const double UnpenalisedSlack = 1e-9;

    /// <summary>u_i = ℓ′(y_i, z_i) from the current scores, balanced for the intercept.</summary>
    private void DualPoint(Span<double> u)
    {
        int n = _labels.Length;
        for (int i = 0; i < n; i++) u[i] = _loss.Derivative(_labels[i], _scores[i]);
        if (FitIntercept) BalanceForIntercept(u);
    }

    /// <summary>D(u/s) given u and v = −Aᵀ(a⊙u) (overwritten); <paramref name="correlations"/>, when not empty, holds
    /// Aᵀ(a⊙u) and is divided by s.</summary>
    /// <remarks>
    /// Unpenalised coordinates (a zero penalty factor, without a ridge term) make R* the indicator of v_j = 0, which no
    /// rescaling reaches. They are held at their current values w_j instead: the conjugate of ι{w_j} is v_j·w_j, so the
    /// result is the dual of the problem over the penalised coefficients with the unpenalised ones fixed — a valid lower
    /// bound for that problem, whose optimum is F* when they are optimal. It is used only once their correlations are
    /// below <see cref="UnpenalisedSlack"/> × ‖v‖∞ (their KKT condition to rounding, which coordinate steps reach);
    /// before that the dual is −∞ (gap +∞), so a point with unfitted unpenalised coefficients is never certified.
    /// </remarks>
    private double DualValueAt(ReadOnlySpan<double> w, ReadOnlySpan<double> u, Span<double> v, Span<double> correlations)
    {
        double held = 0;
        if (_unpenalised is not null && _ridge == 0)
        {
            double limit = UnpenalisedSlack * Math.Abs(TensorPrimitives.MaxMagnitude(v));   // MaxMagnitude keeps the sign
            for (int j = 0; j < v.Length; j++)
            {
                if (!_unpenalised[j]) continue;
                if (Math.Abs(v[j]) > limit) return double.NegativeInfinity;
                held += v[j] * w[j];
                v[j] = 0;
            }
        }
        double penaltyConjugate = DualPenalty.Conjugate(_reg, _ridge, v, _scratchP2, out double scale);
        if (!correlations.IsEmpty && scale != 1.0) TensorPrimitives.Divide(correlations, scale, correlations);
        if (double.IsPositiveInfinity(scale)) return double.NegativeInfinity;
        penaltyConjugate += held / scale;

        double lossConjugate = 0;
        for (int i = 0; i < u.Length; i++)
        {
            double c = _loss.Conjugate(_labels[i], u[i] / scale);
            if (_offset is not null) c -= u[i] / scale * _offset[i];   // the conjugate of z ↦ ℓ(y_i, z + o_i)
            lossConjugate += (_weights is null ? _uniformWeight : _weights[i]) * c;
        }
        return -_sums.Sum(lossConjugate) - penaltyConjugate;
    }

    /// <summary>
    /// Makes Σ a_i u_i = 0: by subtracting the a-weighted mean when every dom ℓ*(y_i, ·) is ℝ; otherwise by shrinking the
    /// side in excess towards 0 (each u_i stays between 0 and its old value, so it stays in the convex dom ℓ*(y_i, ·),
    /// which contains 0 for every loss bounded below).
    /// </summary>
    private void BalanceForIntercept(Span<double> u)
    {
        if (_shiftBalance)
        {
            double mean = _sums.Sum(_weights is null ? TensorPrimitives.Sum(u) * _uniformWeight : TensorPrimitives.Dot(u, _weights));
            if (mean != 0) TensorPrimitives.Subtract(u, mean, u);
            return;
        }
        double positive = 0, negative = 0;
        for (int i = 0; i < u.Length; i++)
        {
            double a = _weights is null ? _uniformWeight : _weights[i];
            if (u[i] > 0) positive += a * u[i]; else negative -= a * u[i];
        }
        (positive, negative) = _sums.Sum(positive, negative);
        if (positive == negative) return;
        if (positive > negative)
        {
            double f = negative / positive;
            for (int i = 0; i < u.Length; i++) if (u[i] > 0) u[i] *= f;
        }
        else
        {
            double f = positive / negative;
            for (int i = 0; i < u.Length; i++) if (u[i] < 0) u[i] *= f;
        }
    }
}
