namespace OptSuite.Solvers;

/// <summary>What the shared run loop hands back to a solver, which adds its solution to build a <see cref="SolverResult"/>.</summary>
/// <param name="StopReason">Why the loop ended.</param>
/// <param name="Iterations">Iterations performed.</param>
/// <param name="Elapsed">Solver time (tracing and observer time excluded).</param>
/// <param name="Trace">The trace points recorded.</param>
public sealed record LoopOutcome(StopReason StopReason, int Iterations, TimeSpan Elapsed, IReadOnlyList<TracePoint> Trace)
{
    /// <summary>The solver's result: this run's stop reason, iterations, time and trace with the solver's own figures.</summary>
    /// <param name="solution">The coefficients (handed over, not copied: pass a fresh array).</param>
    /// <param name="objective">The objective at <paramref name="solution"/>.</param>
    /// <param name="criterion">The stopping criterion's last value.</param>
    /// <param name="dualityGap">The duality gap at <paramref name="solution"/>, null where there is none.</param>
    /// <param name="counts">Evaluation counts.</param>
    /// <param name="intercepts">The unpenalised intercept(s); null or empty when the objective has none.</param>
    public SolverResult ToResult(double[] solution, double objective, double criterion, double? dualityGap, EvaluationCounts counts,
        double[]? intercepts = null) => new()
    {
        Solution = solution,
        Intercepts = intercepts ?? [],
        Objective = objective,
        Iterations = Iterations,
        StopReason = StopReason,
        Criterion = criterion,
        DualityGap = dualityGap,
        Counts = counts,
        Elapsed = Elapsed,
        Trace = Trace,
    };
}
