using System.Diagnostics.CodeAnalysis;
using OptSuite.LinearAlgebra.Managed;
using OptSuite.LinearAlgebra.Mkl;

namespace OptSuite.LinearAlgebra;

/// <summary>
/// The Cholesky factorisation A = LLᵀ of a symmetric positive definite n × n matrix, kept for repeated solves
/// AX = B and for log det A — e.g. the ridge normal equations (AᵀA + λI)w = Aᵀy.
/// </summary>
/// <remarks>
/// Only the lower triangle of A is read (the upper one may hold anything) and the caller's matrix is never modified:
/// the factor is computed in a private row-major copy. Factoring costs n³/3 flops, each solve 2n² per right-hand side
/// (forward substitution Ly = b, then back substitution Lᵀx = y). The MKL backend runs LAPACK's dpotrf/dpotrs; the
/// managed one a right-looking blocked factorisation of the same form (Golub &amp; Van Loan, Matrix Computations,
/// 4th ed., §4.2). A matrix that is not positive definite — including a singular Gram matrix AᵀA without a ridge
/// term, or one holding NaN — fails at the first non-positive pivot, reported by <see cref="TryFactor(DenseMatrix, out CholeskyFactorization?, out int, ILinearAlgebraBackend?)"/>
/// or as a <see cref="MatrixNotPositiveDefiniteException"/>. Solves on one factorisation may run concurrently.
/// </remarks>
public sealed class CholeskyFactorization
{
    private readonly DenseMatrix _factor;

    private CholeskyFactorization(DenseMatrix factor)
    {
        _factor = factor;
        double logDet = 0;
        for (int i = 0; i < factor.Rows; i++) logDet += Math.Log(factor.Data[(long)i * factor.Rows + i]);
        LogDeterminant = 2 * logDet;
    }

    /// <summary>The order n of the factored matrix.</summary>
    public int Size => _factor.Rows;

    /// <summary>The backend that factored the matrix and runs the solves.</summary>
    public ILinearAlgebraBackend Backend => _factor.Backend;

    /// <summary>log det A = 2 Σᵢ log Lᵢᵢ (finite even where det A itself would overflow or underflow).</summary>
    public double LogDeterminant { get; }

    /// <summary>
    /// Factors the symmetric positive definite matrix <paramref name="a"/> (lower triangle read) with
    /// <paramref name="backend"/>, by default the matrix's own backend.
    /// </summary>
    /// <exception cref="MatrixNotPositiveDefiniteException">A pivot is not positive; the exception names it.</exception>
    public static CholeskyFactorization Factor(DenseMatrix a, ILinearAlgebraBackend? backend = null) =>
        TryFactor(a, out var f, out int pivot, backend) ? f : throw new MatrixNotPositiveDefiniteException(pivot, a.Rows);

    /// <summary>
    /// Factors the n × n matrix given row by row in <paramref name="symmetric"/> (length n², lower triangle read),
    /// with <paramref name="backend"/>, by default the one a new matrix of that size uses (<see cref="LinearAlgebraBackends.ForNewMatrix(long, long, long)"/>).
    /// </summary>
    /// <exception cref="MatrixNotPositiveDefiniteException">A pivot is not positive; the exception names it.</exception>
    public static CholeskyFactorization Factor(ReadOnlySpan<double> symmetric, int size, ILinearAlgebraBackend? backend = null) =>
        TryFactor(symmetric, size, out var f, out int pivot, backend) ? f : throw new MatrixNotPositiveDefiniteException(pivot, size);

    /// <summary>
    /// Tries to factor <paramref name="a"/>; on failure <paramref name="failingPivot"/> is the 0-based index of the first
    /// non-positive pivot (the leading minor of order failingPivot + 1 is not positive definite), else −1.
    /// </summary>
    public static bool TryFactor(DenseMatrix a, [NotNullWhen(true)] out CholeskyFactorization? factorization,
        out int failingPivot, ILinearAlgebraBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.Rows != a.Columns)
            throw new ArgumentException($"Cholesky needs a square matrix; a is {a.Rows}×{a.Columns}.", nameof(a));
        var copy = a.ToLayout(MatrixLayout.RowMajor).WithBackend(backend ?? a.Backend);
        return TryFactorInPlace(copy, out factorization, out failingPivot);
    }

    /// <summary>Tries to factor the row-by-row matrix in <paramref name="symmetric"/>; see <see cref="TryFactor(DenseMatrix, out CholeskyFactorization?, out int, ILinearAlgebraBackend?)"/>.</summary>
    public static bool TryFactor(ReadOnlySpan<double> symmetric, int size, [NotNullWhen(true)] out CholeskyFactorization? factorization,
        out int failingPivot, ILinearAlgebraBackend? backend = null)
    {
        Checks.Dimension(size, nameof(size));
        if ((long)size * size != symmetric.Length)
            throw new ArgumentException($"symmetric must have length size² = {(long)size * size}; it has length {symmetric.Length}.", nameof(symmetric));
        var copy = new DenseMatrix(size, size, symmetric.ToArray(), MatrixLayout.RowMajor, backend);
        return TryFactorInPlace(copy, out factorization, out failingPivot);
    }

    private static bool TryFactorInPlace(DenseMatrix copy, out CholeskyFactorization? factorization, out int failingPivot)
    {
        int info = copy.Backend.CholeskyFactor(copy);
        if (info != 0)
        {
            factorization = null;
            failingPivot = info - 1;
            return false;
        }
        factorization = new CholeskyFactorization(copy);
        failingPivot = -1;
        return true;
    }

    /// <summary>A row-major copy of the lower factor L (strict upper triangle zero).</summary>
    public DenseMatrix GetLowerFactor() => _factor.ToLayout(MatrixLayout.RowMajor);

    /// <summary>
    /// Solves Ax = b into <paramref name="x"/> (both of length <see cref="Size"/>; they may be the same span). Allocates
    /// nothing with the managed and MKL backends.
    /// </summary>
    public void Solve(ReadOnlySpan<double> b, Span<double> x)
    {
        Checks.Length(b.Length, Size, nameof(b), "the order of the matrix");
        Checks.Length(x.Length, Size, nameof(x), "the order of the matrix");
        b.CopyTo(x);
        switch (_factor.Backend)
        {
            case MklBackend mkl:
                mkl.CholeskySolveInPlace(_factor, x);
                break;
            case ManagedBackend:
                DenseCholesky.SolveInPlace(_factor, x);
                break;
            default:
                var column = new DenseMatrix(Size, 1, x.ToArray(), MatrixLayout.ColumnMajor, _factor.Backend);
                _factor.Backend.CholeskySolve(_factor, column);
                column.Values.CopyTo(x);
                break;
        }
    }

    /// <summary>Solves Ax = b into a new array.</summary>
    public double[] Solve(ReadOnlySpan<double> b)
    {
        var x = new double[Size];
        Solve(b, x);
        return x;
    }

    /// <summary>
    /// Solves AX = B for several right-hand sides (the columns of <paramref name="b"/>, n × k) into
    /// <paramref name="x"/> (n × k, any layout; may be <paramref name="b"/> itself).
    /// </summary>
    public void Solve(DenseMatrix b, DenseMatrix x)
    {
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(x);
        if (b.Rows != Size)
            throw new ArgumentException($"b must have {Size} rows (the order of the matrix); it has {b.Rows}.", nameof(b));
        if (x.Rows != b.Rows || x.Columns != b.Columns)
            throw new ArgumentException($"x must be {b.Rows}×{b.Columns} like b; it is {x.Rows}×{x.Columns}.", nameof(x));
        if (!ReferenceEquals(b.Data, x.Data) || b.Layout != x.Layout)
            (b.Layout == x.Layout ? b : b.ToLayout(x.Layout)).Data.CopyTo(x.Data, 0);
        _factor.Backend.CholeskySolve(_factor, x);
    }

    /// <summary>Solves AX = B into a new matrix in <paramref name="b"/>'s layout.</summary>
    public DenseMatrix Solve(DenseMatrix b)
    {
        ArgumentNullException.ThrowIfNull(b);
        var x = DenseMatrix.Zeros(b.Rows, b.Columns, b.Layout, _factor.Backend);
        Solve(b, x);
        return x;
    }
}
