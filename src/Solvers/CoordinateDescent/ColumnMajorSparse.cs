using OptSuite.LinearAlgebra;

namespace OptSuite.Solvers;

/// <summary>
/// The data as a <see cref="CscMatrix"/> for coordinate methods: the matrix itself when it is CSC, the O(nnz) column
/// companion of a <see cref="CsrMatrix"/>, or the non-zeros of a dense matrix (one copy).
/// </summary>
internal static class ColumnMajorSparse
{
    public static CscMatrix From(ILinearMap map)
    {
        switch (map)
        {
            case CscMatrix csc: return csc;
            case CsrMatrix csr: return csr.ToCsc();
            case DenseMatrix dense:
                return RowMajorSparse.From(dense.TransposeDense()).TransposeCsc();
            default:
                throw new ArgumentException($"{map.GetType().Name} gives no column access; pass a CSR, CSC or dense matrix.", nameof(map));
        }
    }
}
