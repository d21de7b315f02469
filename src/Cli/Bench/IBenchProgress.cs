using OptSuite.Solvers;

namespace OptSuite.Cli.Bench;

/// <summary>Where <see cref="BenchRunner"/> reports progress: a Spectre.Console progress display or plain lines.</summary>
internal interface IBenchProgress
{
    /// <summary>A run starts; returns the observer to pass to the solver (or null for none).</summary>
    /// <param name="label">e.g. "reference (cd)" or "fista".</param>
    /// <param name="settings">The run's limits (for the progress fraction).</param>
    Func<IterationReport, bool>? Begin(string label, RunSettings settings);

    /// <summary>A run ended.</summary>
    /// <param name="label">As given to <see cref="Begin"/>.</param>
    /// <param name="result">The result.</param>
    /// <param name="wallSeconds">Wall time of the call, tracing included.</param>
    void End(string label, SolverResult result, double wallSeconds);
}
