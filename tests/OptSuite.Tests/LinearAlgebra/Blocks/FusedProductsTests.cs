using OptSuite.Data;
using OptSuite.LinearAlgebra;
using OptSuite.Objectives;
using OptSuite.Objectives.Losses;
using OptSuite.Prox.Regularizers;
using OptSuite.Solvers;

namespace OptSuite.Tests.LinearAlgebra.Blocks;

/// <summary>
/// A loss gradient and a Newton Hessian product read row-blocked data once (each block multiplied both ways while in
/// memory) and equal the in-memory results; so L-BFGS and trust-region Newton take half the passes they would through
/// Apply then ApplyTranspose, and reach the in-memory optimum.
/// </summary>
public sealed class FusedProductsTests
{
    private static readonly SvmlightDataset Heart = SvmlightReader.Read(DatasetLocator.Find("binary/heart_scale"));

    /// <summary>Counts the passes over its blocks.</summary>
    internal sealed class CountingBlocks(RowBlockedMatrix inner) : RowBlockedMap
    {
        public int Passes;
        public override int Rows => inner.Rows;
        public override int Columns => inner.Columns;
        public override long StoredCount => inner.StoredCount;
        public override ILinearAlgebraBackend Backend => inner.Backend;
        public override int BlockCount => inner.BlockCount;
        public override int BlockStart(int block) => inner.BlockStart(block);

        public override IEnumerable<RowBlock> ReadBlocks(IReadOnlyList<int>? order = null)
        {
            Passes++;
            return inner.ReadBlocks(order);
        }
    }

    [Theory]
    [InlineData(false, 0.0)]
    [InlineData(true, 0.01)]
    public void ValueAndGradientTakeOnePassAndEqualTheInMemoryOnes(bool intercept, double ridge)
    {
        var x = Heart.Features;
        var blocked = new CountingBlocks(new RowBlockedMatrix(x, 17));
        double[] c = Enumerable.Range(0, x.Rows).Select(i => 1.0 + i % 4).ToArray();
        var memory = new LinearObjective<LogisticLoss, ZeroRegularizer>(x, Heart.Labels, default, default, ridge, intercept, c);
        var rows = new LinearObjective<LogisticLoss, ZeroRegularizer>(blocked, Heart.Labels, default, default, ridge, intercept, c);
        var rng = new Random(5);
        double[] point = Enumerable.Range(0, memory.Dimension).Select(_ => rng.NextDouble() - 0.5).ToArray();
        double[] g1 = new double[memory.Dimension], g2 = new double[memory.Dimension];
        double f1 = memory.ValueAndGradient(point, g1);
        blocked.Passes = 0;
        double f2 = rows.ValueAndGradient(point, g2);
        Assert.Equal(1, blocked.Passes);
        Assert.Equal(f1, f2, 1e-14 * Math.Abs(f1));
        for (int j = 0; j < g1.Length; j++) Assert.Equal(g1[j], g2[j], 1e-14 * (1 + Math.Abs(g1[j])));
    }

    [Fact]
    public void NewtonReachesTheInMemoryOptimumWithOnePassPerHessianProduct()
    {
        var x = Heart.Features;
        var blocked = new CountingBlocks(new RowBlockedMatrix(x, 23));
        var memory = new LinearObjective<LogisticLoss, ZeroRegularizer>(x, Heart.Labels, default, default, 0.01, true);
        var rows = new LinearObjective<LogisticLoss, ZeroRegularizer>(blocked, Heart.Labels, default, default, 0.01, true);
        var options = new TrustRegionNewtonOptions { Tolerance = 1e-12 };
        var a = TrustRegionNewton.Minimize(memory, null, options);
        blocked.Passes = 0;
        var b = TrustRegionNewton.Minimize(rows, null, options);
        Assert.Equal(StopReason.Converged, b.StopReason);
        Assert.Equal(a.Objective, b.Objective, 1e-12 * a.Objective);
        // The same iterates up to rounding: the preconditioner is formed from the blocks too.
        Assert.Equal(a.Counts.Gradients, b.Counts.Gradients);
        // Per Newton iteration: the scores, the gradient, the preconditioner, one pass per Hessian product, the gap.
        long hessianProducts = b.Counts.Gradients - b.Iterations - 1;
        Assert.True(blocked.Passes <= hessianProducts + 5 * (b.Iterations + 1), $"{blocked.Passes} passes for {hessianProducts} Hessian products in {b.Iterations} iterations");
    }
}
