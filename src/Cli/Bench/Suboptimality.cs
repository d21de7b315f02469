namespace OptSuite.Cli.Bench;

/// <summary>Relative suboptimality against a reference optimum, and time-to-target summaries.</summary>
internal static class Suboptimality
{
    /// <summary>Targets reported in the summary table.</summary>
    public static readonly double[] Targets = [1e-2, 1e-4, 1e-6, 1e-8];

    /// <summary>Smallest value plotted: points at or below the reference are drawn here (log scales cannot show 0).</summary>
    public const double Floor = 1e-16;

    /// <summary>(F − F*) / max(|F*|, 1e-300); may be ≤ 0 when a solver matches or beats the reference.</summary>
    public static double Relative(double objective, double reference) =>
        (objective - reference) / Math.Max(Math.Abs(reference), 1e-300);

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
