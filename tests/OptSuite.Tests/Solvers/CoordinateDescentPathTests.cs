using OptSuite.LinearAlgebra;
using OptSuite.Objectives;
using OptSuite.Objectives.Losses;
using OptSuite.Prox.Regularizers;
using OptSuite.Solvers;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Solvers;

public class CoordinateDescentPathTests
{
    private static (CsrMatrix X, double[] Reg, double[] Bin, double[] Weights, double[] Factors) Data(int seed, int n, int p)
    {
        var rng = new Random(seed);
        var a = RandomMatrices.Dense(rng, n, p, 0.3);
        var reg = new double[n]; var bin = new double[n]; var weights = new double[n];
        for (int i = 0; i < n; i++)
        {
            double z = 0;
            for (int j = 0; j < p; j++) z += a[i, j] * (j % 5 == 0 ? 1.0 : 0);
            reg[i] = z + 0.3 * (rng.NextDouble() - 0.5) + 1;
            bin[i] = z + 0.5 * (rng.NextDouble() - 0.5) > 0.3 ? 1 : -1;
            weights[i] = 0.5 + rng.NextDouble();
        }
        var factors = Enumerable.Range(0, p).Select(j => j == 3 ? 0.0 : 0.5 + (j % 3) * 0.5).ToArray();
        return (RandomMatrices.Csr(a), reg, bin, weights, factors);
    }

    [Theory]
    [InlineData(false, 1.0)]
    [InlineData(true, 1.0)]
    [InlineData(true, 0.5)]
    public void LambdaMaxIsExactWithInterceptAndWeights(bool logistic, double l1Ratio)
    {
        var (x, reg, bin, weights, factors) = Data(1, 80, 25);
        factors[3] = 1; // every feature penalised, so w = 0 is reachable
        var options = new CoordinateDescentPathOptions
        {
            L1Ratio = l1Ratio, FitIntercept = true, SampleWeights = weights, PenaltyFactors = factors,
            Solver = new CoordinateDescentOptions { Tolerance = 1e-12 },
        };
        var probe = logistic
            ? CoordinateDescentPath.Compute(x, bin, default(LogisticLoss), options with { Count = 1 })
            : CoordinateDescentPath.Compute(x, reg, default(SquaredLoss), options with { Count = 1 });
        double lmax = probe.LambdaMax;
        var at = options with { Lambdas = [lmax * (1 + 1e-9), lmax * (1 - 1e-3)] };
        var path = logistic ? CoordinateDescentPath.Compute(x, bin, default(LogisticLoss), at) : CoordinateDescentPath.Compute(x, reg, default(SquaredLoss), at);
        Assert.All(path.Points, p => Assert.Equal(StopReason.Converged, p.StopReason));
        Assert.Equal(0, path.Points[0].NonZeros);
        Assert.Equal(probe.NullIntercept, path.Points[0].Intercept, 1e-9);
        Assert.True(path.Points[1].NonZeros > 0, "just below λ_max some coefficient must leave 0");
    }

    [Fact]
    public void PathPointsMatchColdSolvesAndStrongRulesChangeNothing()
    {
        var (x, reg, _, weights, factors) = Data(2, 60, 90);
        var options = new CoordinateDescentPathOptions
        {
            L1Ratio = 0.7, FitIntercept = true, Count = 15, SampleWeights = weights, PenaltyFactors = factors,
            Solver = new CoordinateDescentOptions { Tolerance = 1e-11 },
        };
        var path = CoordinateDescentPath.Compute(x, reg, default(SquaredLoss), options);
        var plain = CoordinateDescentPath.Compute(x, reg, default(SquaredLoss), options with
        {
            StrongRules = false,
            Solver = options.Solver with { Screening = false, WorkingSet = false },
        });
        Assert.Equal(15, path.Points.Count);
        Assert.Equal(1e-2, path.Points[^1].Lambda / path.LambdaMax, 12); // n < p: ε = 1e-2
        for (int k = 0; k < path.Points.Count; k++)
        {
            var pt = path.Points[k];
            Assert.Equal(StopReason.Converged, pt.StopReason);
            var f = new LinearObjective<SquaredLoss, L1Norm>(x, reg, default, new L1Norm(pt.Lambda * 0.7, factors), pt.Lambda * 0.3, true, weights);
            var cold = CoordinateDescent.Minimize(f, default, new CoordinateDescentOptions { Tolerance = 1e-12, WorkingSet = false, Screening = false });
            Assert.True(Math.Abs(pt.Objective - cold.Objective) <= 1e-10 * Math.Abs(cold.Objective), $"λ #{k}: path {pt.Objective:R} vs cold {cold.Objective:R}");
            Assert.True(Math.Abs(plain.Points[k].Objective - cold.Objective) <= 1e-10 * Math.Abs(cold.Objective), $"λ #{k}: no rules");
            Assert.InRange(pt.DualityGap, -1e-14, 1e-11 * Math.Abs(pt.Objective));
        }
    }

    [Fact]
    public void SameSeedGivesBitIdenticalPaths()
    {
        var (x, _, bin, _, _) = Data(3, 70, 40);
        var options = new CoordinateDescentPathOptions { Count = 8, Solver = new CoordinateDescentOptions { Tolerance = 1e-9, Order = CoordinateOrder.Random, Seed = 5 } };
        var a = CoordinateDescentPath.Compute(x, bin, default(LogisticLoss), options);
        var b = CoordinateDescentPath.Compute(x, bin, default(LogisticLoss), options);
        for (int k = 0; k < a.Points.Count; k++) Assert.Equal(a.Points[k].Coefficients, b.Points[k].Coefficients);
    }

    [Fact]
    public void BadOptionsAreRejected()
    {
        var (x, reg, _, _, _) = Data(4, 10, 4);
        Assert.Contains("L1Ratio", Assert.Throws<ArgumentException>(() => CoordinateDescentPath.Compute(x, reg, default(SquaredLoss), new() { L1Ratio = 0 })).Message);
        Assert.Contains("decreasing", Assert.Throws<ArgumentException>(() => CoordinateDescentPath.Compute(x, reg, default(SquaredLoss), new() { Lambdas = [0.1, 0.2] })).Message);
        Assert.Contains("penalty factors", Assert.Throws<ArgumentException>(() => CoordinateDescentPath.Compute(x, reg, default(SquaredLoss), new() { PenaltyFactors = [1.0] })).Message);
    }
}
