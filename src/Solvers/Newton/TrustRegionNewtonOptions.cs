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
    /// Weight α of the Hessian's diagonal in the preconditioner M = (1 − α)·μ·I + α·diag(H) (μ the ridge). Default 1, the
    /// Jacobi preconditioner. 0.01 is LIBLINEAR's mixing since 2.20 (Hsia, Chiang &amp; Lin 2018) and reproduces its
    /// -s 0 / -s 2 iterates: fewer CG steps in the first, loose Newton steps on some data (a9a logistic: 33 against 56 to
    /// LIBLINEAR's -e 0.01 objective), but more to a tight gap (a9a, w8a, news20 binary at a relative gap of 1e-6: 1.2–1.6×
    /// Jacobi's; benchmarks/results/newton.md).
    /// </summary>
    public double PreconditionerWeight { get; init; } = 1;

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
