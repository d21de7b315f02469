using System.Numerics.Tensors;
using OptSuite.Objectives.Multiclass;

namespace OptSuite.Objectives;

public sealed partial class MulticlassLinearObjective<TLoss, TReg>
{
    /// <summary>True for the multinomial logistic loss (whose conjugate is the negative entropy on the shifted simplex).</summary>
    public bool HasDualityGap => typeof(TLoss) == typeof(MultinomialLogisticLoss);

    /// <summary>F(x) − D(U(x)) ≥ 0 with the dual point described on the class; NaN when <see cref="HasDualityGap"/> is false.</summary>
    /// <param name="x">W row-major, then b.</param>
    public double DualityGap(ReadOnlySpan<double> x)
    {
        CheckLength(x.Length, nameof(x));
        if (!HasDualityGap) return double.NaN;
        ComputeScores(x);
        double primal = DataTerm(gradient: true) + RidgeTerm(x) + _reg.Value(x[..WeightCount]);
        return primal - DualValue();
    }

    /// <summary>D(U) from the softmax probabilities (the residual holds a_i(q_i − e_{y_i}) after DataTerm).</summary>
    private double DualValue()
    {
        int n = Samples, p = Features, k = Classes;
        // q_ic, class-major, in the score buffer.
        for (int c = 0; c < k; c++)
            for (int i = 0; i < n; i++)
            {
                // A zero-weight sample drops out of every sum; any point of the simplex will do for it.
                double a = SampleWeight(i), e = _labels[i] == c ? 1.0 : 0.0;
                _scores[c * n + i] = a > 0 ? _residual[c * n + i] / a + e : e;
            }
        if (FitIntercept) BalanceForIntercepts();

        // V = −Aᵀ(a ⊙ U), U = q − e_y, written row-major into the W scratch.
        Span<double> column = _column.AsSpan(0, n);
        Span<double> vColumn = _sampleScratchP;
        for (int c = 0; c < k; c++)
        {
            for (int i = 0; i < n; i++)
                column[i] = SampleWeight(i) * (_scores[c * n + i] - (_labels[i] == c ? 1.0 : 0.0));
            _a.ApplyTranspose(column, vColumn, -1.0, 0.0);
            for (int j = 0; j < p; j++) _scratchW[j * k + c] = vColumn[j];
        }
        double penaltyConjugate = DualPenalty.Conjugate(_reg, _ridge, _scratchW, _scratchW2, out double scale);
        if (double.IsPositiveInfinity(scale)) return double.NegativeInfinity;

        // ℓ*(y, u) = Σ_c q_c log q_c with q = e_y + u/s on the simplex.
        double lossConjugate = 0;
        double inv = 1.0 / scale;
        for (int i = 0; i < n; i++)
        {
            double h = 0;
            for (int c = 0; c < k; c++)
            {
                double e = _labels[i] == c ? 1.0 : 0.0;
                double q = e + (_scores[c * n + i] - e) * inv;
                if (q > 0) h += q * Math.Log(q);
            }
            lossConjugate += SampleWeight(i) * h;
        }
        return -lossConjugate - penaltyConjugate;
    }

    /// <summary>
    /// q_i ← (1 − t)(q_i − q̄ + π) + tπ with the smallest common t ∈ [0, 1] keeping every entry ≥ 0, so that
    /// Σ a_i (q_i − e_{y_i}) = 0 (the intercepts' dual constraint) and each q_i stays on the simplex.
    /// </summary>
    private void BalanceForIntercepts()
    {
        int n = Samples, k = Classes;
        Span<double> shift = _sampleGrad;   // q̄ − π per class
        shift.Clear();
        for (int c = 0; c < k; c++)
            for (int i = 0; i < n; i++)
                shift[c] += SampleWeight(i) * (_scores[c * n + i] - (_labels[i] == c ? 1.0 : 0.0));
        Span<double> pi = _sample;
        pi.Clear();
        for (int i = 0; i < n; i++) pi[_labels[i]] += SampleWeight(i);

        double t = 0;
        for (int c = 0; c < k; c++)
        {
            for (int i = 0; i < n; i++)
            {
                double q = _scores[c * n + i] - shift[c];
                _scores[c * n + i] = q;
                if (q < 0) t = Math.Max(t, pi[c] > 0 ? -q / (pi[c] - q) : 1.0);
            }
        }
        if (t == 0) return;
        for (int c = 0; c < k; c++)
            for (int i = 0; i < n; i++)
                _scores[c * n + i] = Math.Max(0.0, (1 - t) * _scores[c * n + i] + t * pi[c]);
    }
}
