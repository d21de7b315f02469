using OptSuite.LinearAlgebra;

namespace OptSuite.Data;

/// <summary>A matrix read from a Matrix Market file: a CSR matrix for coordinate files, a column-major dense one for array files.</summary>
public sealed class MatrixMarketResult
{
    internal MatrixMarketResult(MatrixMarketHeader header, CsrMatrix? sparse, DenseMatrix? dense)
    {
        Header = header;
        Sparse = sparse;
        Dense = dense;
    }

    /// <summary>Banner, comments and size line.</summary>
    public MatrixMarketHeader Header { get; }

    /// <summary>The matrix of a coordinate file (symmetric entries mirrored, duplicates summed), else null.</summary>
    public CsrMatrix? Sparse { get; }

    /// <summary>The matrix of an array file, column-major as the file stores it, else null.</summary>
    public DenseMatrix? Dense { get; }

    /// <summary>Whichever of <see cref="Sparse"/> and <see cref="Dense"/> is present.</summary>
    public ILinearMap Matrix => (ILinearMap?)Sparse ?? Dense!;
}
