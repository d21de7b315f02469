namespace OptSuite.Solvers;

/// <summary>
/// glmnet's λ grid of a regularisation path and its conventions (Friedman, Hastie &amp; Tibshirani 2010, §2.5), shared by
/// the solver-level <see cref="CoordinateDescentPath"/> and the model-level paths (LassoPath, ElasticNetPath,
/// LogisticPath): λ_k = λ_max·ε^{k/(L−1)}, k = 0 … L − 1, log-spaced from λ_max down to ε·λ_max.
/// </summary>
/// <remarks>
/// λ_max is ‖Xᵀ(a ⊙ ℓ′(y, b₀))‖_∞ / max(α, <see cref="L1RatioFloor"/>) with b₀ the null model's intercept: for
/// α ≥ 10⁻³ the smallest λ at which w = 0 is optimal for λ(α Σ c_j|w_j| + (1 − α)/2‖w‖²). A (near-)ridge path never
/// reaches w = 0, and max/α grows without bound as α → 0, so below 10⁻³ α is replaced by 10⁻³ as glmnet does: the grid
/// then starts at the λ_max of α = 10⁻³, where the fit is nearly null.
/// </remarks>
public static class LambdaGrid
{
    /// <summary>glmnet's floor on α in λ_max: λ_max = max_j |g_j|/c_j / max(α, 10⁻³).</summary>
    public const double L1RatioFloor = 1e-3;

    /// <summary>glmnet's default ε = λ_min/λ_max (lambda.min.ratio): 10⁻² when n &lt; p, else 10⁻⁴.</summary>
    /// <param name="samples">n.</param>
    /// <param name="features">p.</param>
    public static double DefaultMinRatio(int samples, int features) => samples < features ? 1e-2 : 1e-4;

    /// <summary>λ_max·ε^{k/(count−1)}, k = 0 … count − 1 (λ_max alone when count = 1).</summary>
    /// <param name="lambdaMax">The largest value.</param>
    /// <param name="count">Number of values.</param>
    /// <param name="minRatio">ε = λ_min/λ_max.</param>
    public static double[] LogSpaced(double lambdaMax, int count, double minRatio)
    {
        if (!(lambdaMax > 0 && double.IsFinite(lambdaMax)))
            throw new ArgumentOutOfRangeException(nameof(lambdaMax), lambdaMax, "λ_max must be finite and > 0 (is y constant, or every feature empty?).");
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "The grid needs at least one value.");
        if (!(minRatio > 0 && minRatio < 1)) throw new ArgumentOutOfRangeException(nameof(minRatio), minRatio, "ε must lie in (0, 1).");
        var grid = new double[count];
        for (int k = 0; k < count; k++) grid[k] = count == 1 ? lambdaMax : lambdaMax * Math.Pow(minRatio, (double)k / (count - 1));
        return grid;
    }
}
