using System.Numerics.Tensors;

namespace OptSuite.Objectives;

public sealed partial class LinearObjective<TLoss, TReg>
{
    private const int PowerIterations = 300;

    /// <summary>
    /// L = L_ℓ · λ_max(ÃᵀDÃ) + μ with Ã = [A, 1] (the column of ones only with an intercept) and D = diag(a): the
    /// top eigenvalue by power iteration from a fixed start (deterministic), stopped when the Rayleigh quotient changes
    /// by less than 1e-10 relative, then inflated by 1 % because power iteration approaches λ_max from below.
    /// </summary>
    private double ComputeLipschitz()
    {
        double smooth = _loss.Smoothness;
        if (double.IsPositiveInfinity(smooth)) return double.PositiveInfinity;
        return smooth * 1.01 * TopEigenvalue() + _ridge;
    }

    private double TopEigenvalue()
    {
        int d = Dimension;
        var v = new double[d];
        var next = new double[d];
        var rng = new Random(20260101);
        for (int j = 0; j < d; j++) v[j] = 0.5 + rng.NextDouble();
        double norm = TensorPrimitives.Norm(v);
        TensorPrimitives.Divide(v, norm, v);
        double lambda = 0;
        for (int it = 0; it < PowerIterations; it++)
        {
            WeightedGramProduct(v, next);
            double estimate = TensorPrimitives.Dot(v, next);       // Rayleigh quotient (‖v‖ = 1)
            double nn = TensorPrimitives.Norm(next);
            if (!(nn > 0)) return 0.0;
            TensorPrimitives.Divide(next, nn, v);
            bool done = Math.Abs(estimate - lambda) <= 1e-10 * Math.Abs(estimate);
            lambda = estimate;
            if (done) break;
        }
        return lambda;
    }

    /// <summary>out = ÃᵀDÃ v.</summary>
    private void WeightedGramProduct(ReadOnlySpan<double> v, Span<double> result)
    {
        _a.Apply(v[..Features], _scores);
        if (FitIntercept) TensorPrimitives.Add(_scores, v[Features], _scores);
        if (_weights is null) TensorPrimitives.Multiply(_scores, _uniformWeight, _scores);
        else TensorPrimitives.Multiply(_scores, _weights, _scores);
        _a.ApplyTranspose(_scores, result[..Features]);
        if (FitIntercept) result[Features] = TensorPrimitives.Sum(_scores);
    }

    /// <summary>
    /// Per-coordinate Lipschitz constants of ∂f/∂w_j: L_ℓ · Σ_i a_i A_ij² + μ (and L_ℓ for the intercept), the step
    /// sizes of coordinate descent. With sample weights the bound L_ℓ · max_i a_i · ‖A_j‖² + μ is used.
    /// </summary>
    /// <param name="destination">Length <see cref="Dimension"/>.</param>
    public void CoordinateLipschitz(Span<double> destination)
    {
        CheckLength(destination.Length, nameof(destination));
        double smooth = _loss.Smoothness;
        Span<double> w = destination[..Features];
        _a.ColumnSquaredNorms(w);
        double scale = _weights is null ? _uniformWeight : TensorPrimitives.Max(_weights);
        TensorPrimitives.Multiply(w, smooth * scale, w);
        if (_ridge != 0) TensorPrimitives.Add(w, _ridge, w);
        if (FitIntercept) destination[Features] = smooth;
    }
}
