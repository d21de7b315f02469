namespace OptSuite.LinearAlgebra;

/// <summary>
/// A Cholesky factorisation met a pivot that is not positive: the leading principal minor of order
/// <see cref="PivotIndex"/> + 1 is not positive definite (or the matrix holds NaN there).
/// </summary>
public sealed class MatrixNotPositiveDefiniteException : ArithmeticException
{
    /// <summary>Creates the exception for the 0-based failing pivot of an n × n matrix.</summary>
    public MatrixNotPositiveDefiniteException(int pivotIndex, int size)
        : base($"The matrix ({size}×{size}) is not positive definite: the Cholesky pivot at row/column {pivotIndex} " +
               $"(0-based; leading minor of order {pivotIndex + 1}) is not positive. " +
               "For normal equations add a ridge term λI with λ > 0, and check the data for NaN or duplicated columns.")
    {
        PivotIndex = pivotIndex;
        Size = size;
    }

    /// <summary>The 0-based index of the first pivot that was not positive.</summary>
    public int PivotIndex { get; }

    /// <summary>The order n of the matrix.</summary>
    public int Size { get; }
}
