using OptSuite.LinearAlgebra;

namespace OptSuite.Benchmarks.LinearAlgebra;

/// <summary>
/// Random matrices with the shapes and densities of the data sets the solvers meet (values are random, the shapes and
/// sparsity are what matter for memory traffic).
/// </summary>
public static class SyntheticMatrices
{
    /// <summary>Shape names used as benchmark parameters.</summary>
    public const string Dense = "dense 20000x1000", FashionMnist = "csr 60000x784 50%", News20 = "csr 15935x62061 0.13%";

    public static ILinearMap Build(string shape, ILinearAlgebraBackend backend) => shape switch
    {
        Dense => new DenseMatrix(20_000, 1_000, RandomValues(new Random(1), 20_000L * 1_000), MatrixLayout.RowMajor, backend),
        FashionMnist => Csr(60_000, 784, rng => 0.5 > rng.NextDouble(), new Random(2), backend),
        News20 => UniformRows(15_935, 62_061, meanPerRow: 81, new Random(3), backend),
        _ => throw new ArgumentException($"Unknown shape '{shape}'.", nameof(shape)),
    };

    /// <summary>Bytes of matrix storage one product streams: 8 per dense entry; 8 + 4 per stored entry plus 4 per row pointer.</summary>
    public static double MatrixBytes(string shape) => shape switch
    {
        Dense => 8.0 * 20_000 * 1_000,
        FashionMnist => 12.0 * 60_000 * 784 * 0.5 + 4.0 * 60_001,
        News20 => 12.0 * 15_935 * 81 + 4.0 * 15_936,
        _ => throw new ArgumentException($"Unknown shape '{shape}'.", nameof(shape)),
    };

    private static double[] RandomValues(Random rng, long n)
    {
        var v = new double[n];
        for (long i = 0; i < n; i++) v[i] = rng.NextDouble() * 2 - 1;
        return v;
    }

    /// <summary>Every entry kept independently with the given test (≈ Bernoulli density).</summary>
    private static CsrMatrix Csr(int m, int n, Func<Random, bool> keep, Random rng, ILinearAlgebraBackend backend)
    {
        var ptr = new int[m + 1];
        var idx = new List<int>();
        var val = new List<double>();
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                if (!keep(rng)) continue;
                idx.Add(j);
                val.Add(rng.NextDouble());
            }
            ptr[i + 1] = idx.Count;
        }
        return new CsrMatrix(m, n, ptr, idx.ToArray(), val.ToArray(), backend);
    }

    /// <summary>Rows of 1 .. 2·mean − 1 entries (mean ≈ <paramref name="meanPerRow"/>) at uniform random columns, sorted.</summary>
    private static CsrMatrix UniformRows(int m, int n, int meanPerRow, Random rng, ILinearAlgebraBackend backend)
    {
        var ptr = new int[m + 1];
        var idx = new List<int>();
        var val = new List<double>();
        var row = new SortedSet<int>();
        for (int i = 0; i < m; i++)
        {
            row.Clear();
            int k = 1 + rng.Next(2 * meanPerRow - 1);
            while (row.Count < k) row.Add(rng.Next(n));
            foreach (int j in row)
            {
                idx.Add(j);
                val.Add(rng.NextDouble());
            }
            ptr[i + 1] = idx.Count;
        }
        return new CsrMatrix(m, n, ptr, idx.ToArray(), val.ToArray(), backend);
    }
}
