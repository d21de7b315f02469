using OptSuite.LinearAlgebra;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.LinearAlgebra;

/// <summary>Dense (both layouts), CSR, CSC and their transposed views agree with the definition of every product.</summary>
public class LinearMapAgreementTests
{
    public static TheoryData<int, int, double, int> Shapes => new()
    {
        { 7, 5, 0.6, 1 },
        { 1, 9, 1.0, 2 },
        { 9, 1, 0.5, 3 },
        { 0, 4, 1.0, 4 },
        { 4, 0, 1.0, 5 },
        { 300, 200, 0.05, 6 },   // empty rows and columns likely
        { 2000, 700, 0.1, 7 },   // large enough for the parallel kernels
        { 600, 3000, 0.02, 8 },
    };

    private static IEnumerable<(string Name, ILinearMap Map)> Maps(double[,] a)
    {
        var csr = RandomMatrices.Csr(a, LinearAlgebraBackends.Managed);
        var dense = DenseMatrix.FromArray(a, LinearAlgebraBackends.Managed);
        yield return ("dense row-major", dense);
        yield return ("dense column-major", dense.ToLayout(MatrixLayout.ColumnMajor));
        yield return ("csr", csr);
        yield return ("csc", csr.ToCsc());
        yield return ("csc from triplets", CscFromTriplets(a));
    }

    private static CscMatrix CscFromTriplets(double[,] a)
    {
        var csr = RandomMatrices.Csr(a);
        var r = new List<int>(); var c = new List<int>(); var v = new List<double>();
        for (int i = 0; i < csr.Rows; i++)
            for (int q = csr.RowPointers[i]; q < csr.RowPointers[i + 1]; q++) { r.Add(i); c.Add(csr.ColumnIndices[q]); v.Add(csr.Values[q]); }
        return CscMatrix.FromTriplets(csr.Rows, csr.Columns, r.ToArray(), c.ToArray(), v.ToArray(), LinearAlgebraBackends.Managed);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ProductsMatchTheDefinition(int m, int n, double density, int seed)
    {
        var rng = new Random(seed);
        var a = RandomMatrices.Dense(rng, m, n, density);
        var x = RandomMatrices.Vector(rng, n);
        var u = RandomMatrices.Vector(rng, m);
        foreach (var (alpha, beta) in new[] { (1.0, 0.0), (-0.5, 1.0), (2.0, -3.0) })
        {
            var y0 = RandomMatrices.Vector(rng, m);
            var g0 = RandomMatrices.Vector(rng, n);
            var yRef = RandomMatrices.Reference(a, false, alpha, x, beta, y0);
            var gRef = RandomMatrices.Reference(a, true, alpha, u, beta, g0);
            foreach (var (name, map) in Maps(a))
            {
                var y = (double[])y0.Clone();
                if (beta == 0) Array.Fill(y, double.NaN); // β = 0 must ignore the old content, as BLAS does
                map.Apply(x, y, alpha, beta);
                Assert.True(RandomMatrices.RelativeError(y, yRef) < 1e-13, $"{name} Apply α={alpha} β={beta}");

                var g = (double[])g0.Clone();
                if (beta == 0) Array.Fill(g, double.NaN);
                map.ApplyTranspose(u, g, alpha, beta);
                Assert.True(RandomMatrices.RelativeError(g, gRef) < 1e-13, $"{name} ApplyTranspose α={alpha} β={beta}");

                // The transposed view swaps the two products.
                var t = map.Transpose();
                Assert.Equal((n, m), (t.Rows, t.Columns));
                var yt = new double[n];
                t.Apply(u, yt, alpha);
                var gAlpha = RandomMatrices.Reference(a, true, alpha, u, 0, g0);
                Assert.True(RandomMatrices.RelativeError(yt, gAlpha) < 1e-13, $"{name} Transpose().Apply");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void RowAndColumnAccessMatchTheDefinition(int m, int n, double density, int seed)
    {
        var rng = new Random(seed);
        var a = RandomMatrices.Dense(rng, m, n, density);
        var w = RandomMatrices.Vector(rng, n);
        var u = RandomMatrices.Vector(rng, m);
        foreach (var (name, map) in Maps(a))
        {
            var rowNorms = new double[m];
            var colNorms = new double[n];
            map.RowSquaredNorms(rowNorms);
            map.ColumnSquaredNorms(colNorms);
            for (int i = 0; i < Math.Min(m, 25); i++)
            {
                double dot = 0, sq = 0;
                for (int j = 0; j < n; j++) { dot += a[i, j] * w[j]; sq += a[i, j] * a[i, j]; }
                Assert.Equal(dot, map.RowDot(i, w), 1e-12);
                Assert.Equal(sq, rowNorms[i], 1e-12);
                var g = (double[])w.Clone();
                map.RowAxpy(i, 0.75, g);
                for (int j = 0; j < n; j++) Assert.Equal(w[j] + 0.75 * a[i, j], g[j], 1e-14);
            }
            for (int j = 0; j < Math.Min(n, 25); j++)
            {
                double dot = 0, sq = 0;
                for (int i = 0; i < m; i++) { dot += a[i, j] * u[i]; sq += a[i, j] * a[i, j]; }
                Assert.True(Math.Abs(dot - map.ColumnDot(j, u)) < 1e-12, $"{name} ColumnDot({j})");
                Assert.Equal(sq, colNorms[j], 1e-12);
                var y = (double[])u.Clone();
                map.ColumnAxpy(j, -2, y);
                for (int i = 0; i < m; i++) Assert.Equal(u[i] - 2 * a[i, j], y[i], 1e-14);
            }
        }
    }

    [Fact]
    public void WrongLengthsNameTheParameter()
    {
        var a = DenseMatrix.FromArray(new double[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } });
        var e = Assert.Throws<ArgumentException>(() => a.Apply(new double[3], new double[3]));
        Assert.Equal("x", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => a.ApplyTranspose(new double[3], new double[3]));
        Assert.Equal("g", e.ParamName);
        var csr = RandomMatrices.Csr(new double[,] { { 1, 0 }, { 0, 2 } });
        Assert.Throws<ArgumentOutOfRangeException>(() => csr.ColumnDot(2, new double[2]));
        e = Assert.Throws<ArgumentException>(() => csr.RowDot(0, new double[3]));
        Assert.Equal("w", e.ParamName);
    }

    [Fact]
    public void ParallelKernelsAreDeterministicAndMatchOneThread()
    {
        var rng = new Random(11);
        var a = RandomMatrices.Dense(rng, 3000, 800, 0.08);
        var x = RandomMatrices.Vector(rng, 800);
        var u = RandomMatrices.Vector(rng, 3000);
        foreach (var (name, map) in Maps(a))
        {
            var y1 = new double[3000]; var g1 = new double[800];
            using (LinearAlgebraSettings.UseThreads(1)) { map.Apply(x, y1); map.ApplyTranspose(u, g1); }
            var y2 = new double[3000]; var g2 = new double[800];
            var y3 = new double[3000]; var g3 = new double[800];
            using (LinearAlgebraSettings.UseThreads(2))
            {
                map.Apply(x, y2); map.ApplyTranspose(u, g2);
                map.Apply(x, y3); map.ApplyTranspose(u, g3);
            }
            Assert.Equal(y2, y3); // bit-identical run to run
            Assert.Equal(g2, g3);
            Assert.True(RandomMatrices.RelativeError(y2, y1) < 1e-14, name);
            Assert.True(RandomMatrices.RelativeError(g2, g1) < 1e-14, name);
        }
    }

    [Fact]
    public void ProductsDoNotAllocateAfterWarmUp()
    {
        var rng = new Random(3);
        var a = RandomMatrices.Dense(rng, 4000, 600, 0.1);
        var x = RandomMatrices.Vector(rng, 600);
        var u = RandomMatrices.Vector(rng, 4000);
        var y = new double[4000]; var g = new double[600];
        foreach (var (name, map) in Maps(a))
        {
            for (int rep = 0; rep < 3; rep++) { map.Apply(x, y); map.ApplyTranspose(u, g); }
            long allocated = Allocations.Least(() => { for (int rep = 0; rep < 10; rep++) { map.Apply(x, y); map.ApplyTranspose(u, g); } });
            Assert.True(allocated == 0, $"{name}: {allocated} bytes allocated by 20 products");
        }
    }

    [Fact]
    public void CallerArraysAreNotMutated()
    {
        var rng = new Random(5);
        var a = RandomMatrices.Dense(rng, 50, 40, 0.3);
        var csr = RandomMatrices.Csr(a);
        var values = csr.Values.ToArray();
        var x = RandomMatrices.Vector(rng, 40);
        var xCopy = (double[])x.Clone();
        csr.Apply(x, new double[50], 3, 0);
        csr.ToCsc().ApplyTranspose(new double[50], new double[40]);
        Assert.Equal(xCopy, x);
        Assert.Equal(values, csr.Values.ToArray());
    }
}
