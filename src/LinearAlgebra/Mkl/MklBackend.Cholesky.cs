using OptSuite.LinearAlgebra.Managed;

namespace OptSuite.LinearAlgebra.Mkl;

public sealed unsafe partial class MklBackend
{
    // LAPACKE returns −(argument position) for an invalid argument; its NaN check reports a NaN in A or B that way too:
    // dpotrf(layout, uplo, n, a, lda) gives −4, dpotrs(layout, uplo, n, nrhs, a, lda, b, ldb) gives −5 or −7.
    private const int PotrfNaNInA = -4, PotrsNaNInA = -5, PotrsNaNInB = -7;

    /// <inheritdoc/>
    /// <remarks>
    /// LAPACKE_dpotrf always in column-major form: a row-major lower triangle is the column-major upper one of the same
    /// array, so row-major input is passed as 'U' instead of letting LAPACKE transpose it into a temporary. Either way
    /// the logical lower triangle of A is read, as the managed backend does. Input holding NaN is rejected by LAPACKE's
    /// NaN check before any work; the managed factorisation then runs so the failing pivot is reported the same way.
    /// </remarks>
    public int CholeskyFactor(DenseMatrix a)
    {
        if (a.Rows != a.Columns) throw new ArgumentException($"Cholesky needs a square matrix; it is {a.Rows}×{a.Columns}.", nameof(a));
        int n = a.Rows;
        if (n == 0) return 0;
        int info;
        FollowThreads((long)n * n * n);
        fixed (double* p = a.Data)
            info = MklNative.Dpotrf(MklNative.ColMajor, UploOfLower(a.Layout, MatrixLayout.ColumnMajor), n, p, n);
        if (info == PotrfNaNInA) return DenseCholesky.Factor(a);
        if (info < 0) throw new InvalidOperationException($"LAPACKE_dpotrf rejected argument {-info} (n = {n}).");
        if (info == 0) DenseCholesky.ZeroStrictUpper(a.Data, n, a.Layout == MatrixLayout.RowMajor);
        return info;
    }

    /// <inheritdoc/>
    public void CholeskySolve(DenseMatrix factor, DenseMatrix b)
    {
        int n = factor.Rows;
        if (factor.Columns != n) throw new ArgumentException("The factor must be square.", nameof(factor));
        if (b.Rows != n) throw new ArgumentException($"B must have {n} rows; it has {b.Rows}.", nameof(b));
        int nrhs = b.Columns;
        if (n == 0 || nrhs == 0) return;
        // One right-hand side is the same array in either layout; treat it as column-major to skip LAPACKE's copy.
        var layout = nrhs == 1 ? MatrixLayout.ColumnMajor : b.Layout;
        int ldb = layout == MatrixLayout.RowMajor ? nrhs : n;
        int info;
        FollowThreads((long)n * n * nrhs);
        fixed (double* pf = factor.Data, pb = b.Data)
        {
            info = MklNative.Dpotrs(layout == MatrixLayout.RowMajor ? MklNative.RowMajor : MklNative.ColMajor,
                UploOfLower(factor.Layout, layout), n, nrhs, pf, n, pb, ldb);
        }
        if (info is PotrsNaNInA or PotrsNaNInB) DenseCholesky.Solve(factor, b);
        else if (info != 0) throw new InvalidOperationException($"LAPACKE_dpotrs rejected argument {-info} (n = {n}, nrhs = {nrhs}).");
    }

    /// <summary>Solves LLᵀx = x in place for one right-hand side, without allocating.</summary>
    internal void CholeskySolveInPlace(DenseMatrix factor, Span<double> x)
    {
        int n = factor.Rows;
        if (n == 0) return;
        int info;
        FollowThreads((long)n * n);
        fixed (double* pf = factor.Data, px = x)
            info = MklNative.Dpotrs(MklNative.ColMajor, UploOfLower(factor.Layout, MatrixLayout.ColumnMajor), n, 1, pf, n, px, n);
        if (info is PotrsNaNInA or PotrsNaNInB) DenseCholesky.SolveInPlace(factor, x);
        else if (info != 0) throw new InvalidOperationException($"LAPACKE_dpotrs rejected argument {-info} (n = {n}).");
    }

    /// <summary>The uplo flag that names the logical lower triangle of a matrix stored in <paramref name="stored"/>
    /// when LAPACK reads the array in <paramref name="readAs"/> (reading in the other layout transposes).</summary>
    private static byte UploOfLower(MatrixLayout stored, MatrixLayout readAs) => stored == readAs ? (byte)'L' : (byte)'U';
}
