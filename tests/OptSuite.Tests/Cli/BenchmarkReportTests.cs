using OptSuite.Cli.Bench;
using OptSuite.Solvers;

namespace OptSuite.Tests.Cli;

public class BenchmarkReportTests
{
    /// <summary>A run converging linearly: F_k = F* (1 + 10^(−rate·k)), k-th point at k·dt seconds.</summary>
    private static SolverRun Linear(string name, double reference, double rate, double dt, int points)
    {
        var trace = new List<TracePoint>();
        for (int k = 0; k < points; k++)
            trace.Add(new TracePoint(k * 10, k * dt, reference * (1 + Math.Pow(10, -rate * k)), 1, double.NaN));
        var last = trace[^1];
        var result = new SolverResult
        {
            Solution = [0.0], Objective = last.Objective, Iterations = last.Iteration, StopReason = StopReason.Converged,
            Criterion = 0, Elapsed = TimeSpan.FromSeconds(last.Seconds), Trace = trace,
        };
        return new SolverRun(name, result);
    }

    [Fact]
    public void TimeToTargetIsTheFirstTracePointBelowIt()
    {
        var run = Linear("fast", 2.0, 1.0, 0.5, 12);
        // 10^(−k) ≤ 1e-4 first at k = 4 → 2 s, iteration 40.
        Assert.Equal(2.0, Suboptimality.TimeToReach(run, 2.0, 1e-4));
        Assert.Equal(40, Suboptimality.IterationsToReach(run, 2.0, 1e-4));
        Assert.Null(Suboptimality.TimeToReach(run, 2.0, 1e-30));
    }

    [Fact]
    public void ReportWritesCsvSummaryPlotsAndLinks()
    {
        var dir = Path.Combine(Path.GetTempPath(), "optsuite-report-" + Guid.NewGuid().ToString("N"));
        try
        {
            var runs = new[] { Linear("fista", 0.3, 1.0, 0.01, 10), Linear("ista", 0.3, 0.25, 0.01, 40) };
            var ctx = new BenchmarkReport.Context("lasso on test data", "lasso", "synthetic", 0.3, "given", []);
            string report = BenchmarkReport.Write(dir, ctx, runs);

            var csv = File.ReadAllLines(Path.Combine(dir, "traces.csv"));
            Assert.Equal("solver,iteration,seconds,objective,relative_suboptimality,gap", csv[0]);
            Assert.Equal(1 + 10 + 40, csv.Length);
            Assert.StartsWith("fista,10,0.01,", csv[2]);

            string summary = File.ReadAllText(Path.Combine(dir, "summary.md"));
            Assert.Contains("| fista | Converged | 90 |", summary);
            Assert.Contains("time to 1e-8", summary);

            foreach (var f in new[] { "suboptimality_vs_time.png", "suboptimality_vs_iterations.png" })
            {
                var bytes = File.ReadAllBytes(Path.Combine(dir, f));
                Assert.True(bytes.Length > 5000, $"{f} is only {bytes.Length} bytes");
                Assert.Equal(0x89, bytes[0]); // PNG signature
            }
            Assert.Contains("<svg", File.ReadAllText(Path.Combine(dir, "suboptimality_vs_time.svg")));
            string md = File.ReadAllText(report);
            Assert.Contains("](suboptimality_vs_time.png)", md);
            Assert.Contains("F* = 0.3", md);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}
