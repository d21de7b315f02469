using OptSuite.LinearAlgebra;
using OptSuite.Objectives;
using OptSuite.Objectives.Multiclass;
using OptSuite.Solvers;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Objectives.Linear;

public class MulticlassLinearObjectiveTests
{
    private static (ILinearMap A, int[] Labels) Data(int seed, int n, int p, int k, bool sparse)
    {
        var rng = new Random(seed);
        var a = RandomMatrices.Dense(rng, n, p, 0.7);
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            int best = 0; double top = double.NegativeInfinity;
            for (int c = 0; c < k; c++)
            {
                double s = rng.NextDouble();
                for (int j = 0; j < p; j++) s += a[i, j] * Math.Sin(1 + j * k + c);
                if (s > top) { top = s; best = c; }
            }
            labels[i] = best;
        }
        return (sparse ? RandomMatrices.Csr(a) : DenseMatrix.FromArray(a), labels);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void GradientMatchesFiniteDifferences(bool sparse, bool intercept)
    {
        var (a, y) = Data(1, 30, 5, 4, sparse);
        var weights = Enumerable.Range(0, 30).Select(i => 1.0 + i % 4).ToArray();
        var f = new MulticlassLinearObjective<MultinomialLogisticLoss, TestNone>(a, y, 4, default, default, 0.1, intercept, weights);
        var rng = new Random(2);
        var x = Enumerable.Range(0, f.Dimension).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var g = new double[f.Dimension];
        f.ValueAndGradient(x, g);
        for (int j = 0; j < x.Length; j++)
        {
            var xp = x.ToArray(); xp[j] += 1e-6;
            var xm = x.ToArray(); xm[j] -= 1e-6;
            double fd = (f.Value(xp) - f.Value(xm)) / 2e-6;
            Assert.True(Math.Abs(fd - g[j]) < 1e-7, $"entry {j}: FD {fd} vs {g[j]}");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void GapIsNonNegativeAndVanishesAtTheOptimum(bool intercept)
    {
        var (a, y) = Data(3, 80, 6, 3, sparse: true);
        var problems = new (string, ICompositeFunction)[]
        {
            ("ridge", new MulticlassLinearObjective<MultinomialLogisticLoss, TestNone>(a, y, 3, default, default, 0.02, intercept)),
            ("l1", new MulticlassLinearObjective<MultinomialLogisticLoss, TestL1>(a, y, 3, default, new TestL1(0.01), 0, intercept)),
            ("l21", new MulticlassLinearObjective<MultinomialLogisticLoss, TestL21>(a, y, 3, default, new TestL21(0.02, 3), 0, intercept)),
        };
        var rng = new Random(4);
        foreach (var (name, f) in problems)
        {
            for (int t = 0; t < 5; t++)
            {
                var x = Enumerable.Range(0, f.Dimension).Select(_ => rng.NextDouble() - 0.5).ToArray();
                Assert.True(f.DualityGap(x) >= -1e-12, name);
            }
            var r = ProximalGradient.Minimize(f, default, new ProximalGradientOptions { Tolerance = 1e-13, MaxIterations = 100_000 });
            double gap = f.DualityGap(r.Solution);
            Assert.True(gap >= -1e-14 && gap <= 1e-9 * r.Objective, $"{name}: gap {gap}, {r}");
        }
    }

    [Fact]
    public void LbfgsAndFistaAgree()
    {
        var (a, y) = Data(5, 100, 8, 5, sparse: false);
        var f = new MulticlassLinearObjective<MultinomialLogisticLoss, TestNone>(a, y, 5, default, default, 0.01, fitIntercept: true);
        var q = Lbfgs.Minimize(f.AsSmooth(), default, new LbfgsOptions { Tolerance = 1e-10 });
        var p = ProximalGradient.Minimize(f, default, new ProximalGradientOptions { Tolerance = 1e-12, MaxIterations = 100_000 });
        Assert.True(q.Converged && p.Converged);
        Assert.Equal(p.Objective, q.Objective, 1e-11);
    }

    [Fact]
    public void BadLabelsAreRejected()
    {
        var (a, y) = Data(6, 10, 3, 3, sparse: false);
        var bad = y.ToArray(); bad[7] = 3;
        var e = Assert.Throws<ArgumentException>(() => new MulticlassLinearObjective<MultinomialLogisticLoss, TestNone>(a, bad, 3, default, default));
        Assert.Equal("labels", e.ParamName);
        Assert.Contains("labels[7]", e.Message);
        Assert.Equal("classes", Assert.Throws<ArgumentOutOfRangeException>(() => new MulticlassLinearObjective<MultinomialLogisticLoss, TestNone>(a, y, 1, default, default)).ParamName);
    }
}
