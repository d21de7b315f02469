namespace OptSuite.Solvers;

/// <summary>Options of <see cref="TrustRegionNewton"/>.</summary>
public sealed record TrustRegionNewtonOptions : SolverOptions
{
    /// <summary>Conjugate-gradient iterations allowed per Newton step. Default 250.</summary>
    public int MaxConjugateGradientIterations { get; init; } = 250;

    /// <summary>
    /// Relative residual at which the inner conjugate gradient stops: ‖r‖_{M⁻¹} ≤ this · ‖∇F‖_{M⁻¹}. Default 0.1
    /// (inexact Newton: cheap early steps, and still fast local convergence).
    /// </summary>
    public double ConjugateGradientTolerance { get; init; } = 0.1;

    /// <inheritdoc/>
    public override IEnumerable<string> Problems()
    {
        foreach (string p in base.Problems()) yield return p;
        if (MaxConjugateGradientIterations < 1)
            yield return $"{nameof(MaxConjugateGradientIterations)} must be ≥ 1; it is {MaxConjugateGradientIterations}.";
        if (!(ConjugateGradientTolerance > 0 && ConjugateGradientTolerance < 1))
            yield return $"{nameof(ConjugateGradientTolerance)} must lie in (0, 1); it is {ConjugateGradientTolerance}.";
    }
}
