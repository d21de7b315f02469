using System.Numerics.Tensors;
using OptSuite.Prox;

namespace OptSuite.Objectives;

public sealed partial class LinearObjective<TLoss, TReg>
{
    /// <summary>True when the loss is convex (<see cref="ILoss.IsConvex"/>): every convex loss of the catalogue has a
    /// conjugate, and R a conjugate (or μ &gt; 0). A non-convex loss has no dual bound on the suboptimality: false.</summary>
    public bool HasDualityGap => _loss.IsConvex;

    /// <summary>
    /// F(x) − D(u(x)) ≥ F(x) − F* with the rescaled dual point described on the class (projected first for unpenalised
    /// coordinates); +∞ when no dual point is found (a projected point outside dom ℓ*, a Gram system too ill-conditioned,
    /// or more than 64 unpenalised coordinates that do not already satisfy their conditions).
    /// </summary>
    /// <param name="x">The primal point (w, then b).</param>
    public double DualityGap(ReadOnlySpan<double> x)
    {
        CheckLength(x.Length, nameof(x));
        if (!HasDualityGap) return double.NaN;
        ComputeScores(x);
        ReadOnlySpan<double> w = W(x);
        double primal = DataTerm() + RidgeTerm(w) + _reg.Value(w);
        double dual = DualValue();
        double gap = primal - dual;
        return gap;
    }

    /// <summary>
    /// D(u) at the dual point built from the current scores (the score buffer is consumed); when
    /// <paramref name="correlations"/> is not empty it receives c = Aᵀ(a⊙u)/s, the dual point's feature correlations.
    /// </summary>
    private double DualValue(Span<double> correlations = default)
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
        return DualValueAt(u, v, correlations);
    }

    /// <summary>u_i = ℓ′(y_i, z_i) from the current scores, balanced for the intercept.</summary>
    private void DualPoint(Span<double> u)
    {
        int n = _labels.Length;
        for (int i = 0; i < n; i++) u[i] = _loss.Derivative(_labels[i], _scores[i]);
        if (FitIntercept) BalanceForIntercept(u);
    }

    /// <summary>D(u′/s) given u and v = −Aᵀ(a⊙u) (both overwritten: u′ and v′ are u and v made feasible for the
    /// unpenalised coordinates); <paramref name="correlations"/>, when not empty, receives c′/s = −v′/s.</summary>
    /// <remarks>
    /// Unpenalised coordinates (a zero penalty factor, without a ridge term) make R* the indicator of c_j = 0, or of a sign
    /// of c_j when the coordinate is bounded on one side only, which no rescaling reaches. u is first projected onto
    /// those constraints (<see cref="UnpenalisedProjection"/>: a small weighted Gram system in the unpenalised columns,
    /// formed once per objective), so the dual point is feasible for them and D(u′/s) is a lower bound on F* itself, not on
    /// the problem with the unpenalised coefficients held where they are. The correction is Bt with t solving the Gram
    /// system for those coordinates' correlations, so it vanishes at the optimum and a converged fit keeps its gap. When
    /// u′ leaves dom ℓ* (a bounded-domain loss, far from the optimum) the loss conjugate is +∞ and the dual −∞: the gap
    /// is +∞, honestly uncertified.
    /// </remarks>
    private double DualValueAt(Span<double> u, Span<double> v, Span<double> correlations)
    {
        if (_projection is not null)
        {
            if (!_projection.Project(u, v)) return double.NegativeInfinity;
            if (!correlations.IsEmpty) TensorPrimitives.Negate(v, correlations);
        }
        double penaltyConjugate = DualPenalty.Conjugate(_reg, _ridge, v, _scratchP2, out double scale);
        if (!correlations.IsEmpty && scale != 1.0) TensorPrimitives.Divide(correlations, scale, correlations);
        if (double.IsPositiveInfinity(scale)) return double.NegativeInfinity;

        return LossDual(u, scale) - penaltyConjugate;
    }

    /// <summary>−Σ_i a_i ℓ*(y_i, u_i/s) (summed over the ranks of distributed rows): the loss side of D(u/s).</summary>
    internal double LossDual(ReadOnlySpan<double> u, double scale)
    {
        double lossConjugate = 0;
        for (int i = 0; i < u.Length; i++)
        {
            double a = _weights is null ? _uniformWeight : _weights[i];
            if (a == 0) continue;   // outside the sum (the projection leaves such u_i where they are)
            double c = _loss.Conjugate(_labels[i], u[i] / scale);
            if (_offset is not null) c -= u[i] / scale * _offset[i];   // the conjugate of z ↦ ℓ(y_i, z + o_i)
            lossConjugate += a * c;
        }
        return -_sums.Sum(lossConjugate);
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
