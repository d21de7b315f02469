using System.Globalization;
using OptSuite.MpiHost;
using OptSuite.Tests.Support;
using Xunit.Abstractions;

namespace OptSuite.Tests.Solvers;

/// <summary>
/// The distributed fits on real ranks: mpiexec.hydra starts the MPI host K = 1…4 times (each rank checks the world has
/// K ranks), every rank reads its uneven share of the rows, and the unchanged solvers (L-BFGS, Newton, OWL-QN, CoCoA+)
/// run on <see cref="OptSuite.LinearAlgebra.Distributed.DistributedRows"/> over MPICH. Each fit converges to the
/// single-process optimum (computed here, in this process) within 1e-10 relative, and w is bit-identical on every rank.
/// </summary>
[Collection("MPI")]
public class MpiSolverTests(ITestOutputHelper output)
{
    private static readonly Lazy<Dictionary<string, double>> Single = new(() =>
        SolveScenarios.All.ToDictionary(p => p.Name, p =>
        {
            var (x, y) = SolveScenarios.Load(p);
            var r = p.Fit(x, y);
            Assert.True(r.Converged, $"{p.Name} in one process: {r}");
            return r.Objective;
        }));

    [MpiTheory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void EveryFitIsTheSingleProcessOptimumWithTheSameWOnEveryRank(int k)
    {
        var run = MpiProcess.Run(k, [k.ToString(CultureInfo.InvariantCulture), "solve"], timeout: TimeSpan.FromSeconds(180));
        Assert.True(run.Code == 0, run.Transcript);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.StartsWith('R') && l.Contains(" solve ", StringComparison.Ordinal))
            .Select(l => l.Split(' '))
            .ToList();
        output.WriteLine($"K = {k}: {run.Elapsed.TotalSeconds:F1} s\n{string.Join('\n', lines.Select(f => string.Join(' ', f)))}");
        foreach (var problem in SolveScenarios.All)
        {
            var mine = lines.Where(f => f[2] == problem.Name).ToList();
            Assert.True(mine.Count == k, $"{problem.Name}: {mine.Count} of {k} ranks reported\n{run.Transcript}");
            Assert.All(mine, f => Assert.Equal("Converged", f[3]));
            Assert.Single(mine.Select(f => f[6]).Distinct());   // w's bits
            Assert.Single(mine.Select(f => f[4]).Distinct());   // iterations
            double objective = double.Parse(mine[0][5], CultureInfo.InvariantCulture), reference = Single.Value[problem.Name];
            Assert.True(Math.Abs(objective - reference) <= 1e-10 * Math.Abs(reference),
                $"{problem.Name} on {k} ranks: {objective:R} against {reference:R} in one process");
        }
    }
}
