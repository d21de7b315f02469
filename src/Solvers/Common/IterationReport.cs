namespace OptSuite.Solvers;

/// <summary>What an observer is shown after an iteration.</summary>
/// <param name="Iteration">Iterations completed.</param>
/// <param name="Seconds">Solver time so far (observer time excluded).</param>
/// <param name="Criterion">The stopping criterion after this iteration.</param>
public readonly record struct IterationReport(int Iteration, double Seconds, double Criterion);
