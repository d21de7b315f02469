namespace OptSuite.Solvers;

/// <summary>
/// The mutable half of a solver: every buffer it needs, and one iteration at a time. The shared
/// <see cref="SolverLoop"/> drives it, so stopping, timing, tracing, cancellation and observers behave the same in
/// every solver.
/// </summary>
/// <remarks><see cref="Step"/> must not allocate; the other members run at check and trace points only.</remarks>
public interface ISolverState
{
    /// <summary>Performs one iteration (or epoch).</summary>
    StepOutcome Step();

    /// <summary>
    /// Whether the solver's documented stopping criterion is at most <paramref name="tolerance"/> after the last step.
    /// A state may check an expensive certificate (a duality gap) only every few iterations and answer false between.
    /// </summary>
    bool HasConverged(double tolerance);

    /// <summary>The last computed value of the stopping criterion.</summary>
    double Criterion { get; }

    /// <summary>The objective at the current point.</summary>
    double Objective();

    /// <summary>The duality gap at the current point, or NaN where the objective has none.</summary>
    double DualityGap();

    /// <summary>Evaluation counts so far.</summary>
    EvaluationCounts Counts { get; }
}
