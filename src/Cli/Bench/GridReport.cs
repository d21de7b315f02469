using System.Globalization;
using System.Text;
using OptSuite.Cli.Commands;
using OptSuite.Data.IO;

namespace OptSuite.Cli.Bench;

/// <summary>
/// The combined report of a benchmark grid (<c>optsuite bench --config</c>): index.md and a self-contained index.html
/// with one row per case and solver — its stop, final relative suboptimality and the time to 1e-4, 1e-6 and 1e-8 (the
/// fastest and the median of the repetitions) — linking each case's own report.
/// </summary>
internal static class GridReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly double[] Targets = [1e-4, 1e-6, 1e-8];

    /// <summary>One case: the model label, the data stem, its folder and what its benchmark gave.</summary>
    public sealed record Case(string Label, string Data, string Directory, BenchCommand.Outcome Outcome);

    /// <summary>Writes index.md and index.html into <paramref name="root"/>; returns their paths.</summary>
    public static (string Markdown, string Html) Write(string root, BenchGrid grid, IReadOnlyList<Case> cases, string command)
    {
        Directory.CreateDirectory(root);
        string[] header = ["data", "model", "solver", "stop", "final rel. subopt", .. Targets.Select(t => $"time to {t:0e0} (min / median s)")];
        var rows = new List<(string[] Cells, string Link)>();
        foreach (var c in cases)
            foreach (var run in c.Outcome.Runs)
            {
                var cells = new List<string> { c.Data, c.Label, run.Solver, run.Result.StopReason.ToString(),
                    Suboptimality.Relative(run.Result.Objective, c.Outcome.Reference).ToString("0.0e0", Inv) };
                foreach (double t in Targets) cells.Add(Suboptimality.BestAndMedian(run, c.Outcome.Reference, t));
                rows.Add((cells.ToArray(), Path.GetRelativePath(root, Path.Combine(c.Directory, "report.md"))));
            }
        var limits = grid.Limits;
        string facts = $"{grid.Datasets.Count} dataset(s) × {grid.Models.Count} model setting(s) = {cases.Count} case(s); each solver run " +
            $"{grid.Repetitions} time(s) after an untimed warm-up, from w = 0, tolerance {limits.Tolerance.ToString("G3", Inv)}, at most " +
            $"{limits.MaxIterations} iterations and {limits.MaxTime.TotalSeconds.ToString("G4", Inv)} s each; F* per case from a tight solve " +
            $"(see each case's report); machine: {Environment.ProcessorCount} logical cores.";

        var md = new StringBuilder($"# {grid.Title}\n\n{facts}\n\nCommand: `{command}`\n\n");
        md.Append("| ").Append(string.Join(" | ", header)).Append(" | report |\n|---|---|---|---|");
        for (int c = 4; c < header.Length; c++) md.Append("---:|");
        md.Append("---|\n");
        foreach (var (cells, link) in rows) md.Append("| ").Append(string.Join(" | ", cells)).Append($" | [report]({link.Replace('\\', '/')}) |\n");
        var notes = cases.SelectMany(c => c.Outcome.Refused.Select(r => $"- {c.Label} on {c.Data}: {r}")).ToList();
        if (notes.Count > 0) md.Append("\nLeft out (the solver does not handle the case's problem):\n\n").AppendJoin('\n', notes).Append('\n');

        var html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(Text(grid.Title))
            .Append("</title>\n<style>body{font-family:sans-serif;max-width:1200px;margin:2em auto;padding:0 1em}table{border-collapse:collapse}")
            .Append("td,th{border:1px solid #ccc;padding:3px 8px}td{text-align:right}td:nth-child(-n+4){text-align:left}</style></head><body>\n")
            .Append("<h1>").Append(Text(grid.Title)).Append("</h1>\n<p>").Append(Text(facts)).Append("</p>\n<p>Command: <code>").Append(Text(command)).Append("</code></p>\n<table>\n<tr>");
        foreach (string h in header) html.Append("<th>").Append(Text(h)).Append("</th>");
        html.Append("<th>report</th></tr>\n");
        foreach (var (cells, link) in rows)
        {
            html.Append("<tr>");
            foreach (string c in cells) html.Append("<td>").Append(Text(c)).Append("</td>");
            string page = Path.ChangeExtension(link, ".html").Replace('\\', '/');
            html.Append("<td><a href=\"").Append(Text(page)).Append("\">report</a></td></tr>\n");
        }
        html.Append("</table>\n");
        if (notes.Count > 0) html.Append("<p>Left out (the solver does not handle the case's problem):</p><ul>").AppendJoin("", notes.Select(n => $"<li>{Text(n[2..])}</li>")).Append("</ul>\n");
        html.Append("</body></html>\n");

        string mdPath = Path.Combine(root, "index.md"), htmlPath = Path.Combine(root, "index.html");
        AtomicFile.WriteAllText(mdPath, md.ToString());
        AtomicFile.WriteAllText(htmlPath, html.ToString());
        return (mdPath, htmlPath);
    }

    private static string Text(string s) => System.Net.WebUtility.HtmlEncode(s);
}
