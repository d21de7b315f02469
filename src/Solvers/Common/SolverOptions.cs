namespace OptSuite.Solvers;

/// <summary>
/// Settings every solver shares. Solver-specific options derive from this record and add their fields and checks.
/// Options are validated before a solve starts, with one message per offending field.
/// </summary>
public abstract record SolverOptions
{
    /// <summary>Stop when the solver's criterion is at most this (each solver documents its criterion). Default 1e-6.</summary>
    public double Tolerance { get; init; } = 1e-6;

    /// <summary>Iteration (or epoch) limit. Default 1000.</summary>
    public int MaxIterations { get; init; } = 1000;

    /// <summary>Wall-time budget of the iterations (tracing and observer time excluded); null for none. A step that the
    /// longest step so far says would not finish within it is not started, so the run ends inside the budget rather than
    /// one step after it (and with a zero budget takes no step).</summary>
    public TimeSpan? MaxTime { get; init; }

    /// <summary>Record a <see cref="TracePoint"/> every this many iterations (and at the start and end); 0 for no trace.</summary>
    public int TraceEvery { get; init; }

    /// <summary>
    /// The largest share of the solver time that tracing may take (0.2: tracing adds at most about 20 % to the run's wall
    /// time): a trace point due by <see cref="TraceEvery"/> is skipped while the time spent tracing so far exceeds this
    /// share of the solver time so far, so cheap iterations are traced sparsely and expensive ones densely. The first
    /// point, the last and the converged one are always recorded. 0 (the default): every due point is recorded.
    /// </summary>
    public double TraceShare { get; init; }

    /// <summary>Called after every iteration; return false to stop (<see cref="StopReason.StoppedByObserver"/>).</summary>
    public Func<IterationReport, bool>? Observer { get; init; }

    /// <summary>
    /// The ranks of a distributed run (rows split across processes, <see cref="LinearAlgebra.Distributed.DistributedRows"/>),
    /// or null. Set, the loop's decisions that depend on one process — cancellation, <see cref="MaxTime"/> and the
    /// <see cref="Observer"/> — are combined with an all-reduce each iteration, so every rank stops at the same iteration
    /// for the same reason instead of one rank leaving the others waiting in a collective. The convergence test needs no
    /// such step: its criterion is the same on every rank. Every rank must pass the same options (an observer on every
    /// rank or on none; its answers may differ).
    /// </summary>
    public LinearAlgebra.Distributed.ICommunicator? Communicator { get; init; }

    /// <summary>Save the state every few iterations and/or continue from a saved one (<see cref="SolverCheckpoints"/>);
    /// null for neither. A solver whose state does not implement <see cref="ICheckpointable"/> refuses it.</summary>
    public SolverCheckpoints? Checkpoints { get; init; }

    /// <summary>Every problem with these options, one message per field; empty when valid.</summary>
    public virtual IEnumerable<string> Problems()
    {
        if (!(Tolerance >= 0) || double.IsPositiveInfinity(Tolerance))
            yield return $"{nameof(Tolerance)} must be a finite number ≥ 0; it is {Tolerance}.";
        if (MaxIterations < 0)
            yield return $"{nameof(MaxIterations)} must be ≥ 0; it is {MaxIterations}.";
        if (MaxTime is { } t && t < TimeSpan.Zero)
            yield return $"{nameof(MaxTime)} must be non-negative; it is {t}.";
        if (TraceEvery < 0)
            yield return $"{nameof(TraceEvery)} must be ≥ 0 (0 = no trace); it is {TraceEvery}.";
        if (!(TraceShare >= 0) || double.IsPositiveInfinity(TraceShare))
            yield return $"{nameof(TraceShare)} must be a finite number ≥ 0 (0 = no limit); it is {TraceShare}.";
        if (Checkpoints is { Every: < 0 } c)
            yield return $"{nameof(Checkpoints)}.Every must be ≥ 0 (0 = never); it is {c.Every}.";
    }

    /// <summary>Throws an <see cref="ArgumentException"/> (parameter "options") listing every problem.</summary>
    public void Validate()
    {
        var problems = Problems().ToList();
        if (problems.Count > 0)
            throw new ArgumentException($"Invalid {GetType().Name}: {string.Join(" ", problems)}", "options");
    }
}
