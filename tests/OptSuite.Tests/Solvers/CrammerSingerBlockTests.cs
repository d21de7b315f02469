using OptSuite.Objectives;
using OptSuite.Solvers;
using OptSuite.Tests.Support;
using Xunit.Abstractions;

namespace OptSuite.Tests.Solvers;

/// <summary>
/// jaxopt's multiclass_linear_svm_dual through <see cref="BlockCoordinateDescent"/> (the sequential dual method, mapped to
/// β = Y − l2reg·α, sum-form l2reg = n·λ) against the mean-form primal solved by <see cref="DualCoordinateDescent"/>:
/// same W, f(β*) = −n·P*, and the entry point's value and gap are the objective's at the returned β.
/// </summary>
public class CrammerSingerBlockTests(ITestOutputHelper output)
{
    // Solved once for both orders (about half of this class's time).
    private static readonly Lazy<SolverResult> SequentialDual = new(() =>
    {
        var (x, y) = BlockCoordinateDescentTests.Dna();
        return DualCoordinateDescent.Minimize(Objective.CrammerSinger(x, y, 3, 10.0 / y.Length),
            new DualCoordinateDescentOptions { Tolerance = 1e-9, MaxIterations = 100_000 });
    });

    [Theory]
    [InlineData(CoordinateOrder.Cyclic)]
    [InlineData(CoordinateOrder.Random)]
    public void AgreesWithTheSequentialDualMethodOnDna(CoordinateOrder order)
    {
        var (x, y) = BlockCoordinateDescentTests.Dna();
        int n = y.Length, p = x.Columns, k = 3;
        double lambda = 10.0 / n;   // LIBLINEAR C = 0.1
        var primal = Objective.CrammerSinger(x, y, k, lambda);
        var sdm = SequentialDual.Value;
        var dual = Objective.MulticlassLinearSvmDual(x, y, k, n * lambda);
        var bcd = BlockCoordinateDescent.Minimize(dual, default, new BlockCoordinateDescentOptions { Tolerance = 1e-9, MaxIterations = 100_000, Order = order });
        output.WriteLine($"SDM {sdm}\nBCD {bcd}");
        Assert.True(sdm.Converged && bcd.Converged);

        // The state's own gap and objective are the objective's.
        Assert.Equal(dual.Value(bcd.Solution), bcd.Objective, 1e-10 * Math.Abs(bcd.Objective));
        Assert.Equal(dual.DualityGap(bcd.Solution), bcd.DualityGap!.Value, 1e-9 * Math.Abs(bcd.Objective));
        Assert.Equal(0, dual.NonsmoothValue(bcd.Solution));

        var w = new double[p * k];
        dual.PrimalWeights(bcd.Solution, w);
        double pBcd = primal.Value(w);
        Assert.Equal(sdm.Objective, pBcd, 2e-9 * sdm.Objective);
        Assert.Equal(-bcd.Objective / n, sdm.Objective, 2e-9 * sdm.Objective);
        // Strong convexity of the primal: ‖W − W*‖² ≤ 2(P(W) − P*)/λ, so both W are within √(2·gap/λ) of W*.
        double bound = Math.Sqrt(2 * (bcd.DualityGap!.Value / n + sdm.DualityGap!.Value) / lambda);
        double dist = Math.Sqrt(w.Zip(sdm.Solution, (u, v) => (u - v) * (u - v)).Sum());
        Assert.True(dist <= bound, $"‖W_bcd − W_sdm‖ = {dist} > {bound}");
    }

    [Fact]
    public void WarmStartsAreProjectedAndZeroRowsSolvedOnce()
    {
        var rng = new Random(31);
        var a = RandomMatrices.Dense(rng, 40, 6, 0.6);
        for (int j = 0; j < 6; j++) a[7, j] = 0;   // an empty sample
        var y = Enumerable.Range(0, 40).Select(i => (int)(3 * Math.Abs(Math.Sin(i + a[i, 1])))).ToArray();
        var dual = Objective.MulticlassLinearSvmDual(RandomMatrices.Csr(a), y, 3, 0.5);
        var x0 = Enumerable.Range(0, 120).Select(i => Math.Cos(i)).ToArray();   // not on the simplex
        var copy = x0.ToArray();
        var r = BlockCoordinateDescent.Minimize(dual, x0, new BlockCoordinateDescentOptions { Tolerance = 1e-9, MaxIterations = 100_000 });
        Assert.Equal(copy, x0);
        Assert.True(r.Converged, r.ToString());
        Assert.Equal(0, dual.NonsmoothValue(r.Solution));
        Assert.Equal(0.0, r.Solution[7 * 3 + y[7]]);   // a sample at the origin keeps its whole loss: β puts no mass on its class
        var cold = BlockCoordinateDescent.Minimize(dual, default, new BlockCoordinateDescentOptions { Tolerance = 1e-9, MaxIterations = 100_000 });
        Assert.Equal(cold.Objective, r.Objective, 2e-9 * Math.Abs(cold.Objective));
        Assert.Equal("x0", Assert.Throws<ArgumentException>(() => BlockCoordinateDescent.Minimize(dual, new double[5])).ParamName);
    }
}
