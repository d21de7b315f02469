using System.Numerics.Tensors;

namespace OptSuite.LinearAlgebra.Mkl;

public sealed unsafe partial class MklBackend
{
    /// <summary>How transposed sparse products are run (see <see cref="SparseMv(CsrMatrix, Operation, double, ReadOnlySpan{double}, double, Span{double})"/>).</summary>
    internal enum TransposeStrategy
    {
        /// <summary>mkl_sparse_d_mv with SPARSE_OPERATION_TRANSPOSE on the storage's own handle.</summary>
        MklTranspose,

        /// <summary>A non-transposed product on the companion storage (built once, shared with column/row access).</summary>
        Companion,
    }

    /// <summary>The strategy for Aᵀu on CSR (and Ax on CSC); chosen by benchmark, see benchmarks/results/linear-algebra.md.</summary>
    internal TransposeStrategy SparseTranspose { get; init; } = TransposeStrategy.MklTranspose;

    /// <summary>The same MKL backend with another transposed-product strategy (for benchmarks and tests).</summary>
    internal MklBackend WithSparseTranspose(TransposeStrategy strategy) =>
        new(new MklLoader.LoadResult(LibraryName, Version, ThreadingLayer, ThreadingNote)) { SparseTranspose = strategy };

    /// <inheritdoc/>
    /// <remarks>
    /// Inspector–executor mkl_sparse_d_mv over a handle created once per storage (<see cref="MklSparseHandle"/>).
    /// </remarks>
    public void SparseMv(CsrMatrix a, Operation op, double alpha, ReadOnlySpan<double> x, double beta, Span<double> y)
        => StorageMv(a.Storage, op == Operation.Transpose, alpha, x, beta, y);

    /// <inheritdoc/>
    /// <remarks>
    /// The CSC storage of A is the CSR storage of Aᵀ, so A·x is a transposed product of that CSR reading and Aᵀ·u a
    /// plain one; one handle per storage serves CSR and CSC views alike.
    /// </remarks>
    public void SparseMv(CscMatrix a, Operation op, double alpha, ReadOnlySpan<double> x, double beta, Span<double> y)
        => StorageMv(a.Storage, op == Operation.NoTranspose, alpha, x, beta, y);

    /// <summary>y = α·op(S)x + βy with S the storage read as CSR (lines are rows).</summary>
    private void StorageMv(CompressedStorage s, bool transpose, double alpha, ReadOnlySpan<double> x, double beta, Span<double> y)
    {
        if (s.NonZeroCount == 0)
        {
            // Nothing stored: y = βy (MKL rejects empty handles; β = 0 must not read y).
            if (beta == 0) y.Clear();
            else if (beta != 1) TensorPrimitives.Multiply(y, beta, y);
            return;
        }
        if (transpose && SparseTranspose == TransposeStrategy.Companion)
        {
            s = s.Companion;
            transpose = false;
        }
        var handle = MklSparseHandle.For(s, transposeHint: SparseTranspose == TransposeStrategy.MklTranspose);
        fixed (double* px = x, py = y) handle.Multiply(transpose, alpha, px, beta, py);
    }
}
