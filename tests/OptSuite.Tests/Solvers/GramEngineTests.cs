using OptSuite.LinearAlgebra;
using OptSuite.Solvers;

namespace OptSuite.Tests.Solvers;

/// <summary>The Gram engine keeps the model gradient the state wrote before its first preparation.</summary>
public class GramEngineTests
{
    [Theory]
    [InlineData(5)]
    [InlineData(30)]
    [InlineData(100)]
    public void TheModelGradientWrittenBeforeTheFirstPreparationSurvivesIt(int workingSet)
    {
        // More than 256 coordinates: no buffers at construction, so the first Prepare allocates them (at least 64 wide).
        const int n = 40, p = 300;
        var rng = new Random(7);
        var rows = new List<int>();
        var cols = new List<int>();
        var vals = new List<double>();
        for (int j = 0; j < p; j++)
            for (int i = 0; i < n; i++)
                if (rng.NextDouble() < 0.3) { rows.Add(i); cols.Add(j); vals.Add(rng.NextDouble() - 0.5); }
        var x = CscMatrix.FromTriplets(n, p, rows.ToArray(), cols.ToArray(), vals.ToArray());
        var engine = new GramEngine(x, intercept: false, fixedWeights: true, new CoordinateDescentOptions { Gram = GramMode.Always }, p, null);
        int[] ws = [.. Enumerable.Range(0, workingSet).Select(t => 3 * t)];
        Span<double> r = engine.ModelGradient(ws.Length);
        for (int t = 0; t < ws.Length; t++) r[t] = t + 1.5;
        engine.Prepare(ws, Enumerable.Repeat(1.0 / n, n).ToArray(), p);
        for (int t = 0; t < ws.Length; t++) Assert.Equal(t + 1.5, engine.Gradient(t));
    }
}
