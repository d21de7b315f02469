using System.Diagnostics;

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

    /// <summary>Runs the reference solve and the solvers, in the order given.</summary>
    public static (ReferenceSolve Reference, IReadOnlyList<SolverRun> Runs) Run(BenchProblem problem, BenchSettings settings, IBenchProgress progress)
    {
        string refSolver = problem.ReferenceSolver;
        var refSettings = new RunSettings(ReferenceTolerance, int.MaxValue, settings.ReferenceTime, 0, settings.Seed);
        string refLabel = $"reference ({refSolver})";
        refSettings = refSettings with { Observer = progress.Begin(refLabel, refSettings) };
        var clock = Stopwatch.StartNew();
        var reference = problem.Run(refSolver, refSettings);
        progress.End(refLabel, reference, clock.Elapsed.TotalSeconds);

        var runs = new List<SolverRun>();
        foreach (string solver in settings.Solvers)
        {
            // Untimed warm-up: the first calls run tier-0 JIT code, which would charge compilation to the first solver.
            problem.Run(solver, new RunSettings(settings.Tolerance, WarmupIterations, WarmupTime, 1, settings.Seed));
            var run = new RunSettings(settings.Tolerance, settings.MaxIterations, settings.MaxTime, settings.TraceEvery, settings.Seed);
            run = run with { Observer = progress.Begin(solver, run) };
            clock.Restart();
            var result = problem.Run(solver, run);
            double wall = clock.Elapsed.TotalSeconds;
            progress.End(solver, result, wall);
            runs.Add(new SolverRun(solver, result, wall));
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
