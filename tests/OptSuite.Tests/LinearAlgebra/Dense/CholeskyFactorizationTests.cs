using OptSuite.LinearAlgebra;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.LinearAlgebra.Dense;

/// <summary>The public Cholesky API on both backends: factors agree, solves are accurate, failures name the pivot.</summary>
public class CholeskyFactorizationTests
{
    /// <summary>AᵀA + λI for a random tall A: the ridge normal-equation matrix, well conditioned for λ ~ 1.</summary>
    internal static double[] RidgeGram(Random rng, int n, double lambda = 1.0)
    {
        int m = n + 20;
        var a = RandomMatrices.Vector(rng, m * n);
        var g = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++)
            {
                double s = 0;
                for (int r = 0; r < m; r++) s += a[r * n + i] * a[r * n + j];
                g[i * n + j] = g[j * n + i] = s + (i == j ? lambda : 0);
            }
        return g;
    }

    public static TheoryData<int> Sizes => new() { 0, 1, 2, 17, 95, 96, 97, 250 };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void ManagedSolvesAccurately(int n) => SolvesAccurately(n, LinearAlgebraBackends.Managed);

    [MklTheory]
    [MemberData(nameof(Sizes))]
    public void MklSolvesAccurately(int n) => SolvesAccurately(n, LinearAlgebraBackends.Mkl);

    private static void SolvesAccurately(int n, ILinearAlgebraBackend backend)
    {
        var rng = new Random(n + 1);
        var g = RidgeGram(rng, n);
        var original = (double[])g.Clone();
        var chol = CholeskyFactorization.Factor(g, n, backend);
        Assert.Equal(n, chol.Size);
        Assert.Same(backend, chol.Backend);
        Assert.Equal(original, g);

        var b = RandomMatrices.Vector(rng, n);
        var x = chol.Solve(b);
        var r = new double[n];
        for (int i = 0; i < n; i++)
        {
            double s = 0;
            for (int j = 0; j < n; j++) s += original[i * n + j] * x[j];
            r[i] = s;
        }
        Parity.Equal(b, r, $"A·x vs b, n = {n}, {backend.Kind}");
    }

    [MklTheory]
    [MemberData(nameof(Sizes))]
    public void FactorsAgreeAcrossBackends(int n)
    {
        var rng = new Random(n + 2);
        var g = RidgeGram(rng, n);
        foreach (var layout in new[] { MatrixLayout.RowMajor, MatrixLayout.ColumnMajor })
        {
            var a = new DenseMatrix(n, n, (double[])g.Clone(), MatrixLayout.RowMajor).ToLayout(layout);
            var cm = CholeskyFactorization.Factor(a, LinearAlgebraBackends.Managed);
            var ck = CholeskyFactorization.Factor(a, LinearAlgebraBackends.Mkl);
            Parity.Equal(cm.GetLowerFactor().Values, ck.GetLowerFactor().Values, $"L, n = {n}, {layout}");
            Assert.Equal(cm.LogDeterminant, ck.LogDeterminant, 1e-12 * Math.Max(1, Math.Abs(cm.LogDeterminant)));

            // The backend-level kernels directly, in the input's own layout (the public API copies to row-major).
            var am = new DenseMatrix(n, n, a.Values.ToArray(), layout, LinearAlgebraBackends.Managed);
            var ak = new DenseMatrix(n, n, a.Values.ToArray(), layout, LinearAlgebraBackends.Mkl);
            Assert.Equal(0, am.Backend.CholeskyFactor(am));
            Assert.Equal(0, ak.Backend.CholeskyFactor(ak));
            Parity.Equal(am.Values, ak.Values, $"backend factor, n = {n}, {layout}");
            foreach (var bl in new[] { MatrixLayout.RowMajor, MatrixLayout.ColumnMajor })
            {
                foreach (int k in new[] { 1, 3 })
                {
                    var b = Parity.Dense(rng, n, k, bl, LinearAlgebraBackends.Managed);
                    var bm = new DenseMatrix(n, k, b.Values.ToArray(), bl);
                    var bk = new DenseMatrix(n, k, b.Values.ToArray(), bl);
                    am.Backend.CholeskySolve(am, bm);
                    ak.Backend.CholeskySolve(ak, bk);
                    Parity.Equal(bm.Values, bk.Values, $"backend solve, n = {n}, factor {layout}, B {bl}, k = {k}");
                }
            }
        }
    }

    [Fact]
    public void LogDeterminantMatchesMathNet()
    {
        var rng = new Random(3);
        const int n = 40;
        var g = RidgeGram(rng, n, lambda: 0.5);
        var expected = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(n, n, g).Determinant();
        foreach (var backend in Backends())
        {
            var chol = CholeskyFactorization.Factor(g, n, backend);
            Assert.Equal(Math.Log(expected), chol.LogDeterminant, 1e-10 * Math.Abs(Math.Log(expected)));
        }
    }

    [Fact]
    public void IndefiniteMatrixReportsTheFailingPivot()
    {
        const int n = 120;
        var a = DenseMatrix.Zeros(n, n);
        for (int i = 0; i < n; i++) a[i, i] = 2;
        a[101, 101] = -1;
        foreach (var backend in Backends())
        {
            Assert.False(CholeskyFactorization.TryFactor(a, out var f, out int pivot, backend));
            Assert.Null(f);
            Assert.Equal(101, pivot);
            var e = Assert.Throws<MatrixNotPositiveDefiniteException>(() => CholeskyFactorization.Factor(a, backend));
            Assert.Equal(101, e.PivotIndex);
            Assert.Equal(n, e.Size);
            Assert.Contains("not positive definite", e.Message);
            Assert.Contains("101", e.Message);
        }
        Assert.Equal(-1, a[101, 101]); // the caller's matrix is untouched
    }

    [Fact]
    public void NaNInTheLowerTriangleFailsAtItsRow()
    {
        const int n = 10;
        var g = RidgeGram(new Random(4), n);
        g[6 * n + 2] = double.NaN;
        foreach (var backend in Backends())
        {
            Assert.False(CholeskyFactorization.TryFactor(g, n, out _, out int pivot, backend));
            Assert.Equal(6, pivot);
        }
    }

    [Fact]
    public void TheUpperTriangleIsNotRead()
    {
        const int n = 30;
        var g = RidgeGram(new Random(5), n);
        var garbage = (double[])g.Clone();
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++) garbage[i * n + j] = double.NaN;
        foreach (var backend in Backends())
        {
            var clean = CholeskyFactorization.Factor(g, n, backend);
            var dirty = CholeskyFactorization.Factor(garbage, n, backend);
            Assert.Equal(clean.GetLowerFactor().Values.ToArray(), dirty.GetLowerFactor().Values.ToArray());
        }
    }

    [Fact]
    public void MultipleRightHandSidesInEveryLayout()
    {
        const int n = 60, k = 4;
        var rng = new Random(6);
        var g = RidgeGram(rng, n);
        foreach (var backend in Backends())
        {
            var chol = CholeskyFactorization.Factor(g, n, backend);
            var b = Parity.Dense(rng, n, k, MatrixLayout.RowMajor, backend);
            var bCopy = b.Values.ToArray();
            var expected = new double[n * k];
            var column = new double[n];
            for (int c = 0; c < k; c++)
            {
                for (int i = 0; i < n; i++) column[i] = b[i, c];
                chol.Solve(column, column);
                for (int i = 0; i < n; i++) expected[i * k + c] = column[i];
            }
            foreach (var lx in new[] { MatrixLayout.RowMajor, MatrixLayout.ColumnMajor })
            {
                var x = DenseMatrix.Zeros(n, k, lx);
                chol.Solve(b, x);
                Parity.Equal(expected, x.ToLayout(MatrixLayout.RowMajor).Values, $"{backend.Kind} X {lx}");
            }
            Assert.Equal(bCopy, b.Values.ToArray());
            chol.Solve(b, b); // in place
            Parity.Equal(expected, b.Values, $"{backend.Kind} in place");
        }
    }

    [Fact]
    public void SingleSolveAllocatesNothing()
    {
        const int n = 50;
        var g = RidgeGram(new Random(7), n);
        foreach (var backend in Backends())
        {
            var chol = CholeskyFactorization.Factor(g, n, backend);
            var b = RandomMatrices.Vector(new Random(8), n);
            var x = new double[n];
            chol.Solve(b, x);
            Assert.Equal(0, Allocations.Least(() => { for (int t = 0; t < 10; t++) chol.Solve(b, x); }));
        }
    }

    [Fact]
    public void BadInputIsAClearException()
    {
        Assert.Throws<ArgumentException>(() => CholeskyFactorization.Factor(DenseMatrix.Zeros(3, 4)));
        Assert.Throws<ArgumentException>(() => CholeskyFactorization.Factor(new double[8], 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => CholeskyFactorization.Factor(new double[0], -1));
        Assert.Throws<ArgumentNullException>(() => CholeskyFactorization.Factor((DenseMatrix)null!));
        var chol = CholeskyFactorization.Factor([4.0, 0, 0, 9], 2);
        Assert.Throws<ArgumentException>(() => chol.Solve(new double[3], new double[2]));
        Assert.Throws<ArgumentException>(() => chol.Solve(DenseMatrix.Zeros(3, 1), DenseMatrix.Zeros(3, 1)));
        Assert.Throws<ArgumentException>(() => chol.Solve(DenseMatrix.Zeros(2, 1), DenseMatrix.Zeros(2, 2)));
        Assert.Equal(Math.Log(36), chol.LogDeterminant, 1e-15);
    }

    internal static IEnumerable<ILinearAlgebraBackend> Backends()
    {
        yield return LinearAlgebraBackends.Managed;
        if (LinearAlgebraBackends.TryGetMkl(out var mkl)) yield return mkl!;
    }
}
