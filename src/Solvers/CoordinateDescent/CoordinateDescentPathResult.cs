namespace OptSuite.Solvers;

/// <summary>What <see cref="CoordinateDescentPath.Compute{TLoss}"/> returns: λ_max and one point per λ, largest λ first.</summary>
public sealed class CoordinateDescentPathResult
{
    /// <summary>The smallest λ at which w = 0 is optimal (exact: from the null model with intercept and weights); for
    /// α &lt; <see cref="LambdaGrid.L1RatioFloor"/> that λ for α = 10⁻³ (glmnet's convention, as the model-level paths).</summary>
    public required double LambdaMax { get; init; }

    /// <summary>The intercept of the null model (w = 0); 0 without an intercept.</summary>
    public required double NullIntercept { get; init; }

    /// <summary>The solutions, in the order of the (decreasing) λ grid.</summary>
    public required IReadOnlyList<CoordinateDescentPathPoint> Points { get; init; }

    /// <summary>Total solver time over the path.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>True when every point converged.</summary>
    public bool Converged => Points.All(p => p.StopReason == StopReason.Converged);
}
