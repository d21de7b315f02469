namespace OptSuite.LinearAlgebra;

/// <summary>
/// The narrow set of kernels a backend provides. Matrices capture their backend when they are built and call it for
/// every product, so a solve never switches backend half-way and two backends can be compared side by side.
/// </summary>
/// <remarks>
/// Semantics follow BLAS/LAPACK: with β = 0 the destination is overwritten and its old content is not read.
/// Callers (the matrix types) validate shapes before calling; backends may assume consistent arguments.
/// </remarks>
public interface ILinearAlgebraBackend
{
    /// <summary>Which implementation this is.</summary>
    BackendKind Kind { get; }

    /// <summary>A one-line description: library, version, threading layer and thread count.</summary>
    string Description { get; }

    /// <summary>x·y.</summary>
    double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y);

    /// <summary>y += αx.</summary>
    void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y);

    /// <summary>‖x‖₂ without undue overflow or underflow.</summary>
    double Norm2(ReadOnlySpan<double> x);

    /// <summary>y = α·op(A)x + βy for a dense A.</summary>
    void Gemv(DenseMatrix a, Operation op, double alpha, ReadOnlySpan<double> x, double beta, Span<double> y);

    /// <summary>C = α·op(A)·op(B) + βC for dense matrices; C is written in its own layout.</summary>
    void Gemm(DenseMatrix a, Operation opA, DenseMatrix b, Operation opB, double alpha, double beta, DenseMatrix c);

    /// <summary>
    /// The symmetric rank-k update C = α·op(A)ᵀop(A) + βC: with <see cref="Operation.NoTranspose"/> C = αAᵀA + βC
    /// (the n × n Gram matrix of the columns), with <see cref="Operation.Transpose"/> C = αAAᵀ + βC.
    /// Both triangles of C are written; with β ≠ 0, C must be symmetric (a backend may read only its lower triangle, as
    /// BLAS dsyrk does).
    /// </summary>
    void Syrk(DenseMatrix a, Operation op, double alpha, double beta, DenseMatrix c);

    /// <summary>y = α·op(A)x + βy for a CSR matrix.</summary>
    void SparseMv(CsrMatrix a, Operation op, double alpha, ReadOnlySpan<double> x, double beta, Span<double> y);

    /// <summary>y = α·op(A)x + βy for a CSC matrix.</summary>
    void SparseMv(CscMatrix a, Operation op, double alpha, ReadOnlySpan<double> x, double beta, Span<double> y);

    /// <summary>
    /// Overwrites the square symmetric matrix <paramref name="a"/> with its lower Cholesky factor L (A = LLᵀ; the strict
    /// upper triangle is zeroed). Returns 0 on success, or k &gt; 0 when the leading minor of order k is not positive
    /// definite (as LAPACK's potrf).
    /// </summary>
    int CholeskyFactor(DenseMatrix a);

    /// <summary>Solves LLᵀX = B in place for the factor from <see cref="CholeskyFactor"/>; B is n × nrhs in <paramref name="b"/>.</summary>
    void CholeskySolve(DenseMatrix factor, DenseMatrix b);
}
