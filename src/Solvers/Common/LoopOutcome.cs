namespace OptSuite.Solvers;

/// <summary>What the shared run loop hands back to a solver, which adds its solution to build a <see cref="SolverResult"/>.</summary>
/// <param name="StopReason">Why the loop ended.</param>
/// <param name="Iterations">Iterations performed.</param>
/// <param name="Elapsed">Solver time (tracing and observer time excluded).</param>
/// <param name="Trace">The trace points recorded.</param>
public sealed record LoopOutcome(StopReason StopReason, int Iterations, TimeSpan Elapsed, IReadOnlyList<TracePoint> Trace);
