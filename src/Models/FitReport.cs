using OptSuite.Solvers;

namespace OptSuite.Models;

/// <summary>What the last <c>Fit</c> did: the solver run, the documented objective and duality gap at the solution.</summary>
/// <param name="Solver">The solver that ran (<see cref="SolverKind.Auto"/> resolved).</param>
/// <param name="Lambda">λ, the regularisation strength used (after the C → λ = 1/(n·C) conversion).</param>
/// <param name="Objective">The model's objective (1/Σc)Σc_i ℓ + penalty at the returned coefficients and intercept
/// (for one-vs-rest, the sum over the binary problems).</param>
/// <param name="DualityGap">The duality gap there (a bound on the suboptimality); null where the objective has none.</param>
/// <param name="Iterations">Iterations or epochs (summed over one-vs-rest problems).</param>
/// <param name="StopReason">Why the solver stopped (the worst over one-vs-rest problems: anything but Converged wins).</param>
/// <param name="Elapsed">Wall time of the whole fit (objective construction and solve; loading data excluded).</param>
/// <param name="Results">The solver results, one per problem solved (k for one-vs-rest, else one).</param>
public sealed record FitReport(SolverKind Solver, double Lambda, double Objective, double? DualityGap, int Iterations,
    StopReason StopReason, TimeSpan Elapsed, IReadOnlyList<SolverResult> Results)
{
    /// <summary>
    /// For a fit that stopped uncertified (iteration or time limit, no progress, a failed line search): why, how far the
    /// duality gap is from the tolerance, and what to do, with the spread of the data's column scales and row norms
    /// when it is 10² or more (e.g. "Feature scales (column root mean squares) span 1e0–1e5: scale the columns ...").
    /// Null when the fit converged or the caller stopped it; not saved with the model.
    /// </summary>
    public string? Advice { get; init; }

    /// <summary>
    /// The certificate where the objective has no duality gap (a non-convex loss: Tweedie power ρ &gt; 2): the
    /// proximal-gradient residual ‖x − prox_R(x − ∇f(x))‖∞ over the coefficients and intercept at the returned point, with
    /// f the smooth part (data term and ridge term) and R the rest of the penalty — ‖∇F‖∞ for an L2 penalty, the KKT
    /// violation of the L1 part otherwise (0 exactly at a stationary point). It certifies stationarity, not global
    /// optimality: a non-convex objective may have other stationary points. Null where <see cref="DualityGap"/> is given
    /// (summed over one-vs-rest problems otherwise).
    /// </summary>
    public double? Stationarity { get; init; }

    /// <summary>Whether every solve converged.</summary>
    public bool Converged => StopReason == StopReason.Converged;

    /// <inheritdoc/>
    public override string ToString() =>
        $"{SolverKindNames.ToName(Solver)}: {StopReason} after {Iterations} iterations in {Elapsed.TotalSeconds:G4} s, λ = {Lambda:G6}, objective {Objective:R}" +
        (DualityGap is { } g ? $", gap {g:G3}" : "") + (Stationarity is { } k ? $", stationarity {k:G3}" : "");
}
