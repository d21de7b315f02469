using System.Globalization;
using OptSuite.Solvers;

namespace OptSuite.Cli.Bench;

/// <summary>Progress as one plain line per finished run (stdout redirected, logs, CI).</summary>
internal sealed class PlainProgress(TextWriter output) : IBenchProgress
{
    /// <inheritdoc/>
    public Func<IterationReport, bool>? Begin(string label, RunSettings settings) => null;

    /// <inheritdoc/>
    public void End(string label, SolverResult result, double wallSeconds) => output.WriteLine(Line(label, result, wallSeconds));

    /// <summary>"label: StopReason after N iterations, s solver time (w with tracing), F = …, gap …".</summary>
    public static string Line(string label, SolverResult r, double wallSeconds)
    {
        var inv = CultureInfo.InvariantCulture;
        return $"{label}: {r.StopReason} after {r.Iterations} iterations, {r.Elapsed.TotalSeconds.ToString("0.000", inv)} s solver time " +
               $"({wallSeconds.ToString("0.000", inv)} s with tracing), F = {r.Objective.ToString("R", inv)}" +
               (r.DualityGap is { } g ? $", gap {g.ToString("0.0e0", inv)}" : "");
    }
}
