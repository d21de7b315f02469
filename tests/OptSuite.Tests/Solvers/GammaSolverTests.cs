using OptSuite.LinearAlgebra;
using OptSuite.Objectives;
using OptSuite.Objectives.Losses;
using OptSuite.Prox.Regularizers;
using OptSuite.Solvers;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Solvers;

/// <summary>
/// The Gamma loss reaches every solver that takes a smooth, twice-differentiable loss with unbounded curvature:
/// coordinate descent, L-BFGS, trust-region Newton, FISTA and OWL-QN agree on ridge and L1 problems (dense and CSR,
/// with and without intercept and weights), each stopping with a duality gap that certifies its point.
/// </summary>
public class GammaSolverTests
{
    /// <summary>Gamma-distributed labels (shape 2) with log-mean 0.5 + x·w*, some columns irrelevant.</summary>
    private static (double[,] A, double[] Y, double[] C) Data(int seed, int n, int p)
    {
        var rng = new Random(seed);
        var a = RandomMatrices.Dense(rng, n, p, 0.5);
        var y = new double[n]; var c = new double[n];
        for (int i = 0; i < n; i++)
        {
            double z = 0.5;
            for (int j = 0; j < p; j++) z += a[i, j] * (j % 3 == 0 ? 0.4 : 0);
            // Gamma(2, μ/2) as the sum of two exponentials with mean μ/2.
            double mu = Math.Exp(z);
            y[i] = -0.5 * mu * (Math.Log(1 - rng.NextDouble()) + Math.Log(1 - rng.NextDouble()));
            c[i] = 0.5 + rng.NextDouble();
        }
        return (a, y, c);
    }

    public static TheoryData<bool, bool, bool> Cases => new()
    {
        { false, false, false }, { true, true, false }, { false, true, true }, { true, false, true },
    };

    private static void Certified(SolverResult r, ICompositeFunction f, double tolerance, string name)
    {
        Assert.True(r.Converged, $"{name}: {r}");
        double value = f.Value(r.Solution) + f.NonsmoothValue(r.Solution);
        double gap = f.DualityGap(r.Solution);
        Assert.True(gap >= -1e-14 * Math.Abs(value) && gap <= tolerance * Math.Abs(value), $"{name}: gap {gap:E2} at F = {value:R}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void RidgeSolversAgreeWithACertifiedGap(bool sparse, bool intercept, bool weighted)
    {
        var (a, y, c) = Data(1, 200, 12);
        ILinearMap x = sparse ? RandomMatrices.Csr(a) : DenseMatrix.FromArray(a);
        ReadOnlySpan<double> w = weighted ? c : default;
        var f = new LinearObjective<GammaLoss, ZeroRegularizer>(x, y, default, default, 0.02, intercept, w);
        var l1Form = new LinearObjective<GammaLoss, L1Norm>(x, y, default, new L1Norm(0), 0.02, intercept, w);
        double[] x0 = new double[f.Dimension];

        var lbfgs = Lbfgs.Minimize(f.AsSmooth(), x0, new LbfgsOptions { Tolerance = 1e-12, MaxIterations = 20_000 });
        var newton = TrustRegionNewton.Minimize(f, x0, new TrustRegionNewtonOptions { Tolerance = 1e-12, MaxIterations = 200 });
        var cd = CoordinateDescent.Minimize(l1Form, x0, new CoordinateDescentOptions { Tolerance = 1e-12, MaxIterations = 20_000 });
        var pg = ProximalGradient.Minimize(f, x0, new ProximalGradientOptions { Tolerance = 1e-12, MaxIterations = 200_000 });
        Certified(lbfgs, f, 1e-11, "lbfgs");
        Certified(newton, f, 1e-11, "newton");
        Certified(cd, l1Form, 1e-11, "cd");
        Certified(pg, f, 1e-11, "fista");
        foreach (var (name, r) in new[] { ("lbfgs", lbfgs), ("cd", cd), ("fista", pg) })
        {
            Assert.True(Math.Abs(r.Objective - newton.Objective) <= 1e-10 * Math.Abs(newton.Objective), $"{name} {r.Objective:R} vs Newton {newton.Objective:R}");
            for (int j = 0; j < f.Dimension; j++) Assert.Equal(newton.Solution[j], r.Solution[j], 1e-4);
        }
        Assert.All(x0, v => Assert.Equal(0.0, v));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void L1SolversAgreeWithACertifiedGap(bool sparse, bool intercept, bool weighted)
    {
        var (a, y, c) = Data(2, 200, 12);
        ILinearMap x = sparse ? RandomMatrices.Csr(a) : DenseMatrix.FromArray(a);
        ReadOnlySpan<double> w = weighted ? c : default;
        var f = new LinearObjective<GammaLoss, L1Norm>(x, y, default, new L1Norm(0.02), 0, intercept, w);

        var cd = CoordinateDescent.Minimize(f, default, new CoordinateDescentOptions { Tolerance = 1e-12, MaxIterations = 20_000 });
        var pg = ProximalGradient.Minimize(f, default, new ProximalGradientOptions { Tolerance = 1e-12, MaxIterations = 200_000 });
        var owl = OwlQn.Minimize(f.AsL1Composite(), default, new OwlQnOptions { Tolerance = 1e-12, MaxIterations = 20_000 });
        Certified(cd, f, 1e-11, "cd");
        Certified(pg, f, 1e-11, "fista");
        Certified(owl, f, 1e-10, "owlqn");
        Assert.True(Math.Abs(cd.Objective - pg.Objective) <= 1e-10 * Math.Abs(pg.Objective), $"CD {cd.Objective:R} vs FISTA {pg.Objective:R}");
        Assert.True(Math.Abs(owl.Objective - cd.Objective) <= 1e-9 * Math.Abs(cd.Objective), $"OWL-QN {owl.Objective:R} vs CD {cd.Objective:R}");
        // With an intercept the penalty zeroes some irrelevant columns, and not all (without one, every column carries
        // part of the baseline log-mean 0.5 and may stay non-zero).
        int zeros = cd.Solution.Take(12).Count(v => v == 0);
        Assert.True(zeros <= 11 && (zeros >= 1 || !intercept), $"{zeros} zeros: " + string.Join(" ", cd.Solution.Select(v => v.ToString("G3"))));
    }

    [Fact]
    public void ObjectiveFactoryBuildsThePenalisedGammaProblem()
    {
        var (a, y, _) = Data(3, 50, 4);
        var x = DenseMatrix.FromArray(a);
        var f = Objective.Gamma(x, y, lambda: 0.1, l1Ratio: 0.25);
        Assert.True(f.FitIntercept);
        Assert.Equal(0.1 * 0.75, f.Ridge, 1e-15);
        double[] point = [0.1, -0.2, 0.3, 0.05, 0.7];
        double expected = 0;
        for (int i = 0; i < 50; i++)
        {
            double z = point[4];
            for (int j = 0; j < 4; j++) z += a[i, j] * point[j];
            expected += (y[i] * Math.Exp(-z) + z) / 50;
        }
        expected += 0.1 * (0.25 * 0.65 + 0.75 / 2 * (0.01 + 0.04 + 0.09 + 0.0025));
        Assert.Equal(expected, f.Value(point) + f.NonsmoothValue(point), 1e-13);
        // A non-positive label is refused where the objective is built, naming its index.
        y[7] = 0;
        var e = Assert.Throws<ArgumentException>(() => Objective.Gamma(x, y, 0.1));
        Assert.Equal("labels", e.ParamName);
        Assert.Contains("labels[7]", e.Message);
        Assert.Contains("> 0", e.Message);
    }
}
