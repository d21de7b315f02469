using OptSuite.Solvers;

namespace OptSuite.Cli.Bench;

/// <summary>One solver's traced run in a benchmark.</summary>
/// <param name="Solver">The solver's name as the user wrote it (fista, lbfgs, cd, ...).</param>
/// <param name="Result">The solver's result, with its trace.</param>
/// <param name="WallSeconds">Wall-clock seconds of the whole call, tracing included (NaN when not measured); minus
/// <see cref="SolverResult.Elapsed"/> this is what tracing cost.</param>
internal sealed record SolverRun(string Solver, SolverResult Result, double WallSeconds = double.NaN);
