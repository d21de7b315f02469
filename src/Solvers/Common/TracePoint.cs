namespace OptSuite.Solvers;

/// <summary>
/// One row of a convergence trace. <see cref="Seconds"/> counts solver time only: the time spent evaluating the
/// objective and gap for the trace (and in the observer) is excluded, as benchopt does, so tracing does not bias timing.
/// </summary>
/// <param name="Iteration">Iterations (or epochs) completed.</param>
/// <param name="Seconds">Solver time so far, excluding tracing and observer time.</param>
/// <param name="Objective">Objective at the current point.</param>
/// <param name="Criterion">The solver's stopping criterion (comparable to the tolerance).</param>
/// <param name="DualityGap">Duality gap, or NaN where the objective has none.</param>
public readonly record struct TracePoint(int Iteration, double Seconds, double Objective, double Criterion, double DualityGap);
