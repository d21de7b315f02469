using System.Numerics.Tensors;

namespace OptSuite.Objectives;

public sealed partial class LinearObjective<TLoss, TReg>
{
    /// <summary>
    /// L = L_ℓ · λ_max(ÃᵀDÃ) + μ with Ã = [A, 1] (the column of ones only with an intercept) and D = diag(a), the
    /// eigenvalue by power iteration inflated by 1 % because power iteration approaches λ_max from below.
    /// </summary>
    private double ComputeLipschitz()
    {
        double smooth = _loss.Smoothness;
        if (double.IsPositiveInfinity(smooth)) return double.PositiveInfinity;
        return smooth * 1.01 * GramSpectrum.TopEigenvalue(_a, _weights, _uniformWeight, FitIntercept, _scores, _sums) + _ridge;
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
        double scale = _weights is null ? _uniformWeight : _sums.Max(_weights.Length == 0 ? 0 : TensorPrimitives.Max(_weights));
        TensorPrimitives.Multiply(w, smooth * scale, w);
        if (_ridge != 0) TensorPrimitives.Add(w, _ridge, w);
        if (FitIntercept) destination[Features] = smooth;
    }
}
