using System.Globalization;
using System.Text;
using OptSuite.Data.IO;

namespace OptSuite.Cli.Bench;

/// <summary>
/// Writes a benchmark's outputs into one folder: traces.csv, summary.md (time to 1e-2 … 1e-8 relative
/// suboptimality), PNG and SVG plots against time and iterations, and report.md linking them all.
/// </summary>
internal static class BenchmarkReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The header of traces.csv (a documented contract).</summary>
    public const string TracesHeader = "solver,iteration,seconds,objective,relative_suboptimality,gap";

    /// <summary>What the report says about the problem and the reference optimum.</summary>
    public sealed record Context(string Title, string Problem, string Data, double Reference, string ReferenceHow,
        IReadOnlyList<KeyValuePair<string, string>> Facts, string? Warning = null);

    /// <summary>The trace file's name.</summary>
    public const string Traces = "traces.csv";

    private const string Summary = "summary.md", Report = "report.md";

    /// <summary>The stems of the two plots (each written as .png and .svg).</summary>
    public const string TimePlot = "suboptimality_vs_time", IterationPlot = "suboptimality_vs_iterations";

    /// <summary>The files <see cref="Write"/> puts into its folder.</summary>
    public static readonly string[] FileNames =
        [Traces, Summary, TimePlot + ".png", TimePlot + ".svg", IterationPlot + ".png", IterationPlot + ".svg", Report];

    /// <summary>Writes every output; returns the report's path.</summary>
    public static string Write(string directory, Context context, IReadOnlyList<SolverRun> runs)
    {
        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllText(Path.Combine(directory, Traces), TracesCsv(runs, context.Reference));
        string summary = SummaryTable(runs, context.Reference);
        AtomicFile.WriteAllText(Path.Combine(directory, Summary), summary);
        var byTime = ConvergencePlots.Write(directory, TimePlot, $"{context.Title}: suboptimality vs time", runs, context.Reference, true);
        var byIter = ConvergencePlots.Write(directory, IterationPlot, $"{context.Title}: suboptimality vs iterations", runs, context.Reference, false);

        var md = new StringBuilder();
        md.AppendLine($"# {context.Title}").AppendLine();
        md.AppendLine($"- problem: {context.Problem}");
        md.AppendLine($"- data: {context.Data}");
        md.AppendLine($"- reference optimum F* = {context.Reference.ToString("R", Inv)}: {context.ReferenceHow}");
        if (context.Warning is { } w) md.AppendLine($"- **warning**: {w}");
        foreach (var (k, v) in context.Facts) md.AppendLine($"- {k}: {v}");
        md.AppendLine().AppendLine("## Time to reach a relative suboptimality (F − F*)/|F*|").AppendLine();
        md.AppendLine($"Solver time in seconds (tracing excluded) at the first trace point at or below each target, with the iteration in parentheses; — when never reached. Every solver starts from w = 0 after an untimed warm-up run (≤ {BenchRunner.WarmupIterations} iterations) that compiles its code.").AppendLine();
        md.AppendLine(summary);
        md.AppendLine("## Plots").AppendLine();
        md.AppendLine($"![suboptimality vs time]({byTime.Png}) ([SVG]({byTime.Svg}))").AppendLine();
        md.AppendLine($"![suboptimality vs iterations]({byIter.Png}) ([SVG]({byIter.Svg}))").AppendLine();
        md.AppendLine("Iterations are each solver's own: a FISTA/ISTA step (with its backtracking), an L-BFGS/OWL-QN step (with its line search), a cd iteration = one full epoch over the coordinates plus up to 50 sweeps over the non-zero ones (glmnet's active-set cycling), a dual-cd iteration = one epoch over the samples. Compare solvers by time; the iteration plot shows each method's rate.").AppendLine();
        md.AppendLine($"Relative suboptimalities below {Suboptimality.Floor:0e0} (including 0 and negative values) are drawn at that floor; traces.csv keeps the raw values.").AppendLine();
        md.AppendLine("## Tracing cost").AppendLine();
        md.AppendLine("Each trace point evaluates F and, where the objective has one, the duality gap; the solver clock is paused meanwhile, so the curves show solver time only. The wall time of each call includes it:").AppendLine();
        md.AppendLine(TracingTable(runs));
        md.AppendLine("Raw traces: [traces.csv](traces.csv) (columns " + TracesHeader + "; `seconds` is solver time, `gap` the absolute duality gap, empty where the objective has none).");
        string path = Path.Combine(directory, Report);
        AtomicFile.WriteAllText(path, md.ToString());
        return path;
    }

    /// <summary>solver,iteration,seconds,objective,relative_suboptimality,gap — one row per trace point.</summary>
    public static string TracesCsv(IReadOnlyList<SolverRun> runs, double reference)
    {
        var sb = new StringBuilder(TracesHeader).Append('\n');
        foreach (var run in runs)
            foreach (var p in run.Result.Trace)
                sb.Append(run.Solver).Append(',')
                  .Append(p.Iteration.ToString(Inv)).Append(',')
                  .Append(p.Seconds.ToString("R", Inv)).Append(',')
                  .Append(p.Objective.ToString("R", Inv)).Append(',')
                  .Append(Suboptimality.Relative(p.Objective, reference).ToString("R", Inv)).Append(',')
                  .Append(double.IsNaN(p.DualityGap) ? "" : p.DualityGap.ToString("R", Inv)).Append('\n');
        return sb.ToString();
    }

    /// <summary>A Markdown table: solver, stop reason, iterations, seconds, final objective, then time to each target.</summary>
    public static string SummaryTable(IReadOnlyList<SolverRun> runs, double reference)
    {
        var sb = new StringBuilder("| solver | stop | iterations | seconds | final rel. subopt |");
        foreach (var t in Suboptimality.Targets) sb.Append($" time to {t:0e0} |");
        sb.Append("\n|---|---|---:|---:|---:|");
        foreach (var _ in Suboptimality.Targets) sb.Append("---:|");
        sb.Append('\n');
        foreach (var run in runs)
        {
            var r = run.Result;
            sb.Append($"| {run.Solver} | {r.StopReason} | {r.Iterations} | {r.Elapsed.TotalSeconds.ToString("G4", Inv)} | ")
              .Append(Suboptimality.Relative(r.Objective, reference).ToString("0.0e0", Inv)).Append(" |");
            foreach (var t in Suboptimality.Targets)
            {
                var s = Suboptimality.TimeToReach(run, reference, t);
                var it = Suboptimality.IterationsToReach(run, reference, t);
                sb.Append(s is { } v ? $" {Seconds(v)} s ({it}) |" : " — |");
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Three significant digits, in plain notation down to 1 ms and as 7.05e-5 below.</summary>
    public static string Seconds(double v) => v >= 1e-3 || v == 0 ? v.ToString("G3", Inv) : v.ToString("0.##e0", Inv);

    private static string TracingTable(IReadOnlyList<SolverRun> runs)
    {
        var sb = new StringBuilder("| solver | trace points | solver s | wall s | tracing s |\n|---|---:|---:|---:|---:|\n");
        foreach (var run in runs)
        {
            double solver = run.Result.Elapsed.TotalSeconds;
            string wall = double.IsNaN(run.WallSeconds) ? "—" : run.WallSeconds.ToString("G4", Inv);
            string overhead = double.IsNaN(run.WallSeconds) ? "—" : (run.WallSeconds - solver).ToString("G3", Inv);
            sb.Append($"| {run.Solver} | {run.Result.Trace.Count} | {solver.ToString("G4", Inv)} | {wall} | {overhead} |\n");
        }
        return sb.ToString();
    }
}
