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

    /// <summary>Iterations of the first trace point whose relative suboptimality is ≤ target; null if none reached it.</summary>
    public static int? IterationsToReach(SolverRun run, double reference, double target)
    {
        foreach (var p in run.Result.Trace)
            if (Relative(p.Objective, reference) <= target) return p.Iteration;
        return null;
    }
}
