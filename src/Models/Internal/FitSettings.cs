using System.Diagnostics;
using OptSuite.Solvers;

namespace OptSuite.Models.Internal;

/// <summary>The solver-independent run settings an estimator passes to <see cref="SolverRunner"/>.</summary>
internal sealed record FitSettings(SolverKind Solver, double Tolerance, int? MaxIterations, int Seed, CancellationToken Cancellation,
    TimeSpan? MaxTime = null, Func<IterationReport, bool>? Observer = null)
{
    /// <summary>The solvers that continue a run which stops uncertified, in order (<see cref="SolverSelection.HandOvers"/>);
    /// empty unless the estimator's solver was Auto (an explicit choice is kept).</summary>
    public IReadOnlyList<SolverKind> HandOvers { get; init; } = [];

    /// <summary>
    /// Settings for <paramref name="next"/> continuing after runs that used <paramref name="used"/> iterations, or null when
    /// none are left. A caller's <see cref="MaxIterations"/> caps the whole problem — every run, resumption and hand-over
    /// together (<c>--max-iter 100</c> with Auto used to run 122) — so the next run gets what is left; without one, each
    /// solver gets its own default budget.
    /// </summary>
    public FitSettings? Continuing(SolverKind next, int used)
    {
        if (MaxIterations is not { } cap) return this with { Solver = next };
        return used < cap ? this with { Solver = next, MaxIterations = cap - used } : null;
    }

    // When the fit began (copies made with `with` keep it): MaxTime is a budget for the whole fit.
    private readonly long _started = Stopwatch.GetTimestamp();

    /// <summary>
    /// What is left of <see cref="MaxTime"/> for the next solver run, never negative: the budget covers the whole fit —
    /// every one-vs-rest problem, every resumed or continued run — not each run (k one-vs-rest problems used to get k
    /// times the budget). Evaluated when a run's options are built.
    /// </summary>
    private TimeSpan? Remaining => MaxTime is { } t ? TimeSpan.FromTicks(Math.Max(0, (t - Stopwatch.GetElapsedTime(_started)).Ticks)) : null;

    /// <summary>The iteration cap: the caller's, else a per-solver default generous enough for tight tolerances.</summary>
    public int Iterations => MaxIterations ?? (Solver switch
    {
        SolverKind.Fista or SolverKind.Ista => 100_000,
        SolverKind.InteriorPoint or SolverKind.Newton => 500,
        _ => 10_000,
    });

    public ProximalGradientOptions ProximalGradient => new()
    {
        Tolerance = Tolerance, MaxIterations = Iterations, Accelerated = Solver == SolverKind.Fista, MaxTime = Remaining, Observer = Observer,
    };

    public LbfgsOptions Lbfgs => new() { Tolerance = Tolerance, MaxIterations = Iterations, MaxTime = Remaining, Observer = Observer };

    public TrustRegionNewtonOptions Newton => new() { Tolerance = Tolerance, MaxIterations = Iterations, MaxTime = Remaining, Observer = Observer };

    public OwlQnOptions OwlQn => new() { Tolerance = Tolerance, MaxIterations = Iterations, MaxTime = Remaining, Observer = Observer };

    public CoordinateDescentOptions CoordinateDescent => new() { Tolerance = Tolerance, MaxIterations = Iterations, Seed = Seed, MaxTime = Remaining, Observer = Observer };

    public BlockCoordinateDescentOptions BlockCoordinateDescent => new() { Tolerance = Tolerance, MaxIterations = Iterations, Seed = Seed, MaxTime = Remaining, Observer = Observer };

    public DualCoordinateDescentOptions DualCoordinateDescent => new() { Tolerance = Tolerance, MaxIterations = Iterations, Seed = Seed, MaxTime = Remaining, Observer = Observer };

    public QuantileInteriorPointOptions InteriorPoint => new() { Tolerance = Tolerance, MaxIterations = Iterations, MaxTime = Remaining, Observer = Observer };
}
