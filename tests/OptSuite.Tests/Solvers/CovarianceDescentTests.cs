using OptSuite.Data;
using OptSuite.LinearAlgebra;
using OptSuite.Objectives;
using OptSuite.Objectives.Losses;
using OptSuite.Prox.Regularizers;
using OptSuite.Solvers;
using OptSuite.Tests.Support;
using Xunit.Abstractions;

namespace OptSuite.Tests.Solvers;

/// <summary>
/// Covariance-mode coordinate descent on data read in row blocks: the one-pass statistics are centred stably (a column of
/// mean 10⁶ and spread 1 keeps its variance to 1e-13, where XᵀAX − x̄x̄ᵀ loses it), a fit takes two passes (the Gram
/// matrix, then the certificate), equals coordinate descent in memory and certifies its gap from the data.
/// </summary>
public class CovarianceDescentTests(ITestOutputHelper output)
{
    /// <summary>abalone_scale (4177 × 8, dense) with a ninth column shift + z, z ~ N(0, 1), and y + z/2: the column matters.</summary>
    private static (DenseMatrix X, double[] Y, double[] Weights) ShiftedAbalone(double shift = 1e6)
    {
        var d = SvmlightReader.Read(DatasetLocator.Find("regression/abalone_scale"));
        var x = d.Features.ToDense();
        int n = x.Rows, p = x.Columns + 1;
        var rng = new Random(5);
        var values = new double[n * p];
        var y = new double[n];
        var weights = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < p - 1; j++) values[i * p + j] = x[i, j];
            double z = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
            values[i * p + p - 1] = shift + z;
            y[i] = d.Labels[i] + 0.5 * z;
            weights[i] = 0.5 + rng.NextDouble();
        }
        return (new DenseMatrix(n, p, values), y, weights);
    }

    [SharedDatasetFact]
    public void TheBlockedGramIsCentredStablyWhereTheTextbookFormulaCancels()
    {
        var (x, y, c) = ShiftedAbalone();
        int n = x.Rows, p = x.Columns, big = p - 1;
        double total = c.Sum();
        double[] a = c.Select(v => v / total).ToArray();
        var engine = BlockedCovariance.Build(new RowBlockedMatrix(x, 97), y, a, intercept: true, out double[] means, CancellationToken.None)!;
        // G_jj = g(e_j)_j − g(0)_j, g = Gw − q.
        var w = new double[p];
        engine.Start(w, default, null);
        double atZero = engine.Gradient[big];
        w[big] = 1;
        engine.Start(w, default, null);
        double blocked = engine.Gradient[big] - atZero;

        // The reference: two passes, the mean first, summed as 10⁶ + Σa(x − 10⁶) (x − 10⁶ is exact), so it is exact to the
        // spread's rounding as the blocked mean should be.
        double mean = 0, exact = 0, raw = 0;
        for (int i = 0; i < n; i++) mean += a[i] * (x[i, big] - 1e6);
        mean += 1e6;
        for (int i = 0; i < n; i++) { double v = x[i, big] - mean; exact += a[i] * v * v; raw += a[i] * x[i, big] * x[i, big]; }
        double textbook = raw - mean * mean;
        double blockedError = Math.Abs(blocked - exact) / exact, textbookError = Math.Abs(textbook - exact) / exact;
        output.WriteLine($"variance {exact:R}: blocked {blocked:R} (rel. error {blockedError:E1}), XᵀAX − x̄² {textbook:R} ({textbookError:E1})");
        Assert.True(blockedError < 1e-13, $"blocked Gram: relative error {blockedError:E2}");
        Assert.True(textbookError > 1e-6, "the textbook formula should lose digits here, or this test shows nothing");
        Assert.Equal(engine.Intercept(new double[p]), y.Select((v, i) => a[i] * v).Sum(), 1e-12);
        Assert.Equal(mean, means[big], 2e-16 * mean);
    }

    public static TheoryData<bool, bool, double> Cases => new()
    {
        { true, false, 1.0 }, { true, true, 1.0 }, { false, false, 1.0 }, { false, true, 0.5 }, { true, true, 0.5 },
    };

    /// <summary>
    /// With an intercept the ninth column has mean 10⁶; the reference is coordinate descent in memory on the same data
    /// without the 10⁶ (an intercept absorbs a column's shift: same F, same w), because the in-memory Gram engine
    /// centres by a Schur complement, G_ww − ccᵀ/G_bb, which cancels on such a column (it stops far from the optimum).
    /// Without an intercept nothing is shifted.
    /// </summary>
    [SharedDatasetTheory]
    [MemberData(nameof(Cases))]
    public void AFitTakesTwoPassesAndEqualsCoordinateDescentInMemory(bool intercept, bool weighted, double l1Ratio)
    {
        var (x, y, c) = ShiftedAbalone(intercept ? 1e6 : 0);
        var (reference, _, _) = ShiftedAbalone(0);
        double lambda = 0.01;
        double[]? weights = weighted ? c : null;
        var blocks = new CountingRowBlocks(x, 97);
        var options = new CoordinateDescentOptions { Tolerance = 1e-11, MaxIterations = 100_000 };
        var onBlocks = new LinearObjective<SquaredLoss, L1Norm>(blocks, y, default, new L1Norm(lambda * l1Ratio), lambda * (1 - l1Ratio), intercept, weights);
        var inMemory = new LinearObjective<SquaredLoss, L1Norm>(reference, y, default, new L1Norm(lambda * l1Ratio), lambda * (1 - l1Ratio), intercept, weights);
        var r = CoordinateDescent.Minimize(onBlocks, default, options);
        var m = CoordinateDescent.Minimize(inMemory, default, options with { Tolerance = 1e-13, MaxIterations = 1000 });
        double difference = Math.Abs(r.Objective - m.Objective) / m.Objective;
        output.WriteLine($"F = {r.Objective:R} in {blocks.Passes} passes, {r.Iterations} sweeps, gap {r.DualityGap:E1}, {r.StopReason}; " +
            $"in memory {m.Objective:R} ({m.StopReason}, {m.Iterations} iterations): {difference:E1}");
        Assert.Equal(StopReason.Converged, r.StopReason);
        Assert.Equal(2, blocks.Passes);
        Assert.True(difference < 1e-10, $"relative difference {difference:E2}");
        Assert.InRange(r.DualityGap!.Value, double.NegativeInfinity, 1e-11 * r.Objective);
        for (int j = 0; j < x.Columns; j++) Assert.Equal(m.Solution[j], r.Solution[j], 1e-4);
    }

    [Fact]
    public void OtherObjectivesAreRefusedUpFront()
    {
        var x = new RowBlockedMatrix(DenseMatrix.FromArray(new double[,] { { 1, 2 }, { 3, 4 }, { 5, 7 } }), 2);
        var logistic = new LinearObjective<LogisticLoss, L1Norm>(x, [1, -1, 1], default, new L1Norm(0.1), 0, true);
        var e = Assert.Throws<ArgumentException>(() => CovarianceDescent.Minimize(logistic));
        Assert.Contains("squared loss", e.Message);
        var memory = new LinearObjective<SquaredLoss, L1Norm>(DenseMatrix.FromArray(new double[,] { { 1 } }), [1], default, new L1Norm(0.1), 0, true);
        Assert.Contains("row blocks", Assert.Throws<ArgumentException>(() => CovarianceDescent.Minimize(memory)).Message);
        var passes = new CountingRowBlocks(DenseMatrix.FromArray(new double[,] { { 1, 2 }, { 3, 4 }, { 5, 7 } }), 2);
        var bounded = new LinearObjective<SquaredLoss, NonNegativeL1Norm>(passes, [1, 2, 3], default, new NonNegativeL1Norm(0.1), 0, true);
        Assert.Contains("neither a weighted L1 norm nor zero", Assert.Throws<ArgumentException>(() => CoordinateDescent.Minimize(bounded)).Message);
        Assert.Equal(0, passes.Passes);   // refused before reading anything
    }

    [Fact]
    public void ACancelledOrTimedOutPassIsAStopReasonNotAnException()
    {
        var rng = new Random(6);
        var x = new CountingRowBlocks(DenseMatrix.FromArray(RandomMatrices.Dense(rng, 200, 5, 1.0)), 10);
        var f = new LinearObjective<SquaredLoss, L1Norm>(x, RandomMatrices.Vector(rng, 200), default, new L1Norm(0.01), 0, true);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var r = CoordinateDescent.Minimize(f, default, null, cancelled.Token);
        Assert.Equal(StopReason.Cancelled, r.StopReason);
        Assert.Equal(new double[6], r.Solution);
        Assert.Equal(f.TotalValue(r.Solution), r.Objective);
        var timed = CoordinateDescent.Minimize(f, default, new CoordinateDescentOptions { MaxTime = TimeSpan.Zero });
        Assert.Equal(StopReason.MaxTime, timed.StopReason);
        var solved = CoordinateDescent.Minimize(f, default, new CoordinateDescentOptions { Tolerance = 1e-10, MaxTime = TimeSpan.FromMinutes(1) });
        Assert.Equal(StopReason.Converged, solved.StopReason);
    }
}
