using System.Diagnostics;
using OptSuite.Solvers;

namespace OptSuite.Models.Internal;

/// <summary>The settings of one fit: the resolved solver, the common solver settings, and the whole-fit budgets that every
/// run of the fit (one-vs-rest problems, hand-overs) draws on.</summary>
internal sealed record FitSettings(SolverKind Solver, double? Tolerance, int? MaxIterations, int Seed, CancellationToken Cancellation,
    TimeSpan? MaxTime = null, Func<IterationReport, bool>? Observer = null)
{
    /// <summary>The solvers that continue a run which stops uncertified, in order (<see cref="SolverRegistry.HandOvers"/>);
    /// empty unless the estimator's solver was Auto (an explicit choice is kept).</summary>
    public IReadOnlyList<SolverKind> HandOvers { get; init; } = [];

    /// <summary>Checkpointing of the fit's runs (<see cref="LinearEstimator.Checkpoints"/>): every run saves, the first
    /// resumes.</summary>
    public SolverCheckpoints? Checkpoints { get; init; }

    /// <summary>
    /// Settings for <paramref name="next"/> continuing after runs that used <paramref name="used"/> iterations, or null when
    /// none are left. A caller's <see cref="MaxIterations"/> caps the whole problem — every run and hand-over
    /// together (<c>--max-iter 100</c> with Auto used to run 122) — so the next run gets what is left; without one, each
    /// solver gets its own default budget.
    /// </summary>
    public FitSettings? Continuing(SolverKind next, int used)
    {
        var checkpoints = Checkpoints is { } c ? c with { Resume = null } : null;   // a hand-over starts afresh from the point
        if (MaxIterations is not { } cap) return this with { Solver = next, Checkpoints = checkpoints };
        return used < cap ? this with { Solver = next, MaxIterations = cap - used, Checkpoints = checkpoints } : null;
    }

    // When the fit began (copies made with `with` keep it): MaxTime is a budget for the whole fit.
    private readonly long _started = Stopwatch.GetTimestamp();

    /// <summary>
    /// What is left of <see cref="MaxTime"/> for the next solver run, never negative: the budget covers the whole fit —
    /// every one-vs-rest problem, every continued run — not each run (k one-vs-rest problems used to get k
    /// times the budget). Evaluated when a run's settings are built.
    /// </summary>
    private TimeSpan? Remaining => MaxTime is { } t ? TimeSpan.FromTicks(Math.Max(0, (t - Stopwatch.GetElapsedTime(_started)).Ticks)) : null;

    /// <summary>The iteration cap of a run: the caller's, else the solver's default.</summary>
    public int Iterations => MaxIterations ?? SolverRegistry.Get(Solver).DefaultMaxIterations;

    /// <summary>The common settings of the next run, from which the registry builds the solver's options.</summary>
    public SolverSettings Run => new()
    {
        Tolerance = Tolerance, MaxIterations = Iterations, MaxTime = Remaining, Seed = Seed, Observer = Observer, Cancellation = Cancellation,
        Checkpoints = Checkpoints,
    };
}
