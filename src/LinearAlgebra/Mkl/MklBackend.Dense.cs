namespace OptSuite.LinearAlgebra.Mkl;

public sealed unsafe partial class MklBackend
{
    /// <inheritdoc/>
    /// <remarks>cblas_dgemv in the matrix's own layout, leading dimension = the stored line length.</remarks>
    public void Gemv(DenseMatrix a, Operation op, double alpha, ReadOnlySpan<double> x, double beta, Span<double> y)
    {
        if (a.Rows == 0 || a.Columns == 0)
        {
            s_managed.Gemv(a, op, alpha, x, beta, y);
            return;
        }
        FollowThreads((long)a.Rows * a.Columns);
        fixed (double* pa = a.Data, px = x, py = y)
        {
            MklNative.Dgemv(LayoutOf(a), op == Operation.NoTranspose ? MklNative.NoTrans : MklNative.Trans,
                a.Rows, a.Columns, alpha, pa, LeadingDimension(a), px, 1, beta, py, 1);
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// cblas_dgemm in C's layout. An operand stored in the other layout is, read in C's layout, its own transpose over
    /// the same array with the same leading dimension, so it is passed with the transpose flag flipped — no copies.
    /// </remarks>
    public void Gemm(DenseMatrix a, Operation opA, DenseMatrix b, Operation opB, double alpha, double beta, DenseMatrix c)
    {
        int m = opA == Operation.NoTranspose ? a.Rows : a.Columns;
        int k = opA == Operation.NoTranspose ? a.Columns : a.Rows;
        int kb = opB == Operation.NoTranspose ? b.Rows : b.Columns;
        int n = opB == Operation.NoTranspose ? b.Columns : b.Rows;
        if (k != kb) throw new ArgumentException($"Inner dimensions differ: op(A) is {m}×{k}, op(B) is {kb}×{n}.", nameof(b));
        if (c.Rows != m || c.Columns != n) throw new ArgumentException($"C must be {m}×{n}; it is {c.Rows}×{c.Columns}.", nameof(c));
        if (m == 0 || n == 0 || k == 0)
        {
            s_managed.Gemm(a, opA, b, opB, alpha, beta, c);
            return;
        }
        FollowThreads((long)m * n * k);
        fixed (double* pa = a.Data, pb = b.Data, pc = c.Data)
        {
            MklNative.Dgemm(LayoutOf(c), TransposeIn(a, opA, c.Layout), TransposeIn(b, opB, c.Layout), m, n, k,
                alpha, pa, LeadingDimension(a), pb, LeadingDimension(b), beta, pc, LeadingDimension(c));
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// cblas_dsyrk writes the lower triangle of C (and, with β ≠ 0, reads only that triangle); the upper triangle is
    /// then mirrored from it. The operand's layout is handled as in <see cref="Gemm"/>.
    /// </remarks>
    public void Syrk(DenseMatrix a, Operation op, double alpha, double beta, DenseMatrix c)
    {
        int n = op == Operation.NoTranspose ? a.Columns : a.Rows;
        int k = op == Operation.NoTranspose ? a.Rows : a.Columns;
        if (c.Rows != n || c.Columns != n) throw new ArgumentException($"C must be {n}×{n}; it is {c.Rows}×{c.Columns}.", nameof(c));
        if (n == 0 || k == 0)
        {
            s_managed.Syrk(a, op, alpha, beta, c);
            return;
        }
        // Ours: NoTranspose is AᵀA. CBLAS: NoTrans is A·Aᵀ. Flip, then flip again if A is stored in the other layout.
        var cblasOp = op == Operation.NoTranspose ? Operation.Transpose : Operation.NoTranspose;
        FollowThreads((long)n * n * k);
        fixed (double* pa = a.Data, pc = c.Data)
        {
            MklNative.Dsyrk(LayoutOf(c), MklNative.Lower, TransposeIn(a, cblasOp, c.Layout), n, k,
                alpha, pa, LeadingDimension(a), beta, pc, n);
        }
        MirrorLowerToUpper(c.Data, n, c.Layout == MatrixLayout.RowMajor);
    }

    private static int LayoutOf(DenseMatrix a) => a.Layout == MatrixLayout.RowMajor ? MklNative.RowMajor : MklNative.ColMajor;

    private static int LeadingDimension(DenseMatrix a) =>
        Math.Max(1, a.Layout == MatrixLayout.RowMajor ? a.Columns : a.Rows);

    /// <summary>The CBLAS transpose flag for <paramref name="op"/>(X) when X is read in <paramref name="layout"/>.</summary>
    private static int TransposeIn(DenseMatrix x, Operation op, MatrixLayout layout) =>
        (op == Operation.Transpose) != (x.Layout != layout) ? MklNative.Trans : MklNative.NoTrans;

    /// <summary>Copies the lower triangle of a square matrix into its upper triangle.</summary>
    private static void MirrorLowerToUpper(double[] d, int n, bool rowMajor)
    {
        // Element (i, j) is at i·n + j (row-major) or j·n + i (column-major); blocks keep both sides in cache.
        const int B = 64;
        for (int i0 = 0; i0 < n; i0 += B)
            for (int j0 = i0; j0 < n; j0 += B)
                for (int i = i0; i < Math.Min(i0 + B, n); i++)
                    for (int j = Math.Max(j0, i + 1); j < Math.Min(j0 + B, n); j++)
                    {
                        if (rowMajor) d[(long)i * n + j] = d[(long)j * n + i];
                        else d[(long)j * n + i] = d[(long)i * n + j];
                    }
    }
}
