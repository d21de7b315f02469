using System.Globalization;
using System.Text;
using OptSuite.Data.IO;

namespace OptSuite.Cli.Bench;

/// <summary>
/// Writes a benchmark's outputs into one folder: traces.csv, summary.md (time to 1e-2 … 1e-8 relative
/// suboptimality), PNG and SVG plots against time and iterations, report.md linking them all, and report.html — the
/// same report self-contained (plots embedded), to mail or attach.
/// </summary>
internal static class BenchmarkReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The header of traces.csv (a documented contract).</summary>
    public const string TracesHeader = "solver,iteration,seconds,objective,relative_suboptimality,gap";

    /// <summary>What the report says about the problem and the reference optimum.</summary>
    public sealed record Context(string Title, string Problem, string Data, double Reference, string ReferenceHow,
        IReadOnlyList<KeyValuePair<string, string>> Facts, string? Warning = null)
    {
        /// <summary>The plots' x axes.</summary>
        public AxisScale XScale { get; init; }
    }

    /// <summary>The trace file's name.</summary>
    public const string Traces = "traces.csv";

    private const string Summary = "summary.md", Report = "report.md";

    /// <summary>The self-contained HTML report's name.</summary>
    public const string HtmlReport = "report.html";

    /// <summary>The stems of the two plots (each written as .png and .svg).</summary>
    public const string TimePlot = "suboptimality_vs_time", IterationPlot = "suboptimality_vs_iterations";

    /// <summary>The files <see cref="Write"/> puts into its folder.</summary>
    public static readonly string[] FileNames =
        [Traces, Summary, TimePlot + ".png", TimePlot + ".svg", IterationPlot + ".png", IterationPlot + ".svg", Report, HtmlReport];

    /// <summary>Writes every output; returns the report's path.</summary>
    public static string Write(string directory, Context context, IReadOnlyList<SolverRun> runs)
    {
        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllText(Path.Combine(directory, Traces), TracesCsv(runs, context.Reference));
        string summary = SummaryTable(runs, context.Reference);
        AtomicFile.WriteAllText(Path.Combine(directory, Summary), summary);
        var byTime = ConvergencePlots.Write(directory, TimePlot, $"{context.Title}: suboptimality vs time", runs, context.Reference, true, context.XScale);
        var byIter = ConvergencePlots.Write(directory, IterationPlot, $"{context.Title}: suboptimality vs iterations", runs, context.Reference, false, context.XScale);

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
        md.AppendLine(TracingText).AppendLine();
        md.AppendLine(TracingTable(runs));
        md.AppendLine("Raw traces: [traces.csv](traces.csv) (columns " + TracesHeader + "; `seconds` is solver time, `gap` the absolute duality gap, empty where the objective has none). The same report with the plots embedded: [report.html](report.html).");
        string path = Path.Combine(directory, Report);
        AtomicFile.WriteAllText(path, md.ToString());
        AtomicFile.WriteAllText(Path.Combine(directory, HtmlReport), Html(directory, context, runs, byTime.Png, byIter.Png));
        return path;
    }

    private const string TracingText = "Each trace point evaluates F and, where the objective has one, the duality gap; the solver clock is paused meanwhile, so the curves show solver time only. The wall time of each call includes it:";

    /// <summary>report.md's content as one HTML page: the plots embedded as data URIs, the tables as HTML tables.</summary>
    private static string Html(string directory, Context context, IReadOnlyList<SolverRun> runs, string timePng, string iterationPng)
    {
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(Text(context.Title)).Append("</title>\n")
         .Append("<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em}table{border-collapse:collapse}")
         .Append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}td:first-child,th:first-child{text-align:left}img{max-width:100%}</style></head><body>\n");
        h.Append("<h1>").Append(Text(context.Title)).Append("</h1>\n<ul>\n");
        h.Append("<li>problem: ").Append(Text(context.Problem)).Append("</li>\n");
        h.Append("<li>data: ").Append(Text(context.Data)).Append("</li>\n");
        h.Append("<li>reference optimum F* = ").Append(context.Reference.ToString("R", Inv)).Append(": ").Append(Text(context.ReferenceHow)).Append("</li>\n");
        if (context.Warning is { } w) h.Append("<li><strong>warning</strong>: ").Append(Text(w)).Append("</li>\n");
        foreach (var (k, v) in context.Facts) h.Append("<li>").Append(Text(k)).Append(": ").Append(Text(v)).Append("</li>\n");
        h.Append("</ul>\n<h2>Time to reach a relative suboptimality (F − F*)/|F*|</h2>\n");
        h.Append(HtmlTable(SummaryCells(runs, context.Reference)));
        h.Append("<h2>Plots</h2>\n");
        foreach (string png in new[] { timePng, iterationPng })
            h.Append("<p><img alt=\"").Append(Text(png)).Append("\" src=\"data:image/png;base64,")
             .Append(Convert.ToBase64String(File.ReadAllBytes(Path.Combine(directory, png)))).Append("\"></p>\n");
        h.Append("<h2>Tracing cost</h2>\n<p>").Append(Text(TracingText)).Append("</p>\n").Append(HtmlTable(TracingCells(runs)));
        h.Append("</body></html>\n");
        return h.ToString();
    }

    /// <summary>Text escaped for HTML.</summary>
    private static string Text(string s) => System.Net.WebUtility.HtmlEncode(s);

    private static string HtmlTable((string[] Header, List<string[]> Rows) t)
    {
        var h = new StringBuilder("<table>\n<tr>");
        foreach (string c in t.Header) h.Append("<th>").Append(Text(c)).Append("</th>");
        h.Append("</tr>\n");
        foreach (var row in t.Rows)
        {
            h.Append("<tr>");
            foreach (string c in row) h.Append("<td>").Append(Text(c)).Append("</td>");
            h.Append("</tr>\n");
        }
        return h.Append("</table>\n").ToString();
    }

    /// <summary>A Markdown table of <paramref name="t"/>: the first <paramref name="left"/> columns left-aligned (names,
    /// words), the others right-aligned (numbers).</summary>
    private static string MarkdownTable((string[] Header, List<string[]> Rows) t, int left = 1)
    {
        var sb = new StringBuilder("| ").Append(string.Join(" | ", t.Header)).Append(" |\n|");
        for (int c = 0; c < t.Header.Length; c++) sb.Append(c < left ? "---|" : "---:|");
        sb.Append('\n');
        foreach (var row in t.Rows) sb.Append("| ").Append(string.Join(" | ", row)).Append(" |\n");
        return sb.ToString();
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
    public static string SummaryTable(IReadOnlyList<SolverRun> runs, double reference) => MarkdownTable(SummaryCells(runs, reference), left: 2);

    /// <summary>The summary's header and rows: solver, stop, iterations, seconds, final relative suboptimality, then the
    /// solver time (and iteration) at which each target was first reached.</summary>
    private static (string[] Header, List<string[]> Rows) SummaryCells(IReadOnlyList<SolverRun> runs, double reference)
    {
        string[] header = ["solver", "stop", "iterations", "seconds", "final rel. subopt", .. Suboptimality.Targets.Select(t => $"time to {t:0e0}")];
        var rows = new List<string[]>();
        bool repeated = runs.Any(r => r.Runs.Count > 1);
        if (repeated)
        {
            header[3] = "seconds (min / median)";
            for (int k = 0; k < Suboptimality.Targets.Length; k++) header[5 + k] += " (min / median)";
        }
        foreach (var run in runs)
        {
            var r = run.Result;
            var elapsed = run.Runs.Select(x => x.Elapsed.TotalSeconds).Order().ToArray();
            double median = elapsed.Length % 2 == 1 ? elapsed[elapsed.Length / 2] : 0.5 * (elapsed[elapsed.Length / 2 - 1] + elapsed[elapsed.Length / 2]);
            string seconds = repeated ? $"{elapsed[0].ToString("G4", Inv)} / {median.ToString("G4", Inv)}"
                : r.Elapsed.TotalSeconds.ToString("G4", Inv);
            var row = new List<string> { run.Solver, r.StopReason.ToString(), r.Iterations.ToString(Inv), seconds,
                Suboptimality.Relative(r.Objective, reference).ToString("0.0e0", Inv) };
            foreach (var t in Suboptimality.Targets)
            {
                var s = Suboptimality.TimeToReach(run, reference, t);
                var it = Suboptimality.IterationsToReach(run, reference, t);
                if (!repeated) { row.Add(s is { } v ? $"{Seconds(v)} s ({it})" : "—"); continue; }
                // With repetitions: the fastest run's time and the median of every run's (a run that never reached it counts as never).
                row.Add(Suboptimality.BestAndMedian(run, reference, t) is var text && text == "—" ? text : text + " s");
            }
            rows.Add([.. row]);
        }
        return (header, rows);
    }

    /// <summary>Three significant digits, in plain notation down to 1 ms and as 7.05e-5 below.</summary>
    public static string Seconds(double v) => v >= 1e-3 || v == 0 ? v.ToString("G3", Inv) : v.ToString("0.##e0", Inv);

    private static string TracingTable(IReadOnlyList<SolverRun> runs) => MarkdownTable(TracingCells(runs));

    private static (string[] Header, List<string[]> Rows) TracingCells(IReadOnlyList<SolverRun> runs)
    {
        var rows = new List<string[]>();
        foreach (var run in runs)
        {
            double solver = run.Result.Elapsed.TotalSeconds;
            string wall = double.IsNaN(run.WallSeconds) ? "—" : run.WallSeconds.ToString("G4", Inv);
            string overhead = double.IsNaN(run.WallSeconds) ? "—" : (run.WallSeconds - solver).ToString("G3", Inv);
            rows.Add([run.Solver, run.Result.Trace.Count.ToString(Inv), solver.ToString("G4", Inv), wall, overhead]);
        }
        return (["solver", "trace points", "solver s", "wall s", "tracing s"], rows);
    }
}
