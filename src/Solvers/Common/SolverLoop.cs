using System.Diagnostics;

namespace OptSuite.Solvers;

/// <summary>
/// The one run loop every solver uses: convergence test, iteration and time limits, cancellation, observer, trace.
/// </summary>
/// <remarks>
/// Order per iteration: cancellation → <see cref="ISolverState.Step"/> → non-finite / line-search / no-progress outcome →
/// convergence → trace → observer → checkpoint → time limit. Convergence is also tested before the first step, so a warm
/// start at the optimum costs no iteration. The stopwatch is paused while tracing, while the observer runs and while a
/// checkpoint is saved. A resumed run (<see cref="SolverCheckpoints.Resume"/>) restores the state and counts its
/// iterations on from the checkpoint's.
/// </remarks>
public static class SolverLoop
{
    /// <summary>Drives <paramref name="state"/> until a stop condition holds.</summary>
    public static LoopOutcome Run<TState>(TState state, SolverOptions options, CancellationToken cancellationToken = default)
        where TState : ISolverState
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var checkpoints = options.Checkpoints;
        ICheckpointable? keeper = null;
        if (checkpoints is not null && (checkpoints.Resume is not null || checkpoints is { Every: > 0, Save: not null }))
            keeper = state as ICheckpointable ?? throw new NotSupportedException(
                $"{Name(state)} does not keep checkpoints; trust-region Newton, L-BFGS, OWL-QN, FISTA, ISTA, dual coordinate descent " +
                "(CoCoA+ across ranks, and in memory) and covariance-mode coordinate descent do.");
        int it = 0;
        if (checkpoints?.Resume is { } resume)
        {
            keeper!.Restore(resume);
            it = resume.Iteration;
        }
        var clock = Stopwatch.StartNew();
        var trace = options.TraceEvery > 0 ? new List<TracePoint>() : null;
        long maxTicks = options.MaxTime is { } t ? (long)(t.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;
        long traceTicks = 0;   // Stopwatch ticks spent recording trace points (TraceShare)

        traceTicks += Record(trace, state, clock, it);
        StopReason reason;
        if (state.HasConverged(options.Tolerance))
        {
            reason = StopReason.Converged;
        }
        else
        {
            reason = StopReason.MaxIterations;
            long longestStep = 0;
            var ranks = options.Communicator is { Size: > 1 } c ? c : null;
            // One all-reduce per iteration only where some rank could decide alone (a cancellable token, a time budget);
            // whether that is so is itself agreed on once, so every rank takes part in the same collectives.
            bool agree = ranks is not null && Any(ranks, cancellationToken.CanBeCanceled || maxTicks != long.MaxValue, false).A;
            while (it < options.MaxIterations)
            {
                // MaxTime is a budget, not a point after which the current step ends: an iteration (step and convergence
                // check) that would not finish within it is not started (the longest iteration so far predicts the next;
                // a multinomial fit with thousands of classes spends 80 ms per step and overshot a 300 ms budget by two
                // steps), and with nothing left none is.
                long before = clock.ElapsedTicks;
                bool cancelled = cancellationToken.IsCancellationRequested;
                bool late = before + longestStep >= maxTicks && maxTicks != long.MaxValue;
                if (agree) (cancelled, late) = Any(ranks!, cancelled, late);
                if (cancelled) { reason = StopReason.Cancelled; break; }
                if (late) { reason = StopReason.MaxTime; break; }
                StepOutcome outcome = state.Step();
                it++;
                if (outcome == StepOutcome.NonFinite) { reason = StopReason.NonFinite; break; }
                if (outcome == StepOutcome.LineSearchFailed) { reason = StopReason.LineSearchFailed; break; }
                if (outcome == StepOutcome.NoProgress) { reason = StopReason.NoProgress; break; }
                bool converged = state.HasConverged(options.Tolerance);
                longestStep = Math.Max(longestStep, clock.ElapsedTicks - before);
                if (trace is not null && (converged || (it % options.TraceEvery == 0 && Due(options.TraceShare, traceTicks, clock, ranks))))
                    traceTicks += Record(trace, state, clock, it);
                if (converged) { reason = StopReason.Converged; break; }
                if (options.Observer is { } observer)
                {
                    clock.Stop();
                    bool goOn = observer(new IterationReport(it, clock.Elapsed.TotalSeconds, state.Criterion));
                    if (ranks is not null) goOn = !Any(ranks, !goOn, false).A;
                    clock.Start();
                    if (!goOn) { reason = StopReason.StoppedByObserver; break; }
                }
                if (checkpoints is { Every: > 0, Save: { } save } && it % checkpoints.Every == 0)
                {
                    clock.Stop();
                    save(keeper!.Capture(it));
                    clock.Start();
                }
            }
        }
        clock.Stop();
        if (trace is not null && (trace.Count == 0 || trace[^1].Iteration != it)) Record(trace, state, clock, it);
        return new LoopOutcome(reason, it, clock.Elapsed, (IReadOnlyList<TracePoint>?)trace ?? []);
    }

    private static string Name(object state)
    {
        string name = state.GetType().Name;
        int tick = name.IndexOf('`');
        return tick < 0 ? name : name[..tick];
    }

    /// <summary>Whether any rank raised each flag (one all-reduce of two doubles).</summary>
    private static (bool A, bool B) Any(LinearAlgebra.Distributed.ICommunicator ranks, bool a, bool b)
    {
        Span<double> flags = [a ? 1 : 0, b ? 1 : 0];
        ranks.AllReduceMax(flags);
        return (flags[0] > 0, flags[1] > 0);
    }

    /// <summary>Whether tracing is within its share of the solver time (agreed by all ranks: a trace point evaluates the
    /// objective, which is collective on distributed rows).</summary>
    private static bool Due(double share, long traceTicks, Stopwatch clock, LinearAlgebra.Distributed.ICommunicator? ranks)
    {
        if (share <= 0) return true;
        bool due = traceTicks <= share * clock.ElapsedTicks;
        return ranks is null ? due : Any(ranks, due, false).A;
    }

    /// <summary>Records a trace point (the solver clock paused); returns the ticks it took.</summary>
    private static long Record<TState>(List<TracePoint>? trace, TState state, Stopwatch clock, int iteration)
        where TState : ISolverState
    {
        if (trace is null) return 0;
        bool running = clock.IsRunning;
        clock.Stop();
        long start = Stopwatch.GetTimestamp();
        trace.Add(new TracePoint(iteration, clock.Elapsed.TotalSeconds, state.Objective(), state.Criterion, state.DualityGap()));
        long took = Stopwatch.GetTimestamp() - start;   // Stopwatch ticks, as clock.ElapsedTicks
        if (running) clock.Start();
        return took;
    }
}
