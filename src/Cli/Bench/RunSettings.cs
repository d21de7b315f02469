using OptSuite.Solvers;

namespace OptSuite.Cli.Bench;

/// <summary>The limits one solver run gets; turned into each solver's own options by the solver registry.</summary>
/// <param name="Tolerance">The solver's stopping tolerance (on its own criterion).</param>
/// <param name="MaxIterations">Iteration (epoch) limit.</param>
/// <param name="MaxTime">Solver-time limit (tracing excluded).</param>
/// <param name="TraceEvery">Trace period in iterations; 0 for no trace.</param>
/// <param name="Seed">Seed of randomised solvers.</param>
/// <param name="Observer">Called after every iteration (progress display); may be null.</param>
/// <param name="TraceShare">The largest share of the solver time tracing may take (<see cref="SolverOptions.TraceShare"/>); 0 for no limit.</param>
internal sealed record RunSettings(double Tolerance, int MaxIterations, TimeSpan MaxTime, int TraceEvery, int Seed,
    Func<IterationReport, bool>? Observer = null, double TraceShare = 0);
