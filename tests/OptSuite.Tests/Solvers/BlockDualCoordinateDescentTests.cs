using OptSuite.Data;
using OptSuite.LinearAlgebra;
using OptSuite.Objectives;
using OptSuite.Objectives.Losses;
using OptSuite.Objectives.Multiclass;
using OptSuite.Prox.Regularizers;
using OptSuite.Solvers;
using OptSuite.Tests.Support;
using Xunit.Abstractions;

namespace OptSuite.Tests.Solvers;

/// <summary>
/// Block minimisation (<see cref="DualCoordinateDescent"/> on an <see cref="IRowBlockedMap"/>; Yu, Hsieh, Chang &amp; Lin
/// 2010) against the in-memory dual coordinate descent on the same data: the same optimum to 1e-10 relative objective
/// when both are solved to a 1e-12 relative gap, its own gap within the tolerance at exit (and equal to the objective's
/// value at the returned w), bit-identical results for a seed, and the same optimum for any block size. Row subsets of
/// the shared data keep the class within a few seconds: block minimisation needs many rounds where the rows outnumber the
/// features (a9a: each block's rows are so correlated that exact block steps converge slowly), few on news20.
/// </summary>
public class BlockDualCoordinateDescentTests(ITestOutputHelper output)
{
    private static readonly Lazy<(CsrMatrix X, double[] Y)> A9a = new(() => Binary("binary/a9a.xz", 1000));
    private static readonly Lazy<(CsrMatrix X, double[] Y)> News20 = new(() => Binary("derived/news20_binary_l2.svm.xz", 3000));

    internal static (CsrMatrix X, double[] Y) Binary(string name, int rows)
    {
        var d = SvmlightReader.Read(DatasetLocator.Find(name));
        return (Head(d.Features, rows), d.Labels.Take(rows).Select(v => v > 0 ? 1.0 : -1.0).ToArray());
    }

    internal static CsrMatrix Head(CsrMatrix x, int rows)
    {
        rows = Math.Min(rows, x.Rows);
        ReadOnlySpan<int> ptr = x.RowPointers;
        int nnz = ptr[rows];
        return new CsrMatrix(rows, x.Columns, ptr[..(rows + 1)].ToArray(), x.ColumnIndices[..nnz].ToArray(), x.Values[..nnz].ToArray());
    }

    private static DualCoordinateDescentOptions Tight => new() { Tolerance = 1e-12, MaxIterations = 200_000 };

    private static SolverResult Solve<TLoss>(ILinearMap x, double[] y, double lambda, DualCoordinateDescentOptions o, double[]? weights = null)
        where TLoss : struct, ILoss =>
        DualCoordinateDescent.Minimize(new LinearObjective<TLoss, ZeroRegularizer>(x, y, default, default, lambda, false, weights), o);

    /// <summary>Both at a tight gap: objectives within 1e-10 relative; the block result's gap within its tolerance and its
    /// objective the objective's own value at its w.</summary>
    private void Agree<TLoss>(string name, ILinearMap x, double[] y, double lambda, int rowsPerBlock, double[]? weights = null)
        where TLoss : struct, ILoss
    {
        var memory = Solve<TLoss>(x, y, lambda, Tight, weights);
        var blocks = new RowBlockedMatrix(x, rowsPerBlock);
        var block = Solve<TLoss>(blocks, y, lambda, Tight, weights);
        output.WriteLine($"{name} {typeof(TLoss).Name}: in memory {memory}; {blocks.BlockCount} blocks {block} ({block.Counts.Functions} passes)");
        Assert.True(memory.Converged && block.Converged, $"{memory} / {block}");
        Assert.InRange(block.DualityGap!.Value, 0, 1e-12 * block.Objective);
        Assert.Equal(block.Counts.Functions, block.Iterations);   // the certificate took no pass of its own
        var f = new LinearObjective<TLoss, ZeroRegularizer>(x, y, default, default, lambda, false, weights);
        Assert.Equal(f.Value(block.Solution), block.Objective, 1e-13 * block.Objective);
        Assert.Equal(memory.Objective, block.Objective, 1e-10 * memory.Objective);
    }

    [SharedDatasetFact]
    public void SquaredHingeAndLogisticReachTheInMemoryOptimumOnA9a()
    {
        var (x, y) = A9a.Value;
        Agree<SquaredHingeLoss>("a9a", x, y, 1.0 / y.Length, 50);
        Agree<LogisticLoss>("a9a", x, y, 1.0 / y.Length, 50);
    }

    [SharedDatasetFact]
    public void EveryBinaryLossReachesTheInMemoryOptimumOnNews20()
    {
        var (x, y) = News20.Value;
        Agree<HingeLoss>("news20", x, y, 1.0 / y.Length, 200);
        Agree<SquaredHingeLoss>("news20", x, y, 1.0 / y.Length, 200);
        Agree<LogisticLoss>("news20", x, y, 1.0 / y.Length, 200);
    }

    [SharedDatasetFact]
    public void WeightedSamplesReachTheWeightedInMemoryOptimum()
    {
        var (x, y) = A9a.Value;
        double[] weights = Enumerable.Range(0, y.Length).Select(i => i % 7 == 0 ? 0.0 : 1 + i % 3).ToArray();
        Agree<SquaredHingeLoss>("a9a weighted", x, y, 1.0 / y.Length, 50, weights);
        Agree<LogisticLoss>("a9a weighted", x, y, 1.0 / y.Length, 50, weights);
    }

    /// <summary>Selective block minimisation: the cache of other blocks' rows cuts the rounds on tall data by far more
    /// than the compute it adds per round (each round visits the block's rows plus the cache, about twice the rows), and
    /// both runs, cache or not, reach the in-memory optimum.</summary>
    [SharedDatasetFact]
    public void TheCacheOfOtherBlocksRowsCutsTheRoundsOnTallData()
    {
        var (x, y) = A9a.Value;
        double lambda = 1.0 / y.Length;
        var blocks = new RowBlockedMatrix(x, 50);
        var o = new DualCoordinateDescentOptions { Tolerance = 1e-9, MaxIterations = 200_000 };
        var memory = Solve<SquaredHingeLoss>(x, y, lambda, o);
        var cached = Solve<SquaredHingeLoss>(blocks, y, lambda, o);
        var plain = Solve<SquaredHingeLoss>(blocks, y, lambda, o with { BlockCacheRows = 0 });
        var small = Solve<SquaredHingeLoss>(blocks, y, lambda, o with { BlockCacheRows = 10 });
        output.WriteLine($"a9a[..1000], 20 blocks: in memory {memory}; cache of 50 rows {cached}; 10 rows {small}; none {plain}");
        foreach (var r in new[] { cached, plain, small })
        {
            Assert.True(r.Converged, r.ToString());
            Assert.Equal(memory.Objective, r.Objective, 2e-9 * memory.Objective);
        }
        Assert.True(10 * cached.Iterations <= plain.Iterations, $"{cached.Iterations} rounds with the cache, {plain.Iterations} without");
        Assert.True(cached.Iterations < small.Iterations && small.Iterations < plain.Iterations);
        Assert.True(cached.Counts.Proxes < plain.Counts.Proxes, "fewer coordinate updates in all");
    }

    [SharedDatasetFact]
    public void TheSameSeedGivesBitIdenticalResultsAndBlockSizesTheSameOptimum()
    {
        var (x, y) = News20.Value;
        double lambda = 1.0 / y.Length;
        var o = Tight with { Seed = 3 };
        var a = Solve<SquaredHingeLoss>(new RowBlockedMatrix(x, 150), y, lambda, o);
        var b = Solve<SquaredHingeLoss>(new RowBlockedMatrix(x, 150), y, lambda, o);
        Assert.Equal(a.Solution, b.Solution);
        Assert.Equal(a.Iterations, b.Iterations);
        var other = Solve<SquaredHingeLoss>(new RowBlockedMatrix(x, 150), y, lambda, o with { Seed = 4 });
        Assert.NotEqual(a.Solution, other.Solution);   // the seed reaches the block and row orders
        foreach (int size in new[] { 37, 500, x.Rows })
        {
            var r = Solve<SquaredHingeLoss>(new RowBlockedMatrix(x, size), y, lambda, o);
            Assert.True(r.Converged, r.ToString());
            Assert.Equal(a.Objective, r.Objective, 1e-11 * a.Objective);
        }
        // Strong convexity: ‖w − w*‖² ≤ 2·gap/λ for each, so two 1e-12 gaps pin w to within 2√(2·1e-12·P/λ).
        double bound = 2 * Math.Sqrt(2e-12 * a.Objective / lambda);
        Assert.True(Distance(a.Solution, other.Solution) <= bound);
    }

    [SharedDatasetFact]
    public void CrammerSingerReachesTheInMemoryOptimumOnDnaAndUsps()
    {
        var (dna, dnaY) = BlockCoordinateDescentTests.Dna();
        CrammerSinger("dna", Head(dna, 600), dnaY[..600], 3, 60);
        var usps = SvmlightReader.Read(DatasetLocator.Find("multiclass/zip_usps_train.svm.xz"));
        CrammerSinger("usps", Head(usps.Features, 120), usps.Labels.Take(120).Select(v => (int)v).ToArray(), 10, 12);
    }

    private void CrammerSinger(string name, CsrMatrix x, int[] y, int k, int rowsPerBlock)
    {
        double lambda = 1.0 / y.Length;
        var f = new MulticlassLinearObjective<CrammerSingerHingeLoss, ZeroRegularizer>(x, y, k, default, default, lambda);
        var g = new MulticlassLinearObjective<CrammerSingerHingeLoss, ZeroRegularizer>(new RowBlockedMatrix(x, rowsPerBlock), y, k, default, default, lambda);
        var o = new DualCoordinateDescentOptions { Tolerance = 1e-10, MaxIterations = 100_000 };
        var memory = DualCoordinateDescent.Minimize(f, o);
        var block = DualCoordinateDescent.Minimize(g, o);
        output.WriteLine($"{name} Crammer–Singer: in memory {memory}; blocks {block}");
        Assert.True(memory.Converged && block.Converged);
        Assert.InRange(block.DualityGap!.Value, 0, 1e-10 * block.Objective);
        Assert.Equal(f.Value(block.Solution), block.Objective, 1e-13 * block.Objective);
        Assert.Equal(memory.Objective, block.Objective, 1e-10 * memory.Objective);
        Assert.Equal(block.Solution, DualCoordinateDescent.Minimize(g, o).Solution);
    }

    [SharedDatasetFact]
    public void AShardDirectoryOfKilobyteShardsIsSolvedAsInMemory()
    {
        using var dir = new ScratchDirectory("blockdual");
        var (x, y) = (Head(News20.Value.X, 800), News20.Value.Y[..800]);
        double[] weights = Enumerable.Range(0, y.Length).Select(i => 0.5 + i % 4).ToArray();
        var manifest = OptSuite.Tests.Data.Shards.ShardFormatTests.Write(dir.Path, x, y, weights, shardBytes: 16_384);
        var data = OptSuite.Data.Shards.ShardedDataset.Open(dir.Path);
        Assert.True(manifest.Shards.Count >= 20, $"{manifest.Shards.Count} shards");
        foreach (bool weighted in new[] { false, true })
        {
            double[]? c = weighted ? data.Weights : null;
            var memory = Solve<SquaredHingeLoss>(x, y, 1.0 / y.Length, Tight, c);
            var shards = Solve<SquaredHingeLoss>(data.Features, data.Labels, 1.0 / y.Length, Tight, c);
            output.WriteLine($"{data}: in memory {memory}; shards {shards}");
            Assert.True(shards.Converged, shards.ToString());
            Assert.Equal(memory.Objective, shards.Objective, 1e-10 * memory.Objective);
            Assert.Equal(shards.Solution, Solve<SquaredHingeLoss>(data.Features, data.Labels, 1.0 / y.Length, Tight, c).Solution);
        }
    }

    [Fact]
    public void DenseBlocksAndZeroRowsAreSolvedAsInMemory()
    {
        var rng = new Random(12);
        var a = RandomMatrices.Dense(rng, 90, 7, 0.6);
        for (int j = 0; j < 7; j++) a[5, j] = 0;   // an empty sample
        var y = Enumerable.Range(0, 90).Select(i => a[i, 0] + 0.3 * a[i, 1] - 0.2 * Math.Cos(i) > 0 ? 1.0 : -1.0).ToArray();
        int[] classes = Enumerable.Range(0, 90).Select(i => (int)(3 * Math.Abs(Math.Sin(i + a[i, 2])))).ToArray();
        var dense = DenseMatrix.FromArray(a);
        var blocks = new RowBlockedMatrix(dense, 8);
        var o = new DualCoordinateDescentOptions { Tolerance = 1e-12, MaxIterations = 100_000 };
        var memory = Solve<HingeLoss>(dense, y, 0.02, o);
        var block = Solve<HingeLoss>(blocks, y, 0.02, o);
        Assert.True(block.Converged, block.ToString());
        Assert.Equal(memory.Objective, block.Objective, 1e-10 * memory.Objective);
        var cs = DualCoordinateDescent.Minimize(new MulticlassLinearObjective<CrammerSingerHingeLoss, ZeroRegularizer>(dense, classes, 3, default, default, 0.02), o);
        var csBlock = DualCoordinateDescent.Minimize(new MulticlassLinearObjective<CrammerSingerHingeLoss, ZeroRegularizer>(blocks, classes, 3, default, default, 0.02), o);
        Assert.True(csBlock.Converged, csBlock.ToString());
        Assert.Equal(cs.Objective, csBlock.Objective, 1e-10 * cs.Objective);
    }

    [Fact]
    public void ARunThatStopsEarlyReportsItsLastPointWithItsOwnGap()
    {
        var rng = new Random(13);
        var a = RandomMatrices.Dense(rng, 200, 10, 0.5);
        var y = Enumerable.Range(0, 200).Select(i => a[i, 3] - a[i, 4] + 0.1 * Math.Sin(i) > 0 ? 1.0 : -1.0).ToArray();
        var x = new RowBlockedMatrix(RandomMatrices.Csr(a), 16);
        var f = new LinearObjective<LogisticLoss, ZeroRegularizer>(x, y, default, default, 1e-3);
        var r = DualCoordinateDescent.Minimize(f, new DualCoordinateDescentOptions { Tolerance = 1e-14, MaxIterations = 3, InnerEpochs = 2 });
        Assert.Equal(StopReason.MaxIterations, r.StopReason);
        Assert.Equal(3, r.Iterations);
        Assert.Equal(4, r.Counts.Functions);   // three rounds and the evaluation of the last point
        Assert.Equal(f.Value(r.Solution), r.Objective, 1e-13 * r.Objective);
        Assert.True(r.DualityGap > 0 && r.Criterion == r.DualityGap / r.Objective, r.ToString());
        // The trace's points are the current points; a converged run's last one is the certified snapshot.
        var t = DualCoordinateDescent.Minimize(f, new DualCoordinateDescentOptions { Tolerance = 1e-8, TraceEvery = 1 });
        Assert.True(t.Converged);
        Assert.Equal(t.Objective, t.Trace[^1].Objective);
        Assert.Equal(f.Value(t.Solution), t.Objective, 1e-13 * t.Objective);
    }

    [Fact]
    public void InnerEpochsAreValidated()
    {
        Assert.Contains("InnerEpochs", Assert.Throws<ArgumentException>(() => new DualCoordinateDescentOptions { InnerEpochs = 0 }.Validate()).Message);
    }

    private static double Distance(double[] a, double[] b) => Math.Sqrt(a.Zip(b, (u, v) => (u - v) * (u - v)).Sum());
}
