using OptSuite.Solvers;
using Spectre.Console;

namespace OptSuite.Cli.Bench;

/// <summary>
/// Progress bars (Spectre.Console) for a terminal: one bar per run, filled by the larger of the iteration and time
/// fractions of its limits. The observer runs while the solver clock is paused, so the bars cost no solver time.
/// </summary>
internal sealed class SpectreProgress(ProgressContext context) : IBenchProgress
{
    private readonly Dictionary<string, ProgressTask> _tasks = [];

    /// <inheritdoc/>
    public Func<IterationReport, bool>? Begin(string label, RunSettings settings)
    {
        var task = context.AddTask(Markup.Escape(label), maxValue: 1.0);
        _tasks[label] = task;
        double maxSeconds = settings.MaxTime.TotalSeconds;
        return report =>
        {
            double byIterations = settings.MaxIterations > 0 ? (double)report.Iteration / settings.MaxIterations : 0;
            double byTime = maxSeconds > 0 ? report.Seconds / maxSeconds : 0;
            task.Value = Math.Min(1.0, Math.Max(byIterations, byTime));
            return true;
        };
    }

    /// <inheritdoc/>
    public void End(string label, SolverResult result, double wallSeconds)
    {
        if (!_tasks.TryGetValue(label, out var task)) return;
        task.Description = Markup.Escape($"{label}: {result.StopReason}, {result.Iterations} it");
        task.Value = task.MaxValue;
        task.StopTask();
    }
}
