using OptSuite.LinearAlgebra;
using OptSuite.Solvers;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Solvers;

/// <summary>
/// The weighted Gram cache behind coordinate descent's Gram mode against Σ_i h_i x_ia x_ib summed by definition: dense
/// (blocked register-tile kernel) and sparse (column-pair) builds, growth past the initial capacity, extension by new
/// columns only, rebuild after <see cref="GramCache.Reset"/>, and the intercept column.
/// </summary>
public class CoordinateDescentGramCacheTests
{
    [Theory]
    [InlineData(1.0, true)]
    [InlineData(0.6, false)]
    [InlineData(0.03, true)]
    [InlineData(0.03, false)]
    public void MatchesTheDefinition(double density, bool intercept)
    {
        var rng = new Random(21);
        // 5000 rows: several dense row blocks once 40+ columns are held.
        int n = 5000, p = 45;
        var a = RandomMatrices.Dense(rng, n, p, density);
        var x = RandomMatrices.Csr(a).ToCsc();
        var h = new double[n];
        for (int i = 0; i < n; i++) h[i] = rng.NextDouble() < 0.1 ? 0 : rng.NextDouble() * 3;
        var cache = new GramCache(x, intercept, 2);

        int[] first = [3, 17, 4, 40];
        cache.Extend(first, h, 100);
        Check(a, h, intercept, cache, first);
        long touched = cache.Touched;

        // Grows past capacity 2 and keeps the old entries; only new columns are read (plus the old ones they pair with).
        int[] second = Enumerable.Range(0, p).Where(j => j % 2 == 0).Concat(first).Distinct().ToArray();
        cache.Extend(second, h, 100);
        Check(a, h, intercept, cache, second);
        Assert.Equal(second.Length + (intercept ? 1 : 0), cache.Count);

        long before = cache.Touched;
        cache.Extend(first, h, 100);
        Assert.Equal(before, cache.Touched);
        Assert.True(touched > 0);

        // Past the limit the cache starts again on the requested columns.
        int[] all = Enumerable.Range(0, p).ToArray();
        cache.Extend(all, h, 30);
        Assert.Equal(p + (intercept ? 1 : 0), cache.Count);
        Check(a, h, intercept, cache, all.Reverse().ToArray());

        // A new h after Reset.
        for (int i = 0; i < n; i++) h[i] = 1 + Math.Sin(i);
        cache.Reset();
        cache.Extend(second, h, 100);
        Check(a, h, intercept, cache, second);
    }

    private static void Check(double[,] a, double[] h, bool intercept, GramCache cache, int[] columns)
    {
        int m = columns.Length, k = m + (intercept ? 1 : 0), n = h.Length;
        var g = new double[k * k];
        cache.Gather(columns, g, k);
        double Entry(int i, int t) => t < m ? a[i, columns[t]] : 1.0;
        for (int s = 0; s < k; s++)
            for (int t = 0; t < k; t++)
            {
                double sum = 0, magnitude = 0;
                for (int i = 0; i < n; i++)
                {
                    double term = h[i] * Entry(i, s) * Entry(i, t);
                    sum += term;
                    magnitude += Math.Abs(term);
                }
                Assert.True(Math.Abs(g[s * k + t] - sum) <= 1e-13 * magnitude + 1e-300,
                    $"G[{s},{t}] = {g[s * k + t]:R}, by definition {sum:R}");
                Assert.Equal(g[s * k + t], g[t * k + s]);
            }
    }
}
