namespace OptSuite.Cli.Bench;

/// <summary>Relative suboptimality against a reference optimum, and time-to-target summaries.</summary>
internal static class Suboptimality
{
    /// <summary>Targets reported in the summary table.</summary>
    public static readonly double[] Targets = [1e-2, 1e-4, 1e-6, 1e-8];

    /// <summary>
    /// Smallest relative suboptimality plotted. Values below it — including 0 and negative values, when a point
    /// matches or beats F* by rounding — are drawn at this floor (traces.csv keeps the raw values): differences of
    /// objectives summed over n samples in double precision are rounding noise at about this level.
    /// </summary>
    public const double Floor = 1e-14;

    /// <summary>The denominator's lower bound, so F* = 0 gives a finite (absolute) suboptimality.</summary>
    public const double Tiny = 1e-300;

    /// <summary>(F − F*) / max(|F*|, <see cref="Tiny"/>); may be ≤ 0 when a solver matches or beats the reference.</summary>
    public static double Relative(double objective, double reference) =>
        (objective - reference) / Math.Max(Math.Abs(reference), Tiny);

    /// <summary>The value drawn on a log axis: max(<see cref="Relative"/>, <see cref="Floor"/>); NaN stays NaN.</summary>
    public static double Plotted(double objective, double reference)
    {
        double r = Relative(objective, reference);
        return double.IsNaN(r) ? r : Math.Max(r, Floor);
    }

    /// <summary>Seconds of the first trace point whose relative suboptimality is ≤ target; null if none reached it.</summary>
    public static double? TimeToReach(SolverRun run, double reference, double target)
    {
        foreach (var p in run.Result.Trace)
            if (Relative(p.Objective, reference) <= target) return p.Seconds;
        return null;
    }

    /// <summary>The fastest and the median (the mean of the two middle ones for an even count) of every run's time to
    /// <paramref name="target"/>; a run that never reached it counts as +∞, so the median is +∞ when half of them never did.</summary>
    public static (double Best, double Median) TimesToReach(SolverRun run, double reference, double target)
    {
        var times = run.Runs.Select(x => TimeToReach(new SolverRun(run.Solver, x), reference, target) ?? double.PositiveInfinity).Order().ToArray();
        int n = times.Length;
        return (times[0], n % 2 == 1 ? times[n / 2] : 0.5 * (times[n / 2 - 1] + times[n / 2]));
    }

    /// <summary>"best / median" in <see cref="BenchmarkReport.Seconds"/> form, "—" where never reached.</summary>
    public static string BestAndMedian(SolverRun run, double reference, double target)
    {
        var (best, median) = TimesToReach(run, reference, target);
        return double.IsPositiveInfinity(best) ? "—"
            : $"{BenchmarkReport.Seconds(best)} / {(double.IsPositiveInfinity(median) ? "—" : BenchmarkReport.Seconds(median))}";
    }

    /// <summary>Iterations of the first trace point whose relative suboptimality is ≤ target; null if none reached it.</summary>
    public static int? IterationsToReach(SolverRun run, double reference, double target)
    {
        foreach (var p in run.Result.Trace)
            if (Relative(p.Objective, reference) <= target) return p.Iteration;
        return null;
    }
}
