using OptSuite.Cli.Bench;
using OptSuite.Solvers;

namespace OptSuite.Tests.Cli;

/// <summary>The time axis of the convergence plots turns logarithmic only when the solvers' finishing times span more
/// than two decades (a 2 ms coordinate-descent run beside a 1 s ISTA run was a vertical line at t = 0).</summary>
public class ConvergencePlotsTests
{
    private static SolverRun Run(string name, params double[] seconds) => new(name, new SolverResult
    {
        Solution = [0.0], Objective = 2, Iterations = seconds.Length - 1, StopReason = StopReason.Converged, Criterion = 0,
        Elapsed = TimeSpan.FromSeconds(seconds[^1]),
        Trace = seconds.Select((t, k) => new TracePoint(k, t, 2.0 - k * 1e-3, 0, 0)).ToArray(),
    });

    [Fact]
    public void FinishingTimesFarApartGiveALogTimeAxisFromHalfTheEarliestPositiveTime()
    {
        var runs = new[] { Run("cd", 0, 4e-4, 2e-3), Run("ista", 0, 1e-3, 0.5, 1.0) };
        Assert.Equal(2e-4, ConvergencePlots.LogTimeFloor(runs, 1.0), 15);
    }

    [Fact]
    public void ComparableFinishingTimesKeepTheLinearAxis()
    {
        var runs = new[] { Run("fista", 0, 0.01, 0.2), Run("ista", 0, 0.05, 1.0) };
        Assert.True(double.IsNaN(ConvergencePlots.LogTimeFloor(runs, 1.0)));
    }
}
