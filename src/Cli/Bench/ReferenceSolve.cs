using System.Globalization;
using OptSuite.Solvers;

namespace OptSuite.Cli.Bench;

/// <summary>The tight solve that gives the reference optimum F*, and the value finally used as F*.</summary>
/// <param name="Solver">The solver used for the tight solve.</param>
/// <param name="Tolerance">Its tolerance.</param>
/// <param name="Result">Its result (stop reason, gap, time).</param>
/// <param name="Value">F* = min(the tight solve's F, every traced F).</param>
/// <param name="BestTraced">The solver whose trace reached <see cref="Value"/> when that is below the tight solve; else null.</param>
internal sealed record ReferenceSolve(string Solver, double Tolerance, SolverResult Result, double Value, string? BestTraced)
{
    /// <summary>A short scientific form: 1e-13, 2.5e-7.</summary>
    public static string Sci(double v) => v.ToString("0.##e0", CultureInfo.InvariantCulture);

    /// <summary>A warning when the tight solve did not converge (F* is then the best value found, not certified); else null.</summary>
    public string? Warning => Result.Converged ? null
        : Result.StopReason == StopReason.StoppedByObserver
            ? $"the reference solve by {Solver} stalled: its criterion stayed at {Sci(Result.Criterion)} for {BenchRunner.StallIterations} iterations, above its tolerance {Sci(Tolerance)} (a rounding floor); F* is the best value found, certified only to that level"
        : $"the reference solve by {Solver} stopped with {Result.StopReason} before its tolerance {Sci(Tolerance)}; F* is the best value found, not a certified optimum (raise --reference-time, or check the data's scaling)";

    /// <summary>How F* was obtained, in one line for the report.</summary>
    public string Describe()
    {
        var inv = CultureInfo.InvariantCulture;
        var r = Result;
        string gap = r.DualityGap is { } g ? $", duality gap {Sci(g)} (relative {Sci(g / Math.Max(Math.Abs(r.Objective), 1e-300))})" : ", no duality gap for this objective";
        string tight = $"tight solve by {Solver} (tolerance {Sci(Tolerance)}): {r.StopReason} after {r.Iterations} iterations in {r.Elapsed.TotalSeconds.ToString("G4", inv)} s, F = {r.Objective.ToString("R", inv)}{gap}";
        return BestTraced is null ? tight
            : $"best value traced by {BestTraced}, below the {tight} by {Sci(Suboptimality.Relative(r.Objective, Value))} relative";
    }
}
