using OptSuite.Cli.Bench;
using OptSuite.Solvers;

namespace OptSuite.Tests.Cli;

/// <summary>The x axes of the convergence plots turn logarithmic only when the solvers' ends span more than two decades
/// (a 2 ms coordinate-descent run beside a 1 s ISTA run was a vertical line at t = 0; so were cd's 12 epochs beside
/// FISTA's 3,000 steps on the iteration axis), or when asked.</summary>
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
        Assert.Equal(2e-4, ConvergencePlots.LogFloor(runs, 1.0, againstTime: true), 15);
    }

    [Fact]
    public void ComparableFinishingTimesKeepTheLinearAxis()
    {
        var runs = new[] { Run("fista", 0, 0.01, 0.2), Run("ista", 0, 0.05, 1.0) };
        Assert.True(double.IsNaN(ConvergencePlots.LogFloor(runs, 1.0, againstTime: true)));
        Assert.Equal(0.005, ConvergencePlots.LogFloor(runs, 1.0, againstTime: true, AxisScale.Log), 15);   // forced: half the earliest positive time
    }

    [Fact]
    public void IterationCountsFarApartGiveALogIterationAxisUnlessLinearIsAsked()
    {
        var cd = Run("cd", Enumerable.Range(0, 13).Select(k => k * 1e-3).ToArray());                 // 12 epochs
        var fista = Run("fista", Enumerable.Range(0, 3001).Select(k => k * 1e-4).ToArray());          // 3,000 steps
        Assert.Equal(0.5, ConvergencePlots.LogFloor([cd, fista], 1.0, againstTime: false));
        Assert.True(double.IsNaN(ConvergencePlots.LogFloor([cd, fista], 1.0, againstTime: false, AxisScale.Linear)));
        Assert.True(double.IsNaN(ConvergencePlots.LogFloor([cd, cd], 1.0, againstTime: false)));
    }
}
