using OptSuite.LinearAlgebra;
using OptSuite.Models;
using OptSuite.Objectives;
using OptSuite.Objectives.Losses;
using OptSuite.Prox.Regularizers;
using OptSuite.Solvers;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Solvers;

/// <summary>
/// Trust-region Newton (TRON) on L2-penalised linear objectives: the optima of L-BFGS and coordinate descent on dense,
/// CSR and CSC data with intercepts and weights, scale-insensitivity where L-BFGS crawls, limits and bad input, and
/// Auto's use of it after an uncertified L-BFGS run.
/// </summary>
public class TrustRegionNewtonTests
{
    private static (double[,] A, double[] Y, double[] Bin, double[] C) Data(int seed, int n, int p, double scale = 1)
    {
        var rng = new Random(seed);
        var a = RandomMatrices.Dense(rng, n, p, 0.6);
        var y = new double[n]; var bin = new double[n]; var c = new double[n];
        for (int i = 0; i < n; i++)
        {
            double z = a[i, 0] - 1.5 * a[i, 2] + 0.5 * a[i, p - 1];
            y[i] = z + 0.3 * (rng.NextDouble() - 0.5) + 2;
            bin[i] = z + 0.4 * (rng.NextDouble() - 0.5) > 0.1 ? 1 : -1;
            c[i] = 0.5 + rng.NextDouble();
            for (int j = 0; j < p; j++) a[i, j] *= j % 3 == 0 ? scale : 1;   // some columns on a much larger scale
        }
        return (a, y, bin, c);
    }

    public static TheoryData<string, bool, bool> Cases => new()
    {
        { "dense", false, false }, { "csr", true, false }, { "csc", true, true }, { "dense", true, true },
    };

    private static ILinearMap Map(double[,] a, string kind) => kind switch
    {
        "csr" => RandomMatrices.Csr(a),
        "csc" => RandomMatrices.Csr(a).ToCsc(),
        _ => DenseMatrix.FromArray(a),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReachesTheOptimumOfTheOtherSolvers(string kind, bool intercept, bool weighted)
    {
        var (a, y, bin, c) = Data(1, 150, 30);
        var x = Map(a, kind);
        ReadOnlySpan<double> w = weighted ? c : default;
        Check(new LinearObjective<LogisticLoss, ZeroRegularizer>(x, bin, default, default, 0.01, intercept, w), "logistic");
        Check(new LinearObjective<SquaredLoss, ZeroRegularizer>(x, y, default, default, 0.05, intercept, w), "ridge");
        Check(new LinearObjective<SquaredHingeLoss, ZeroRegularizer>(x, bin, default, default, 0.01, intercept, w), "squared hinge");
        Check(new LinearObjective<PoissonLoss, ZeroRegularizer>(x, y.Select(v => Math.Round(Math.Abs(v))).ToArray(), default, default, 0.05, intercept, w), "poisson");
    }

    private static void Check<TLoss>(LinearObjective<TLoss, ZeroRegularizer> f, string name) where TLoss : struct, ILoss
    {
        double[] x0 = new double[f.Dimension];
        var newton = TrustRegionNewton.Minimize(f, x0, new TrustRegionNewtonOptions { Tolerance = 1e-12, MaxIterations = 200 });
        var reference = Lbfgs.Minimize(f.AsSmooth(), default, new LbfgsOptions { Tolerance = 1e-12, MaxIterations = 20_000 });
        Assert.True(newton.Converged, $"{name}: {newton}");
        Assert.True(newton.DualityGap <= 1e-12 * Math.Max(1, Math.Abs(newton.Objective)) * 1.0001, $"{name}: gap {newton.DualityGap}");
        Assert.True(newton.Objective <= reference.Objective + 1e-11 * Math.Abs(reference.Objective), $"{name}: {newton.Objective:R} vs L-BFGS {reference.Objective:R}");
        Assert.Equal(f.TotalValue(newton.Solution), newton.Objective);
        Assert.True(newton.Iterations <= 40, $"{name}: {newton.Iterations} Newton steps");
        Assert.All(x0, v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void BadlyScaledColumnsDoNotSlowItDownWhereLbfgsCrawls()
    {
        // Every third column 10⁴ larger, with an unpenalised intercept: the Jacobi preconditioner absorbs the scale.
        var (a, _, bin, _) = Data(2, 300, 24, scale: 1e4);
        var f = new LinearObjective<LogisticLoss, ZeroRegularizer>(DenseMatrix.FromArray(a), bin, default, default, 1e-3, true);
        var newton = TrustRegionNewton.Minimize(f, default, new TrustRegionNewtonOptions { Tolerance = 1e-10, MaxIterations = 200 });
        var lbfgs = Lbfgs.Minimize(f.AsSmooth(), default, new LbfgsOptions { Tolerance = 1e-10, MaxIterations = 200 });
        Assert.True(newton.Converged, newton.ToString());
        Assert.True(ProximalGradientState.RelativeGap(f.DualityGap(lbfgs.Solution), lbfgs.Objective) > 1e-6,
            $"L-BFGS was expected to stall within 200 iterations here ({lbfgs})");
    }

    [Fact]
    public void LimitsCancellationAndDeterminism()
    {
        var (a, _, bin, _) = Data(3, 200, 20);
        var f = new LinearObjective<LogisticLoss, ZeroRegularizer>(RandomMatrices.Csr(a), bin, default, default, 1e-4, true);
        var one = TrustRegionNewton.Minimize(f, default, new TrustRegionNewtonOptions { Tolerance = 1e-14, MaxIterations = 1 });
        Assert.Equal(StopReason.MaxIterations, one.StopReason);
        Assert.True(one.Objective < f.TotalValue(new double[21]));
        using var source = new CancellationTokenSource();
        source.Cancel();
        Assert.Equal(StopReason.Cancelled, TrustRegionNewton.Minimize(f, default, null, source.Token).StopReason);
        var r1 = TrustRegionNewton.Minimize(f, default, new TrustRegionNewtonOptions { Tolerance = 1e-12 });
        var r2 = TrustRegionNewton.Minimize(f, default, new TrustRegionNewtonOptions { Tolerance = 1e-12 });
        Assert.Equal(r1.Solution, r2.Solution);
        var warm = TrustRegionNewton.Minimize(f, r1.Solution, new TrustRegionNewtonOptions { Tolerance = 1e-12 });
        Assert.Equal(0, warm.Iterations);
    }

    [Fact]
    public void BadInputNamesTheParameter()
    {
        var (a, _, bin, _) = Data(4, 20, 4);
        var hinge = new LinearObjective<HingeLoss, ZeroRegularizer>(DenseMatrix.FromArray(a), bin, default, default, 0.1);
        Assert.Equal("objective", Assert.Throws<ArgumentException>(() => TrustRegionNewton.Minimize(hinge)).ParamName);
        var f = new LinearObjective<LogisticLoss, ZeroRegularizer>(DenseMatrix.FromArray(a), bin, default, default, 0.1);
        var e = Assert.Throws<ArgumentException>(() => TrustRegionNewton.Minimize(f, default, new TrustRegionNewtonOptions { ConjugateGradientTolerance = 1 }));
        Assert.Contains("ConjugateGradientTolerance", e.Message);
    }

    [Fact]
    public void AutoContinuesAnUncertifiedLbfgsRunButAnExplicitChoiceIsKeptAndACapHoldsForTheWholeFit()
    {
        var (a, _, bin, _) = Data(5, 300, 24, scale: 1e4);
        const int cap = 50;
        var explicitRun = new LogisticRegression { Lambda = 1e-3, MaxIterations = cap, Tolerance = 1e-9, Solver = SolverKind.Lbfgs }.Fit(a, bin).Report!;
        Assert.Equal(SolverKind.Lbfgs, explicitRun.Solver);
        Assert.Equal(StopReason.MaxIterations, explicitRun.StopReason);
        // A caller's MaxIterations caps the whole fit, hand-overs included (issue 14, item 16) ...
        var capped = new LogisticRegression { Lambda = 1e-3, MaxIterations = cap, Tolerance = 1e-9 }.Fit(a, bin).Report!;
        Assert.InRange(capped.Iterations, 1, cap);
        // ... while without one the chain runs each solver with its own budget and certifies the optimum.
        var auto = new LogisticRegression { Lambda = 1e-3, Tolerance = 1e-9 }.Fit(a, bin).Report!;
        Assert.Equal(StopReason.Converged, auto.StopReason);
        Assert.True(auto.Objective < explicitRun.Objective);
    }
}
