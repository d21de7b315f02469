using System.Numerics.Tensors;

namespace OptSuite.Objectives;

public sealed partial class MultiTaskLinearObjective<TReg>
{
    /// <summary>Always true: the squared loss has a conjugate everywhere and R is rescaled into dom R* (or μ &gt; 0).</summary>
    public bool HasDualityGap => true;

    /// <summary>
    /// F(x) − D(U(x)) ≥ 0 with the centred, rescaled residual described on the class; 0 exactly at the optimum; +∞ when no
    /// rescaling makes the dual point feasible (an unpenalised coordinate without ridge away from its optimum).
    /// </summary>
    /// <param name="x">W row-major, then b.</param>
    public double DualityGap(ReadOnlySpan<double> x)
    {
        CheckLength(x.Length, nameof(x));
        ComputeResidual(x);
        double primal = DataTerm() + RidgeTerm(x) + _reg.Value(x[..WeightCount]);
        return primal - DualValue();
    }

    /// <summary>D(U) from the residual buffer (consumed: centred in place).</summary>
    private double DualValue()
    {
        int n = Samples, p = Features, k = Tasks;
        if (FitIntercept)
        {
            // Σ_i a_i U_i = 0 is the intercepts' dual constraint; centring keeps U in dom ℓ* = ℝᵏ.
            for (int c = 0; c < k; c++)
            {
                Span<double> u = _residual.AsSpan(c * n, n);
                double mean = _weights is null ? TensorPrimitives.Sum(u) * _uniformWeight : TensorPrimitives.Dot(u, _weights);
                TensorPrimitives.Subtract(u, mean, u);
            }
        }

        // V = −Xᵀ(a⊙U), row-major into the W scratch.
        for (int c = 0; c < k; c++)
        {
            ReadOnlySpan<double> u = _residual.AsSpan(c * n, n);
            ReadOnlySpan<double> weighted = u;
            double alpha = -_uniformWeight;
            if (_weights is not null)
            {
                TensorPrimitives.Multiply(u, _weights, _columnN);
                weighted = _columnN;
                alpha = -1.0;
            }
            _a.ApplyTranspose(weighted, _columnP, alpha);
            for (int j = 0; j < p; j++) _scratchW[j * k + c] = _columnP[j];
        }
        double penaltyConjugate = DualPenalty.Conjugate(_reg, _ridge, _scratchW, _scratchW2, out double scale);
        if (double.IsPositiveInfinity(scale)) return double.NegativeInfinity;

        // ℓ*(y, u) = ½‖u‖² + ⟨u, y⟩ at u = U_i/s.
        double inv = 1.0 / scale, lossConjugate = 0;
        for (int c = 0; c < k; c++)
        {
            ReadOnlySpan<double> u = _residual.AsSpan(c * n, n);
            for (int i = 0; i < n; i++)
            {
                double ui = u[i] * inv;
                lossConjugate += SampleWeight(i) * ui * (0.5 * ui + _targets[i * k + c]);
            }
        }
        return -lossConjugate - penaltyConjugate;
    }
}
