using OptSuite.Solvers;

namespace OptSuite.Models.Internal;

/// <summary>The solver-independent run settings an estimator passes to <see cref="SolverRunner"/>.</summary>
internal sealed record FitSettings(SolverKind Solver, double Tolerance, int? MaxIterations, int Seed, CancellationToken Cancellation,
    TimeSpan? MaxTime = null, Func<IterationReport, bool>? Observer = null)
{
    /// <summary>True when the estimator's solver was Auto (so a safety net may switch solvers; an explicit choice is kept).</summary>
    public bool Automatic { get; init; }

    /// <summary>The iteration cap: the caller's, else a per-solver default generous enough for tight tolerances.</summary>
    public int Iterations => MaxIterations ?? (Solver switch
    {
        SolverKind.Fista or SolverKind.Ista => 100_000,
        SolverKind.InteriorPoint => 500,
        _ => 10_000,
    });

    public ProximalGradientOptions ProximalGradient => new()
    {
        Tolerance = Tolerance, MaxIterations = Iterations, Accelerated = Solver == SolverKind.Fista, MaxTime = MaxTime, Observer = Observer,
    };

    public LbfgsOptions Lbfgs => new() { Tolerance = Tolerance, MaxIterations = Iterations, MaxTime = MaxTime, Observer = Observer };

    public OwlQnOptions OwlQn => new() { Tolerance = Tolerance, MaxIterations = Iterations, MaxTime = MaxTime, Observer = Observer };

    public CoordinateDescentOptions CoordinateDescent => new() { Tolerance = Tolerance, MaxIterations = Iterations, Seed = Seed, MaxTime = MaxTime, Observer = Observer };

    public BlockCoordinateDescentOptions BlockCoordinateDescent => new() { Tolerance = Tolerance, MaxIterations = Iterations, Seed = Seed, MaxTime = MaxTime, Observer = Observer };

    public DualCoordinateDescentOptions DualCoordinateDescent => new() { Tolerance = Tolerance, MaxIterations = Iterations, Seed = Seed, MaxTime = MaxTime, Observer = Observer };

    public QuantileInteriorPointOptions InteriorPoint => new() { Tolerance = Tolerance, MaxIterations = Iterations, MaxTime = MaxTime, Observer = Observer };
}
