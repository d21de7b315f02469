using System.Diagnostics;
using OptSuite.Solvers;

namespace OptSuite.Cli.Bench;

/// <summary>
/// Runs a benchmark: one tight reference solve, then every requested solver with a trace point every
/// <see cref="BenchSettings.TraceEvery"/> iterations, all from zero on the same objective.
/// </summary>
/// <remarks>
/// The reference optimum is F* = min(F of the tight solve, every traced F), so no relative suboptimality is negative
/// unless a solver's final point differs from its traced one. Trace times are solver time only: the shared solver loop
/// stops its clock while a trace point (objective and duality gap) is evaluated and while the observer runs, as
/// benchopt does; the wall time of each call is kept so the report can show what tracing cost. Each timed run is
/// preceded by a short untimed run of the same solver (at most <see cref="WarmupIterations"/> iterations), so JIT
/// compilation is not charged to whichever solver happens to run first.
/// </remarks>
internal static class BenchRunner
{
    /// <summary>Tolerance of the reference solve (each solver's own criterion; relative duality gap for cd/fista/dual-cd).</summary>
    public const double ReferenceTolerance = 1e-13;

    /// <summary>Iteration limit of the untimed warm-up run before each timed run.</summary>
    public const int WarmupIterations = 20;

    /// <summary>Time limit of the warm-up run.</summary>
    public static readonly TimeSpan WarmupTime = TimeSpan.FromSeconds(0.2);

    /// <summary>Iterations without a 1% better criterion, once it is below <see cref="StallFloor"/>, after which the
    /// reference solve is stopped as stalled: a criterion at its rounding floor (block coordinate descent on the abalone
    /// group lasso sat at a relative gap of 3.4e-13 for 5,800 epochs, its whole 30 s) cannot reach 1e-13.</summary>
    public const int StallIterations = 200;

    /// <summary>The criterion below which the reference solve may be stopped as stalled.</summary>
    public const double StallFloor = 1e-10;

    /// <summary>Watches the reference solve's criterion for a stall (see <see cref="StallIterations"/>).</summary>
    internal sealed class StallWatch
    {
        private double _best = double.PositiveInfinity;
        private int _since;

        public bool Continue(IterationReport r)
        {
            if (r.Criterion < 0.99 * _best) { _best = r.Criterion; _since = 0; }
            else if (_best <= StallFloor) _since++;
            return _since < StallIterations;
        }
    }

    /// <summary>Runs the reference solve and the solvers, in the order given.</summary>
    public static (ReferenceSolve Reference, IReadOnlyList<SolverRun> Runs) Run(BenchProblem problem, BenchSettings settings, IBenchProgress progress)
    {
        string refSolver = problem.ReferenceSolver;
        var refSettings = new RunSettings(ReferenceTolerance, int.MaxValue, settings.ReferenceTime, 0, settings.Seed);
        string refLabel = $"reference ({refSolver})";
        var shown = progress.Begin(refLabel, refSettings);
        var stall = new StallWatch();
        refSettings = refSettings with { Observer = r => stall.Continue(r) && (shown is null || shown(r)) };
        var clock = Stopwatch.StartNew();
        var reference = problem.Run(refSolver, refSettings);
        progress.End(refLabel, reference, clock.Elapsed.TotalSeconds);

        var runs = new List<SolverRun>();
        foreach (string solver in settings.Solvers)
        {
            // Untimed warm-up: the first calls run tier-0 JIT code, which would charge compilation to the first solver.
            problem.Run(solver, new RunSettings(settings.Tolerance, WarmupIterations, WarmupTime, 1, settings.Seed));
            var timed = new List<(SolverResult Result, double Wall)>();
            for (int rep = 0; rep < settings.Repetitions; rep++)
            {
                var run = new RunSettings(settings.Tolerance, settings.MaxIterations, settings.MaxTime, settings.TraceEvery, settings.Seed,
                    TraceShare: settings.TraceShare);
                string label = settings.Repetitions > 1 ? $"{solver} ({rep + 1}/{settings.Repetitions})" : solver;
                run = run with { Observer = progress.Begin(label, run) };
                clock.Restart();
                var result = problem.Run(solver, run);
                double wall = clock.Elapsed.TotalSeconds;
                progress.End(label, result, wall);
                timed.Add((result, wall));
            }
            // The run of median solver time (the lower middle one for an even count) stands for the solver (its trace is
            // drawn); every run's times are reported.
            var median = timed.OrderBy(t => t.Result.Elapsed).ElementAt((timed.Count - 1) / 2);
            runs.Add(new SolverRun(solver, median.Result, median.Wall, timed.Count > 1 ? timed.Select(t => t.Result).ToArray() : null));
        }

        double best = reference.Objective;
        string? bestBy = null;
        foreach (var r in runs)
        {
            foreach (var p in r.Result.Trace)
                if (p.Objective < best) { best = p.Objective; bestBy = r.Solver; }
            if (r.Result.Objective < best) { best = r.Result.Objective; bestBy = r.Solver; }
        }
        return (new ReferenceSolve(refSolver, ReferenceTolerance, reference, best, bestBy), runs);
    }
}
