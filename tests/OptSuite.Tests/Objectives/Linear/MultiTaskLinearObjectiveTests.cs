using OptSuite.LinearAlgebra;
using OptSuite.Objectives;
using OptSuite.Prox;
using OptSuite.Prox.Regularizers;
using OptSuite.Solvers;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Objectives.Linear;

public class MultiTaskLinearObjectiveTests
{
    /// <summary>Random data and targets Y = XW* + noise with a row-sparse W*.</summary>
    internal static (double[,] A, double[] Y) Data(int seed, int n, int p, int k)
    {
        var rng = new Random(seed);
        var a = RandomMatrices.Dense(rng, n, p, 0.6);
        var y = new double[n * k];
        for (int i = 0; i < n; i++)
            for (int c = 0; c < k; c++)
            {
                double s = 0.3 * (rng.NextDouble() - 0.5) + 0.2 * c;
                for (int j = 0; j < p; j += 2) s += a[i, j] * Math.Sin(1 + j + 2 * c);
                y[i * k + c] = s;
            }
        return (a, y);
    }

    private static double[] RandomPoint(Random rng, int d) => Enumerable.Range(0, d).Select(_ => rng.NextDouble() - 0.5).ToArray();

    [Theory]
    [InlineData(false, false, false)]
    [InlineData(true, true, false)]
    [InlineData(true, true, true)]
    public void GradientMatchesFiniteDifferencesAndTheValueMatchesTheFormula(bool sparse, bool intercept, bool weighted)
    {
        int n = 25, p = 6, k = 3;
        var (a, y) = Data(1, n, p, k);
        ILinearMap x = sparse ? RandomMatrices.Csr(a) : DenseMatrix.FromArray(a);
        double[] c = weighted ? Enumerable.Range(0, n).Select(i => 1.0 + i % 3).ToArray() : [];
        var f = new MultiTaskLinearObjective<L21Norm>(x, y, k, new L21Norm(p, k, 0.1), 0.05, intercept, c);
        var point = RandomPoint(new Random(2), f.Dimension);
        var g = new double[f.Dimension];
        double value = f.ValueAndGradient(point, g);

        // f = (1/Σc) Σ c_i ½‖y_i − Wᵀx_i − b‖² + (μ/2)‖W‖², written out.
        double sum = 0, total = weighted ? c.Sum() : n;
        for (int i = 0; i < n; i++)
            for (int t = 0; t < k; t++)
            {
                double z = intercept ? point[p * k + t] : 0;
                for (int j = 0; j < p; j++) z += a[i, j] * point[j * k + t];
                sum += (weighted ? c[i] : 1.0) * 0.5 * (z - y[i * k + t]) * (z - y[i * k + t]);
            }
        double ridge = 0;
        for (int e = 0; e < p * k; e++) ridge += 0.025 * point[e] * point[e];
        Assert.Equal(sum / total + ridge, value, 1e-12);
        Assert.Equal(value, f.Value(point), 1e-14);

        for (int e = 0; e < point.Length; e++)
        {
            var xp = point.ToArray(); xp[e] += 1e-6;
            var xm = point.ToArray(); xm[e] -= 1e-6;
            double fd = (f.Value(xp) - f.Value(xm)) / 2e-6;
            Assert.True(Math.Abs(fd - g[e]) < 1e-7, $"entry {e}: FD {fd} vs {g[e]}");
        }
    }

    [Theory]
    [InlineData(false, 1.0)]
    [InlineData(true, 1.0)]
    [InlineData(true, 0.6)]
    public void GapIsNonNegativeAndVanishesAtTheOptimum(bool intercept, double l1Ratio)
    {
        int n = 60, p = 10, k = 4;
        var (a, y) = Data(3, n, p, k);
        var f = Objective.MultiTaskElasticNet(RandomMatrices.Csr(a), y, k, 0.05, l1Ratio, intercept);
        var rng = new Random(4);
        for (int t = 0; t < 20; t++)
        {
            var point = RandomPoint(rng, f.Dimension);
            if (t % 2 == 0) for (int j = 0; j < p; j += 3) for (int c = 0; c < k; c++) point[j * k + c] = 0;
            double gap = f.DualityGap(point);
            Assert.True(gap >= 0 && double.IsFinite(gap), $"gap {gap}");
        }
        var r = ProximalGradient.Minimize(f, default, new ProximalGradientOptions { Tolerance = 1e-14, MaxIterations = 200_000 });
        double final = f.DualityGap(r.Solution);
        Assert.True(final >= 0 && final <= 1e-12 * r.Objective, $"gap {final}, {r}");
        // Far from the optimum the gap is large: it bounds the suboptimality from above.
        var zero = new double[f.Dimension];
        Assert.True(f.DualityGap(zero) >= f.TotalValue(zero) - r.Objective - 1e-12);
    }

    [Fact]
    public void OneTaskIsTheLasso()
    {
        var (a, y) = Data(5, 40, 7, 1);
        var x = RandomMatrices.Csr(a);
        foreach (bool intercept in new[] { false, true })
        {
            var multi = Objective.MultiTaskLasso(x, y, 1, 0.03, intercept);
            var lasso = Objective.Lasso(x, y, 0.03, intercept);
            var rng = new Random(6);
            for (int t = 0; t < 5; t++)
            {
                var point = RandomPoint(rng, lasso.Dimension);
                Assert.Equal(lasso.TotalValue(point), multi.TotalValue(point), 1e-13);
                var g1 = new double[point.Length];
                var g2 = new double[point.Length];
                lasso.ValueAndGradient(point, g1);
                multi.ValueAndGradient(point, g2);
                for (int j = 0; j < g1.Length; j++) Assert.Equal(g1[j], g2[j], 1e-13);
                if (!intercept) Assert.Equal(lasso.DualityGap(point), multi.DualityGap(point), 1e-12);
                else Assert.True(multi.DualityGap(point) >= 0);
            }
        }
    }

    [Fact]
    public void LipschitzConstantsBoundTheGradientAndRowConstantsAreExact()
    {
        int n = 50, p = 8, k = 3;
        var (a, y) = Data(7, n, p, k);
        var f = Objective.MultiTaskElasticNet(DenseMatrix.FromArray(a), y, k, 0.1, 0.5, fitIntercept: true);
        double l = f.SmoothLipschitz;
        var rng = new Random(8);
        var g1 = new double[f.Dimension];
        var g2 = new double[f.Dimension];
        double ratio = 0;
        for (int t = 0; t < 30; t++)
        {
            var u = RandomPoint(rng, f.Dimension);
            var v = RandomPoint(rng, f.Dimension);
            f.ValueAndGradient(u, g1);
            f.ValueAndGradient(v, g2);
            double num = 0, den = 0;
            for (int e = 0; e < u.Length; e++) { num += (g1[e] - g2[e]) * (g1[e] - g2[e]); den += (u[e] - v[e]) * (u[e] - v[e]); }
            ratio = Math.Max(ratio, Math.Sqrt(num / den));
        }
        Assert.InRange(ratio, 0.05 * l, l);

        var rows = new double[p + 1];
        f.BlockLipschitz(rows);
        for (int j = 0; j < p; j++)
        {
            // Moving row j alone by δ changes the gradient on that row by exactly L_j·δ.
            var u = RandomPoint(rng, f.Dimension);
            var v = u.ToArray();
            for (int c = 0; c < k; c++) v[j * k + c] += 0.1 * (c + 1);
            f.ValueAndGradient(u, g1);
            f.ValueAndGradient(v, g2);
            for (int c = 0; c < k; c++) Assert.Equal(rows[j] * 0.1 * (c + 1), g2[j * k + c] - g1[j * k + c], 1e-12);
        }
        Assert.Equal(1.0, rows[p]);
    }

    [Fact]
    public void ProxActsOnRowsAndKeepsIntercepts()
    {
        var (a, y) = Data(9, 20, 4, 2);
        var f = Objective.MultiTaskLasso(RandomMatrices.Csr(a), y, 2, 0.5, fitIntercept: true);
        double[] v = [3, 4, 0.1, 0.2, -6, 8, 1, 0, 7, -7];
        var result = new double[v.Length];
        double r = f.Prox(v, 1.0, result);
        // Rows (3,4) → ×(1 − 0.5/5); (0.1, 0.2) → 0; (−6, 8) → ×(1 − 0.5/10); (1, 0) → (0.5, 0); intercepts unchanged.
        double[] expected = [2.7, 3.6, 0, 0, -5.7, 7.6, 0.5, 0, 7, -7];
        for (int e = 0; e < v.Length; e++) Assert.Equal(expected[e], result[e], 1e-14);
        Assert.Equal(f.NonsmoothValue(result), r, 1e-14);
        Assert.Equal(0.5 * (4.5 + 9.5 + 0.5), r, 1e-14);
    }

    [Fact]
    public void BadInputIsRejectedWithTheParameterNamed()
    {
        var (a, y) = Data(10, 10, 3, 2);
        var x = DenseMatrix.FromArray(a);
        Assert.Equal("targets", Assert.Throws<ArgumentException>(() => Objective.MultiTaskLasso(x, y.AsSpan(1).ToArray(), 2, 0.1)).ParamName);
        var bad = y.ToArray(); bad[5] = double.NaN;
        var e = Assert.Throws<ArgumentException>(() => Objective.MultiTaskLasso(x, bad, 2, 0.1));
        Assert.Equal("targets", e.ParamName);
        Assert.Contains("sample 2, task 1", e.Message);
        Assert.Equal("tasks", Assert.Throws<ArgumentOutOfRangeException>(() => Objective.MultiTaskLasso(x, y, 0, 0.1)).ParamName);
        Assert.Equal("lambda", Assert.Throws<ArgumentOutOfRangeException>(() => Objective.MultiTaskLasso(x, y, 2, -1)).ParamName);
        Assert.Equal("l1Ratio", Assert.Throws<ArgumentOutOfRangeException>(() => Objective.MultiTaskElasticNet(x, y, 2, 1, 1.5)).ParamName);
        Assert.Equal("regularizer", Assert.Throws<ArgumentException>(() =>
            new MultiTaskLinearObjective<L21Norm>(x, y, 2, new L21Norm(3, 3, 0.1))).ParamName);
        Assert.Equal("ridge", Assert.Throws<ArgumentOutOfRangeException>(() =>
            new MultiTaskLinearObjective<L21Norm>(x, y, 2, new L21Norm(3, 2, 0.1), double.NaN)).ParamName);
        Assert.Equal("sampleWeights", Assert.Throws<ArgumentException>(() =>
            new MultiTaskLinearObjective<L21Norm>(x, y, 2, new L21Norm(3, 2, 0.1), 0, false, new double[10])).ParamName);
        var f = Objective.MultiTaskLasso(x, y, 2, 0.1);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => f.Value(new double[5])).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => f.BlockLipschitz(new double[4])).ParamName);
        Assert.Throws<InvalidOperationException>(() => f.AsSmooth());
    }

    [Fact]
    public void CallerDataAreCopied()
    {
        var (a, y) = Data(11, 12, 3, 2);
        var x = DenseMatrix.FromArray(a);
        var f = Objective.MultiTaskLasso(x, y, 2, 0.1);
        var point = RandomPoint(new Random(12), f.Dimension);
        double before = f.TotalValue(point);
        var copy = point.ToArray();
        y[0] += 100;
        Assert.Equal(before, f.TotalValue(point));
        f.DualityGap(point);
        Assert.Equal(copy, point);
    }
}
