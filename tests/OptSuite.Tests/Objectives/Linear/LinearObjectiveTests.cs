using OptSuite.LinearAlgebra;
using OptSuite.Objectives;
using OptSuite.Objectives.Losses;
using OptSuite.Prox;
using OptSuite.Solvers;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Objectives.Linear;

public class LinearObjectiveTests
{
    private static (double[,] A, double[] Regression, double[] Binary, double[] Counts) Data(int seed, int n, int p, double density = 0.6)
    {
        var rng = new Random(seed);
        var a = RandomMatrices.Dense(rng, n, p, density);
        var reg = new double[n]; var bin = new double[n]; var counts = new double[n];
        for (int i = 0; i < n; i++)
        {
            double z = 0;
            for (int j = 0; j < p; j++) z += a[i, j] * ((j % 3) - 1) * 0.7;
            reg[i] = z + rng.NextDouble() - 0.5;
            bin[i] = z + 0.8 * (rng.NextDouble() - 0.5) > 0 ? 1 : -1;
            counts[i] = Math.Floor(Math.Exp(0.3 * z) * 2 * rng.NextDouble());
        }
        return (a, reg, bin, counts);
    }

    private static ILinearMap Map(double[,] a, bool sparse) => sparse ? RandomMatrices.Csr(a) : DenseMatrix.FromArray(a);

    private static void CheckGradient(ICompositeFunction f, int seed, double tolerance = 1e-6)
    {
        var rng = new Random(seed);
        var x = Enumerable.Range(0, f.Dimension).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var g = new double[f.Dimension];
        double value = f.ValueAndGradient(x, g);
        Assert.Equal(f.Value(x), value, 1e-12 * Math.Max(1, Math.Abs(value)));
        for (int j = 0; j < x.Length; j++)
        {
            double h = 1e-6 * Math.Max(1, Math.Abs(x[j]));
            var xp = x.ToArray(); xp[j] += h;
            var xm = x.ToArray(); xm[j] -= h;
            double fd = (f.Value(xp) - f.Value(xm)) / (2 * h);
            Assert.True(Math.Abs(fd - g[j]) <= tolerance * Math.Max(1, Math.Abs(fd)), $"coordinate {j}: FD {fd}, gradient {g[j]}");
        }
    }

    [Theory]
    [InlineData(false, false, false)]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    [InlineData(true, true, true)]
    public void GradientsMatchFiniteDifferences(bool sparse, bool intercept, bool weighted)
    {
        var (a, reg, bin, counts) = Data(1, 40, 7);
        var weights = weighted ? Enumerable.Range(0, 40).Select(i => 0.5 + i % 3).ToArray() : null;
        var map = Map(a, sparse);
        CheckGradient(new LinearObjective<SquaredLoss, TestNone>(map, reg, default, default, 0.3, intercept, weights), 2);
        CheckGradient(new LinearObjective<LogisticLoss, TestL1>(map, bin, default, new TestL1(0.1), 0, intercept, weights), 3);
        CheckGradient(new LinearObjective<HuberLoss, TestL1>(map, reg, new HuberLoss(0.5), new TestL1(0.1), 0.1, intercept, weights), 4);
        CheckGradient(new LinearObjective<PoissonLoss, TestNone>(map, counts, default, default, 0.01, intercept, weights), 5);
        CheckGradient(new LinearObjective<GammaLoss, TestL1>(map, counts.Select(v => v + 0.5).ToArray(), default, new TestL1(0.05), 0.01, intercept, weights), 7);
        CheckGradient(new LinearObjective<SmoothedHingeLoss, TestNone>(map, bin, new SmoothedHingeLoss(1.0), default, 0.2, intercept, weights), 6);
    }

    [Fact]
    public void IntegerWeightsEqualRepeatedRows()
    {
        var (a, _, bin, _) = Data(7, 12, 4, 1.0);
        int[] repeat = [1, 2, 3, 1, 1, 2, 1, 3, 1, 1, 2, 1];
        var rows = new List<double[]>(); var labels = new List<double>();
        for (int i = 0; i < 12; i++)
            for (int r = 0; r < repeat[i]; r++) { rows.Add(Enumerable.Range(0, 4).Select(j => a[i, j]).ToArray()); labels.Add(bin[i]); }
        var weighted = new LinearObjective<LogisticLoss, TestNone>(DenseMatrix.FromArray(a), bin, default, default, 0, true,
            repeat.Select(r => (double)r).ToArray());
        var repeated = new LinearObjective<LogisticLoss, TestNone>(DenseMatrix.FromRows(rows.ToArray()), labels.ToArray(), default, default, 0, true);
        double[] x = [0.3, -0.2, 0.5, 0.1, -0.4];
        var g1 = new double[5]; var g2 = new double[5];
        Assert.Equal(repeated.ValueAndGradient(x, g2), weighted.ValueAndGradient(x, g1), 1e-14);
        for (int j = 0; j < 5; j++) Assert.Equal(g2[j], g1[j], 1e-14);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LipschitzBoundIsAboveTheTrueConstantButTight(bool intercept)
    {
        var (a, reg, _, _) = Data(8, 30, 6);
        var f = new LinearObjective<SquaredLoss, TestNone>(DenseMatrix.FromArray(a), reg, default, default, 0.05, intercept);
        // For the squared loss ∇f is linear: its Lipschitz constant is λ_max of the (exact) Hessian, which we get from
        // finite gradient differences along many random directions and a dense power iteration.
        int d = f.Dimension;
        var h = new double[d, d];
        var g0 = new double[d]; var g1 = new double[d];
        f.ValueAndGradient(new double[d], g0);
        for (int j = 0; j < d; j++)
        {
            var e = new double[d]; e[j] = 1;
            f.ValueAndGradient(e, g1);
            for (int i = 0; i < d; i++) h[i, j] = g1[i] - g0[i];
        }
        var v = Enumerable.Repeat(1.0, d).ToArray();
        double lambda = 0;
        for (int it = 0; it < 5000; it++)
        {
            var w = new double[d];
            for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) w[i] += h[i, j] * v[j];
            lambda = Math.Sqrt(w.Sum(t => t * t));
            v = w.Select(t => t / lambda).ToArray();
        }
        // The bound adds μ to λ_max(ÃᵀDÃ) although the intercept is not ridge-penalised: at most μ too large.
        Assert.InRange(f.SmoothLipschitz, lambda, 1.02 * lambda + (intercept ? 0.05 : 0));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void DualityGapIsNonNegativeEverywhereAndVanishesAtTheOptimum(bool intercept)
    {
        var (a, reg, bin, counts) = Data(9, 60, 8);
        var map = Map(a, sparse: true);
        var problems = new (string Name, ICompositeFunction F)[]
        {
            ("lasso", new LinearObjective<SquaredLoss, TestL1>(map, reg, default, new TestL1(0.05), 0, intercept)),
            ("enet", new LinearObjective<SquaredLoss, TestL1>(map, reg, default, new TestL1(0.03), 0.03, intercept)),
            ("ridge", new LinearObjective<SquaredLoss, TestNone>(map, reg, default, default, 0.1, intercept)),
            ("l1 logistic", new LinearObjective<LogisticLoss, TestL1>(map, bin, default, new TestL1(0.02), 0, intercept)),
            ("l2 logistic", new LinearObjective<LogisticLoss, TestNone>(map, bin, default, default, 0.05, intercept)),
            ("huber l1", new LinearObjective<HuberLoss, TestL1>(map, reg, new HuberLoss(0.3), new TestL1(0.02), 0, intercept)),
            ("poisson l1", new LinearObjective<PoissonLoss, TestL1>(map, counts, default, new TestL1(0.05), 0, intercept)),
            ("gamma l1", new LinearObjective<GammaLoss, TestL1>(map, counts.Select(v => v + 0.5).ToArray(), default, new TestL1(0.02), 0, intercept)),
            ("gamma l2", new LinearObjective<GammaLoss, TestNone>(map, counts.Select(v => v + 0.5).ToArray(), default, default, 0.05, intercept)),
            ("smoothed hinge l2", new LinearObjective<SmoothedHingeLoss, TestNone>(map, bin, new SmoothedHingeLoss(0.5), default, 0.05, intercept)),
            ("squared hinge l2", new LinearObjective<SquaredHingeLoss, TestNone>(map, bin, default, default, 0.05, intercept)),
        };
        var rng = new Random(10);
        foreach (var (name, f) in problems)
        {
            for (int trial = 0; trial < 5; trial++)
            {
                var x = Enumerable.Range(0, f.Dimension).Select(_ => 0.3 * (rng.NextDouble() - 0.5)).ToArray();
                double gap = f.DualityGap(x);
                Assert.True(gap >= -1e-12, $"{name}: gap {gap} at a random point");
            }
            var r = ProximalGradient.Minimize(f, default, new ProximalGradientOptions { Tolerance = 1e-13, MaxIterations = 200_000, GapCheckEvery = 5 });
            double objective = f.Value(r.Solution) + f.NonsmoothValue(r.Solution);
            double final = f.DualityGap(r.Solution);
            Assert.True(final >= -1e-14 && final <= 1e-9 * Math.Abs(objective), $"{name}: gap {final} at the optimum (objective {objective}, {r})");
        }
    }

    [Fact]
    public void SmoothAndL1ViewsGiveTheSameOptimaAsFista()
    {
        var (a, reg, bin, _) = Data(11, 80, 10);
        var map = Map(a, sparse: false);
        var l2 = new LinearObjective<LogisticLoss, TestNone>(map, bin, default, default, 0.02, fitIntercept: true);
        var q = Lbfgs.Minimize(l2.AsSmooth(), default, new LbfgsOptions { Tolerance = 1e-10 });
        var p = ProximalGradient.Minimize(l2, default, new ProximalGradientOptions { Tolerance = 1e-12, MaxIterations = 100_000 });
        Assert.True(q.Converged);
        Assert.Equal(p.Objective, q.Objective, 1e-11);
        Assert.NotNull(q.DualityGap);
        Assert.True(q.DualityGap < 1e-10);

        var l1 = new LinearObjective<SquaredLoss, TestL1>(map, reg, default, new TestL1(0.05), 0.01, fitIntercept: true);
        var o = OwlQn.Minimize(l1.AsL1Composite(), default, new OwlQnOptions { Tolerance = 1e-10 });
        var p1 = ProximalGradient.Minimize(l1, default, new ProximalGradientOptions { Tolerance = 1e-12, MaxIterations = 100_000 });
        Assert.True(o.Converged);
        Assert.Equal(p1.Objective, l1.TotalValue(o.Solution), 1e-11);
        Assert.Throws<InvalidOperationException>(() => l1.AsSmooth());
        Assert.Throws<InvalidOperationException>(() => l2.AsL1Composite());
    }

    [Fact]
    public void BadInputIsRejectedWithTheParameterName()
    {
        var (a, reg, bin, _) = Data(12, 10, 3, 1.0);
        var map = DenseMatrix.FromArray(a);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => new LinearObjective<SquaredLoss, TestNone>(map, reg[..9], default, default)).ParamName);
        var badLabels = bin.ToArray(); badLabels[4] = 2;
        var e = Assert.Throws<ArgumentException>(() => new LinearObjective<LogisticLoss, TestNone>(map, badLabels, default, default));
        Assert.Equal("labels", e.ParamName);
        Assert.Contains("labels[4]", e.Message);
        var nanLabels = reg.ToArray(); nanLabels[2] = double.NaN;
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => new LinearObjective<SquaredLoss, TestNone>(map, nanLabels, default, default)).ParamName);
        var withNaN = (double[,])a.Clone(); withNaN[3, 1] = double.NaN;
        Assert.Equal("data", Assert.Throws<ArgumentException>(() => new LinearObjective<SquaredLoss, TestNone>(DenseMatrix.FromArray(withNaN), reg, default, default)).ParamName);
        Assert.Equal("data", Assert.Throws<ArgumentException>(() => new LinearObjective<SquaredLoss, TestNone>(RandomMatrices.Csr(withNaN), reg, default, default)).ParamName);
        Assert.Equal("sampleWeights", Assert.Throws<ArgumentException>(() => new LinearObjective<SquaredLoss, TestNone>(map, reg, default, default, 0, false, new double[10])).ParamName);
        Assert.Equal("ridge", Assert.Throws<ArgumentOutOfRangeException>(() => new LinearObjective<SquaredLoss, TestNone>(map, reg, default, default, -1)).ParamName);
        // A non-convex loss builds an objective without a duality gap (its solvers certify stationarity instead).
        var focal = new LinearObjective<FocalLoss, TestNone>(map, bin, new FocalLoss(2), default);
        Assert.False(focal.HasDualityGap);
        Assert.True(double.IsNaN(focal.DualityGap(new double[focal.Dimension])));
        Assert.True(new LinearObjective<FocalLoss, TestNone>(map, bin, new FocalLoss(0), default).HasDualityGap);
        var f = new LinearObjective<SquaredLoss, TestNone>(map, reg, default, default);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => f.Value(new double[4])).ParamName);
    }

    [Fact]
    public void EvaluationsDoNotAllocateAndDoNotTouchTheCallersArrays()
    {
        var (a, _, bin, _) = Data(13, 50, 6);
        var labels = bin.ToArray();
        var f = new LinearObjective<LogisticLoss, TestL1>(RandomMatrices.Csr(a), labels, default, new TestL1(0.01), 0.01, true);
        var x = new double[] { 0.1, 0.2, -0.3, 0.4, 0.5, -0.6, 0.05 };
        var copy = x.ToArray();
        var g = new double[7];
        f.ValueAndGradient(x, g); f.DualityGap(x); f.Prox(x, 0.1, g);
        Assert.Equal(0, Allocations.Least(() => { for (int i = 0; i < 20; i++) { f.ValueAndGradient(x, g); f.Value(x); f.DualityGap(x); f.Prox(x, 0.1, g); } }));
        Assert.Equal(copy, x);
        Assert.Equal(bin, labels);
    }
}
