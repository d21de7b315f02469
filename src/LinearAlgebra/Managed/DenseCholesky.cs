using System.Numerics.Tensors;

namespace OptSuite.LinearAlgebra.Managed;

/// <summary>
/// Managed Cholesky factorisation A = LLᵀ (row-oriented Cholesky–Crout: every inner product is a contiguous SIMD dot
/// over row-major storage) and the two triangular solves.
/// </summary>
internal static class DenseCholesky
{
    public static int Factor(DenseMatrix a)
    {
        if (a.Rows != a.Columns) throw new ArgumentException($"Cholesky needs a square matrix; it is {a.Rows}×{a.Columns}.", nameof(a));
        int n = a.Rows;
        double[] d = a.Data;
        // A symmetric matrix has the same storage in either layout; compute L row-major, transpose at the end if needed.
        for (int j = 0; j < n; j++)
        {
            var lj = d.AsSpan(j * n, j);
            double diag = d[(long)j * n + j] - TensorPrimitives.Dot(lj, lj);
            if (!(diag > 0)) return j + 1;
            double ljj = Math.Sqrt(diag);
            d[(long)j * n + j] = ljj;
            for (int i = j + 1; i < n; i++)
            {
                double v = d[(long)i * n + j] - TensorPrimitives.Dot(d.AsSpan(i * n, j), lj);
                d[(long)i * n + j] = v / ljj;
            }
        }
        for (int i = 0; i < n; i++) d.AsSpan(i * n + i + 1, n - i - 1).Clear();
        if (a.Layout == MatrixLayout.ColumnMajor) TransposeSquareInPlace(d, n);
        return 0;
    }

    public static void Solve(DenseMatrix factor, DenseMatrix b)
    {
        int n = factor.Rows;
        if (factor.Columns != n) throw new ArgumentException("The factor must be square.", nameof(factor));
        if (b.Rows != n) throw new ArgumentException($"B must have {n} rows; it has {b.Rows}.", nameof(b));
        DenseMatrix l = factor.Layout == MatrixLayout.RowMajor ? factor : factor.ToLayout(MatrixLayout.RowMajor);
        double[] d = l.Data;
        var x = new double[n];
        for (int c = 0; c < b.Columns; c++)
        {
            for (int i = 0; i < n; i++) x[i] = b[i, c];
            for (int i = 0; i < n; i++)
                x[i] = (x[i] - TensorPrimitives.Dot(d.AsSpan(i * n, i), x.AsSpan(0, i))) / d[(long)i * n + i];
            for (int i = n - 1; i >= 0; i--)
            {
                x[i] /= d[(long)i * n + i];
                if (x[i] != 0) TensorPrimitives.MultiplyAdd(d.AsSpan(i * n, i), -x[i], x.AsSpan(0, i), x.AsSpan(0, i));
            }
            for (int i = 0; i < n; i++) b[i, c] = x[i];
        }
    }

    private static void TransposeSquareInPlace(double[] d, int n)
    {
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
                (d[(long)i * n + j], d[(long)j * n + i]) = (d[(long)j * n + i], d[(long)i * n + j]);
    }
}
