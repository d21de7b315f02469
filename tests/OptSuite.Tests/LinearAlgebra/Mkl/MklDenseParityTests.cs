using OptSuite.LinearAlgebra;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.LinearAlgebra.Mkl;

/// <summary>Every dense MKL kernel agrees with the managed backend to 1e-12 (relative, normwise).</summary>
public class MklDenseParityTests
{
    private static readonly (double Alpha, double Beta)[] Scalars = [(1, 0), (-0.5, 1), (2, -3), (0, 0.5)];

    [MklTheory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1000)]
    [InlineData(100_003)]
    public void Blas1(int n)
    {
        var rng = new Random(n + 11);
        double[] x = RandomMatrices.Vector(rng, n), y = RandomMatrices.Vector(rng, n);
        double dm = Parity.Managed.Dot(x, y), dk = Parity.Mkl.Dot(x, y);
        Assert.True(Math.Abs(dk - dm) <= 1e-12 * (n + 1), $"dot {dk} vs {dm}");
        Assert.Equal(Parity.Managed.Norm2(x), Parity.Mkl.Norm2(x), 1e-12 * Math.Max(1, Parity.Managed.Norm2(x)));

        double[] ym = (double[])y.Clone(), yk = (double[])y.Clone();
        Parity.Managed.Axpy(-0.75, x, ym);
        Parity.Mkl.Axpy(-0.75, x, yk);
        Parity.Equal(ym, yk, "axpy");
    }

    [MklTheory]
    [InlineData(1e200)]
    [InlineData(1e-200)]
    [InlineData(1e-310)]
    public void Norm2WithoutOverflowOrUnderflow(double scale)
    {
        var x = new double[] { 3 * scale, 4 * scale, 0, -12 * scale };
        double expected = 13 * scale;
        Assert.Equal(expected, Parity.Mkl.Norm2(x), expected * 1e-12);
        Assert.Equal(expected, Parity.Managed.Norm2(x), expected * 1e-12);
    }

    public static TheoryData<int, int> GemvShapes => new()
    {
        { 0, 4 }, { 4, 0 }, { 0, 0 }, { 1, 1 }, { 1, 9 }, { 9, 1 }, { 37, 29 }, { 2000, 7 }, { 7, 2000 }, { 700, 600 },
    };

    [MklTheory]
    [MemberData(nameof(GemvShapes))]
    public void Gemv(int m, int n)
    {
        var rng = new Random(m * 31 + n);
        foreach (var layout in new[] { MatrixLayout.RowMajor, MatrixLayout.ColumnMajor })
        {
            var am = Parity.Dense(rng, m, n, layout, Parity.Managed);
            var ak = am.WithBackend(Parity.Mkl);
            foreach (var op in new[] { Operation.NoTranspose, Operation.Transpose })
            {
                int inLen = op == Operation.NoTranspose ? n : m, outLen = op == Operation.NoTranspose ? m : n;
                foreach (var (alpha, beta) in Scalars)
                {
                    var x = RandomMatrices.Vector(rng, inLen);
                    var y0 = beta == 0 ? Parity.NaNs(outLen) : RandomMatrices.Vector(rng, outLen);
                    double[] ym = (double[])y0.Clone(), yk = (double[])y0.Clone();
                    Parity.Managed.Gemv(am, op, alpha, x, beta, ym);
                    Parity.Mkl.Gemv(ak, op, alpha, x, beta, yk);
                    Parity.Equal(ym, yk, $"gemv {m}×{n} {layout} {op} α={alpha} β={beta}");
                }
            }
        }
    }

    public static TheoryData<int, int, int> GemmShapes => new()
    {
        { 0, 3, 4 }, { 3, 0, 4 }, { 3, 4, 0 }, { 1, 1, 1 }, { 1, 7, 1 }, { 7, 1, 3 }, { 200, 3, 5 }, { 3, 200, 50 }, { 37, 29, 41 },
    };

    [MklTheory]
    [MemberData(nameof(GemmShapes))]
    public void GemmEveryTransposeAndLayout(int m, int n, int k)
    {
        var rng = new Random(m * 1000 + n * 10 + k);
        var layouts = new[] { MatrixLayout.RowMajor, MatrixLayout.ColumnMajor };
        var ops = new[] { Operation.NoTranspose, Operation.Transpose };
        foreach (var opA in ops)
        foreach (var opB in ops)
        foreach (var la in layouts)
        foreach (var lb in layouts)
        foreach (var lc in layouts)
        {
            var a = opA == Operation.NoTranspose ? Parity.Dense(rng, m, k, la, Parity.Managed) : Parity.Dense(rng, k, m, la, Parity.Managed);
            var b = opB == Operation.NoTranspose ? Parity.Dense(rng, k, n, lb, Parity.Managed) : Parity.Dense(rng, n, k, lb, Parity.Managed);
            foreach (var (alpha, beta) in new[] { (1.0, 0.0), (-0.5, 2.0) })
            {
                var c0 = beta == 0 ? Parity.NaNs(m * n) : RandomMatrices.Vector(rng, m * n);
                var cm = new DenseMatrix(m, n, (double[])c0.Clone(), lc, Parity.Managed);
                var ck = new DenseMatrix(m, n, (double[])c0.Clone(), lc, Parity.Mkl);
                Parity.Managed.Gemm(a, opA, b, opB, alpha, beta, cm);
                Parity.Mkl.Gemm(a.WithBackend(Parity.Mkl), opA, b.WithBackend(Parity.Mkl), opB, alpha, beta, ck);
                Parity.Equal(cm.Values, ck.Values, $"gemm {m}×{n}×{k} {opA}/{opB} A {la} B {lb} C {lc} β={beta}");
            }
        }
    }

    [MklTheory]
    [InlineData(0, 4)]
    [InlineData(4, 0)]
    [InlineData(5, 1)]
    [InlineData(1, 5)]
    [InlineData(50, 7)]
    [InlineData(7, 50)]
    [InlineData(300, 120)]
    public void SyrkBothOperationsAndLayouts(int rows, int columns)
    {
        var rng = new Random(rows * 100 + columns);
        foreach (var la in new[] { MatrixLayout.RowMajor, MatrixLayout.ColumnMajor })
        foreach (var lc in new[] { MatrixLayout.RowMajor, MatrixLayout.ColumnMajor })
        foreach (var op in new[] { Operation.NoTranspose, Operation.Transpose })
        foreach (var (alpha, beta) in new[] { (1.0, 0.0), (0.5, -2.0) })
        {
            var a = Parity.Dense(rng, rows, columns, la, Parity.Managed);
            int n = op == Operation.NoTranspose ? columns : rows;
            // With β ≠ 0 the input C must be symmetric (BLAS reads one triangle).
            double[] c0 = beta == 0 ? Parity.NaNs(n * n) : SymmetricRandom(rng, n);
            var cm = new DenseMatrix(n, n, (double[])c0.Clone(), lc, Parity.Managed);
            var ck = new DenseMatrix(n, n, (double[])c0.Clone(), lc, Parity.Mkl);
            Parity.Managed.Syrk(a, op, alpha, beta, cm);
            Parity.Mkl.Syrk(a.WithBackend(Parity.Mkl), op, alpha, beta, ck);
            Parity.Equal(cm.Values, ck.Values, $"syrk {rows}×{columns} {op} A {la} C {lc} β={beta}");
            for (int i = 0; i < n; i++)
                for (int j = 0; j < i; j++) Assert.Equal(ck[i, j], ck[j, i]);
        }
    }

    [MklFact]
    public void GemmRejectsMismatchedShapes()
    {
        var a = DenseMatrix.Zeros(3, 4, backend: Parity.Mkl);
        var b = DenseMatrix.Zeros(5, 2, backend: Parity.Mkl);
        var c = DenseMatrix.Zeros(3, 2, backend: Parity.Mkl);
        Assert.Throws<ArgumentException>(() => Parity.Mkl.Gemm(a, Operation.NoTranspose, b, Operation.NoTranspose, 1, 0, c));
        Assert.Throws<ArgumentException>(() => Parity.Mkl.Syrk(a, Operation.NoTranspose, 1, 0, c));
    }

    internal static double[] SymmetricRandom(Random rng, int n)
    {
        var c = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++) c[i * n + j] = c[j * n + i] = rng.NextDouble() * 2 - 1;
        return c;
    }
}
