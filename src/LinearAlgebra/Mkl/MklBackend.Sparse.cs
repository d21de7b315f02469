using System.Numerics.Tensors;

namespace OptSuite.LinearAlgebra.Mkl;

public sealed unsafe partial class MklBackend
{
    /// <summary>How sparse products use the inspector–executor API (chosen by benchmark, see benchmarks/results/linear-algebra.md).</summary>
    internal enum SparseStrategy
    {
        /// <summary>Handle without hints or mkl_sparse_optimize; Aᵀu with SPARSE_OPERATION_TRANSPOSE.</summary>
        Direct,

        /// <summary>Handle hinted for non-transposed mv and optimised (MKL then keeps its own copy of the matrix).</summary>
        Optimized,

        /// <summary>As <see cref="Direct"/>, but Aᵀu as a plain product on the companion storage (built once, O(nnz) memory).</summary>
        Companion,
    }

    /// <summary>The strategy of this instance; <see cref="SparseStrategy.Direct"/> unless built by <see cref="WithSparseStrategy"/>.</summary>
    internal SparseStrategy Sparse { get; init; } = SparseStrategy.Direct;

    /// <summary>The same MKL backend with another sparse strategy (for benchmarks and tests). Handles are cached per
    /// storage with the hints of the backend that first used it, so compare strategies on separate matrices.</summary>
    internal MklBackend WithSparseStrategy(SparseStrategy strategy) =>
        new(new MklLoader.LoadResult(LibraryName, Version, ThreadingLayer, ThreadingNote, Reproducibility, OpenMpWaitPolicy)) { Sparse = strategy };

    /// <inheritdoc/>
    /// <remarks>
    /// Inspector–executor mkl_sparse_d_mv over a handle created once per storage (<see cref="MklSparseHandle"/>); Aᵀu
    /// uses SPARSE_OPERATION_TRANSPOSE on the same handle. By default the handle is neither hinted nor optimised:
    /// on the benchmark shapes mkl_sparse_optimize gave no speed-up for Ax while keeping a second copy of the matrix,
    /// a transpose hint made Aᵀu slower, and a plain product on the companion CSC was slower than the transposed one.
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
        if (transpose && Sparse == SparseStrategy.Companion)
        {
            s = s.Companion;
            transpose = false;
        }
        FollowThreads(s.NonZeroCount);
        var handle = MklSparseHandle.For(s, optimize: Sparse == SparseStrategy.Optimized);
        fixed (double* px = x, py = y) handle.Multiply(transpose, alpha, px, beta, py);
    }
}
