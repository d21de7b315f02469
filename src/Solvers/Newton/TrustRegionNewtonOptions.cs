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

    /// <summary>
    /// Weight α of the Hessian's diagonal in the preconditioner M = (1 − α)·μ·I + α·diag(H) (μ the ridge): LIBLINEAR's
    /// mixing since 2.20 (Hsia, Chiang &amp; Lin 2018), which keeps the Jacobi scaling where a feature's curvature dwarfs
    /// the ridge and the plain CG metric where it does not, and takes fewer CG steps than pure Jacobi on text and census
    /// data. Default 0.01, as LIBLINEAR; 1 is the Jacobi preconditioner.
    /// </summary>
    public double PreconditionerWeight { get; init; } = 0.01;

    /// <inheritdoc/>
    public override IEnumerable<string> Problems()
    {
        foreach (string p in base.Problems()) yield return p;
        if (MaxConjugateGradientIterations < 1)
            yield return $"{nameof(MaxConjugateGradientIterations)} must be ≥ 1; it is {MaxConjugateGradientIterations}.";
        if (!(ConjugateGradientTolerance > 0 && ConjugateGradientTolerance < 1))
            yield return $"{nameof(ConjugateGradientTolerance)} must lie in (0, 1); it is {ConjugateGradientTolerance}.";
        if (!(PreconditionerWeight > 0 && PreconditionerWeight <= 1))
            yield return $"{nameof(PreconditionerWeight)} must lie in (0, 1]; it is {PreconditionerWeight}.";
    }
}
