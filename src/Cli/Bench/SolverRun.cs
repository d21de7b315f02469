using OptSuite.Solvers;

namespace OptSuite.Cli.Bench;

/// <summary>One solver's traced run in a benchmark.</summary>
/// <param name="Solver">The solver's name as the user wrote it (fista, lbfgs, cd, ...).</param>
/// <param name="Result">The solver's result, with its trace: with repetitions, the run of median solver time.</param>
/// <param name="WallSeconds">Wall-clock seconds of that call, tracing included (NaN when not measured); minus
/// <see cref="SolverResult.Elapsed"/> this is what tracing cost.</param>
/// <param name="Repeats">Every timed run of the solver (repetitions), <paramref name="Result"/> among them; null for one.</param>
internal sealed record SolverRun(string Solver, SolverResult Result, double WallSeconds = double.NaN, IReadOnlyList<SolverResult>? Repeats = null)
{
    /// <summary>Every timed run (at least <see cref="Result"/>).</summary>
    public IReadOnlyList<SolverResult> Runs => Repeats ?? [Result];
}
