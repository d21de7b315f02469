using OptSuite.Solvers;

namespace OptSuite.Cli.Bench;

/// <summary>One solver's traced run in a benchmark.</summary>
/// <param name="Solver">The solver's name as the user wrote it (fista, lbfgs, cd, ...).</param>
/// <param name="Result">The solver's result, with its trace.</param>
internal sealed record SolverRun(string Solver, SolverResult Result);
