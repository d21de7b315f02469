using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace OptSuite.LinearAlgebra.Managed;

/// <summary>
/// Managed Cholesky factorisation A = LLᵀ and the triangular solves.
/// </summary>
/// <remarks>
/// Right-looking blocked algorithm, as LAPACK's dpotrf (Golub &amp; Van Loan, Matrix Computations, 4th ed., §4.2.9):
/// for each block column of width nb, (1) factor the diagonal block A₁₁ = L₁₁L₁₁ᵀ (unblocked row-Crout, contiguous SIMD
/// dots), (2) solve the panel L₂₁ = A₂₁L₁₁⁻ᵀ row by row, (3) update the trailing matrix A₂₂ ← A₂₂ − L₂₁L₂₁ᵀ (lower
/// triangle only) with a packed, register-blocked kernel (<see cref="CholeskyUpdate"/>). Step 3 carries n³/3 of the
/// n³/3 + O(n²·nb) flops, so the speed is that of the kernel. Steps 2 and 3 are split over
/// <see cref="LinearAlgebraSettings.MaxThreads"/> parts by rows, so results are deterministic for a thread count.
/// Only the logical lower triangle of A is read, in either layout; the work happens on row-major storage (a
/// column-major matrix is transposed in place before and after).
/// </remarks>
internal static unsafe class DenseCholesky
{
    /// <summary>Block width nb: the packed panel (rows × nb doubles) stays in L2 for the trailing update.</summary>
    internal const int BlockSize = 96;

    public static int Factor(DenseMatrix a) => Factor(a, BlockSize);

    internal static int Factor(DenseMatrix a, int blockSize)
    {
        if (a.Rows != a.Columns) throw new ArgumentException($"Cholesky needs a square matrix; it is {a.Rows}×{a.Columns}.", nameof(a));
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        int n = a.Rows;
        double[] d = a.Data;
        bool columnMajor = a.Layout == MatrixLayout.ColumnMajor;
        if (columnMajor) TransposeSquareInPlace(d, n);
        int info;
        fixed (double* p = d) info = FactorLower(p, n, blockSize);
        if (info == 0) ZeroStrictUpper(d, n, rowMajor: true);
        if (columnMajor) TransposeSquareInPlace(d, n);
        return info;
    }

    /// <summary>Blocked factorisation of row-major storage; returns 0 or the order of the first non-positive minor.</summary>
    private static int FactorLower(double* a, int n, int nb)
    {
        for (int k0 = 0; k0 < n; k0 += nb)
        {
            int kb = Math.Min(nb, n - k0);
            int info = FactorDiagonalBlock(a, n, k0, kb);
            if (info != 0) return k0 + info;
            int r0 = k0 + kb, rest = n - r0;
            if (rest == 0) break;
            var panel = new PanelJob(a, n, k0, kb, r0, rest);
            ParallelWorkers.Run(panel, ParallelWorkers.PartsFor((long)rest * kb * kb / 2));
            CholeskyUpdate.Run(a, n, k0, kb, r0, rest);
        }
        return 0;
    }

    /// <summary>Unblocked row-Crout on the kb × kb diagonal block at (k0, k0), already updated by earlier blocks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int FactorDiagonalBlock(double* a, int n, int k0, int kb)
    {
        for (int j = 0; j < kb; j++)
        {
            double* lj = a + (long)(k0 + j) * n + k0;
            double diag = lj[j] - Dot(lj, lj, j);
            // !(> 0) also catches NaN.
            if (!(diag > 0)) return j + 1;
            double ljj = Math.Sqrt(diag);
            lj[j] = ljj;
            for (int i = j + 1; i < kb; i++)
            {
                double* li = a + (long)(k0 + i) * n + k0;
                li[j] = (li[j] - Dot(li, lj, j)) / ljj;
            }
        }
        return 0;
    }

    private static double Dot(double* x, double* y, int length) =>
        length == 0 ? 0 : TensorPrimitives.Dot(new ReadOnlySpan<double>(x, length), new ReadOnlySpan<double>(y, length));

    /// <summary>L₂₁ = A₂₁L₁₁⁻ᵀ: each panel row is a forward substitution against the rows of L₁₁.</summary>
    private sealed class PanelJob(double* a, int n, int k0, int kb, int r0, int rest) : ParallelJob
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override void Run(int part, int parts)
        {
            var (start, end) = DenseKernels.Range(rest, part, parts);
            for (int r = start; r < end; r++)
            {
                double* li = a + (long)(r0 + r) * n + k0;
                for (int j = 0; j < kb; j++)
                {
                    double* lj = a + (long)(k0 + j) * n + k0;
                    li[j] = (li[j] - Dot(li, lj, j)) / lj[j];
                }
            }
        }
    }

    /// <summary>Solves LLᵀX = B in place; B is n × nrhs in either layout.</summary>
    public static void Solve(DenseMatrix factor, DenseMatrix b)
    {
        int n = factor.Rows;
        if (factor.Columns != n) throw new ArgumentException("The factor must be square.", nameof(factor));
        if (b.Rows != n) throw new ArgumentException($"B must have {n} rows; it has {b.Rows}.", nameof(b));
        int nrhs = b.Columns;
        if (n == 0 || nrhs == 0) return;
        if (b.Layout == MatrixLayout.ColumnMajor || nrhs == 1)
        {
            // Every right-hand side is a contiguous column.
            for (int c = 0; c < nrhs; c++) SolveInPlace(factor, b.Data.AsSpan(c * n, n));
            return;
        }
        DenseMatrix l = factor.Layout == MatrixLayout.RowMajor ? factor : factor.ToLayout(MatrixLayout.RowMajor);
        fixed (double* pl = l.Data, pb = b.Data) SolveRows(pl, n, pb, nrhs);
    }

    /// <summary>Solves LLᵀx = x in place for one right-hand side, without allocating.</summary>
    public static void SolveInPlace(DenseMatrix factor, Span<double> x)
    {
        int n = factor.Rows;
        if (n == 0) return;
        fixed (double* pl = factor.Data, px = x)
        {
            if (factor.Layout == MatrixLayout.RowMajor) SolveLowerStorage(pl, n, px);
            else SolveUpperStorage(pl, n, px);
        }
    }

    /// <summary>Row-major storage holds L: forward substitution by row dots, back substitution by row axpys.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SolveLowerStorage(double* l, int n, double* x)
    {
        for (int i = 0; i < n; i++)
        {
            double* li = l + (long)i * n;
            x[i] = (x[i] - Dot(li, x, i)) / li[i];
        }
        for (int i = n - 1; i >= 0; i--)
        {
            double* li = l + (long)i * n;
            double xi = x[i] /= li[i];
            if (xi != 0 && i > 0)
                TensorPrimitives.MultiplyAdd(new ReadOnlySpan<double>(li, i), -xi, new ReadOnlySpan<double>(x, i), new Span<double>(x, i));
        }
    }

    /// <summary>Column-major storage of L is row-major storage of U = Lᵀ: forward by row axpys, back by row dots.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SolveUpperStorage(double* u, int n, double* x)
    {
        for (int p = 0; p < n; p++)
        {
            double* up = u + (long)p * n;
            double xp = x[p] /= up[p];
            int tail = n - p - 1;
            if (xp != 0 && tail > 0)
                TensorPrimitives.MultiplyAdd(new ReadOnlySpan<double>(up + p + 1, tail), -xp,
                    new ReadOnlySpan<double>(x + p + 1, tail), new Span<double>(x + p + 1, tail));
        }
        for (int i = n - 1; i >= 0; i--)
        {
            double* ui = u + (long)i * n;
            x[i] = (x[i] - Dot(ui + i + 1, x + i + 1, n - i - 1)) / ui[i];
        }
    }

    /// <summary>Row-major B with several right-hand sides: every update is an axpy of whole rows of B.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SolveRows(double* l, int n, double* b, int nrhs)
    {
        for (int i = 0; i < n; i++)
        {
            var bi = new Span<double>(b + (long)i * nrhs, nrhs);
            for (int p = 0; p < i; p++)
            {
                double lip = l[(long)i * n + p];
                if (lip != 0) TensorPrimitives.MultiplyAdd(new ReadOnlySpan<double>(b + (long)p * nrhs, nrhs), -lip, bi, bi);
            }
            TensorPrimitives.Divide(bi, l[(long)i * n + i], bi);
        }
        for (int i = n - 1; i >= 0; i--)
        {
            var bi = new Span<double>(b + (long)i * nrhs, nrhs);
            TensorPrimitives.Divide(bi, l[(long)i * n + i], bi);
            for (int p = 0; p < i; p++)
            {
                double lip = l[(long)i * n + p];
                var bp = new Span<double>(b + (long)p * nrhs, nrhs);
                if (lip != 0) TensorPrimitives.MultiplyAdd(bi, -lip, bp, bp);
            }
        }
    }

    /// <summary>Zeroes the logical strict upper triangle of a square matrix in either layout.</summary>
    internal static void ZeroStrictUpper(double[] d, int n, bool rowMajor)
    {
        for (int r = 0; r < n; r++)
        {
            if (rowMajor) d.AsSpan(r * n + r + 1, n - r - 1).Clear();
            else d.AsSpan(r * n, r).Clear();
        }
    }

    private static void TransposeSquareInPlace(double[] d, int n)
    {
        const int B = 64;
        for (int i0 = 0; i0 < n; i0 += B)
            for (int j0 = i0; j0 < n; j0 += B)
                for (int i = i0; i < Math.Min(i0 + B, n); i++)
                    for (int j = Math.Max(j0, i + 1); j < Math.Min(j0 + B, n); j++)
                        (d[(long)i * n + j], d[(long)j * n + i]) = (d[(long)j * n + i], d[(long)i * n + j]);
    }
}
