using OptSuite.LinearAlgebra;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.LinearAlgebra.Blocks;

/// <summary>
/// <see cref="FusedProducts.WeightedGram"/>: Aᵀ diag(d)(Ax + c·1) and Σ d_i((Ax)_i + c) equal a plain dense computation
/// on CSR (the one-pass kernel, over several accumulator parts), CSC and dense maps, on both backends, with rows of zero
/// weight (skipped by the kernel) and an intercept shift; the CSR kernel's result is bit-identical with one and two threads.
/// </summary>
[Collection("Process-wide")]
public class WeightedGramTests
{
    private static (double[,] A, double[] D, double[] X) Problem(int n, int p, int seed)
    {
        var rng = new Random(seed);
        var a = RandomMatrices.Dense(rng, n, p, 0.2);
        double[] d = Enumerable.Range(0, n).Select(i => i % 3 == 0 ? 0 : rng.NextDouble()).ToArray();
        double[] x = Enumerable.Range(0, p).Select(_ => rng.NextDouble() - 0.5).ToArray();
        return (a, d, x);
    }

    [Fact]
    public void EqualsThePlainProductOnEveryMapAndBackend()
    {
        var (a, d, x) = Problem(20_000, 40, 1);
        const double shift = 0.3;
        int n = a.GetLength(0), p = a.GetLength(1);
        double[] expected = new double[p];
        double expectedSum = 0;
        for (int i = 0; i < n; i++)
        {
            double t = shift;
            for (int j = 0; j < p; j++) t += a[i, j] * x[j];
            t *= d[i];
            expectedSum += t;
            for (int j = 0; j < p; j++) expected[j] += t * a[i, j];
        }
        var backends = new List<ILinearAlgebraBackend> { LinearAlgebraBackends.Managed };
        if (LinearAlgebraBackends.TryGetMkl(out var mkl)) backends.Add(mkl!);
        foreach (var backend in backends)
        {
            var csr = RandomMatrices.Csr(a, backend);
            foreach (ILinearMap map in new ILinearMap[] { csr, csr.ToCsc(), DenseMatrix.FromArray(a).WithBackend(backend) })
            {
                double[] g = new double[p], scores = new double[n];
                double sum = FusedProducts.WeightedGram(map, d, x, shift, scores, g);
                Assert.Equal(expectedSum, sum, 1e-10 * (1 + Math.Abs(expectedSum)));
                for (int j = 0; j < p; j++) Assert.Equal(expected[j], g[j], 1e-10 * (1 + Math.Abs(expected[j])));
            }
        }
    }

    [Fact]
    public void TheCsrKernelIsBitIdenticalAcrossThreadCounts()
    {
        var (a, d, x) = Problem(20_000, 40, 2);
        var csr = RandomMatrices.Csr(a, LinearAlgebraBackends.Managed);
        double[] Run(int threads)
        {
            using var scope = LinearAlgebraSettings.UseThreads(threads);
            double[] g = new double[40];
            double sum = FusedProducts.WeightedGram(csr, d, x, -0.1, new double[20_000], g);
            return [.. g, sum];
        }
        Assert.Equal(Run(1), Run(2));
        var e = Assert.Throws<ArgumentException>(() => FusedProducts.WeightedGram(csr, d.AsSpan(1), x, 0, new double[20_000], new double[40]));
        Assert.Equal("weights", e.ParamName);
    }
}
