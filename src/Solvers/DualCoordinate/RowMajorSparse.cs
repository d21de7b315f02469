using OptSuite.LinearAlgebra;

namespace OptSuite.Solvers;

/// <summary>
/// The data as a <see cref="CsrMatrix"/>, for solvers that walk rows entry by entry: the matrix itself when it is CSR,
/// the O(nnz) row companion of a <see cref="CscMatrix"/>, or the non-zeros of a dense matrix (one copy).
/// </summary>
internal static class RowMajorSparse
{
    public static CsrMatrix From(ILinearMap map)
    {
        switch (map)
        {
            case CsrMatrix csr: return csr;
            case CscMatrix csc: return csc.ToCsr();
            case DenseMatrix dense:
            {
                DenseMatrix rows = dense.Layout == MatrixLayout.RowMajor ? dense : dense.ToLayout(MatrixLayout.RowMajor);
                var pointers = new int[rows.Rows + 1];
                var indices = new List<int>();
                var values = new List<double>();
                for (int i = 0; i < rows.Rows; i++)
                {
                    ReadOnlySpan<double> r = rows.Row(i);
                    for (int j = 0; j < r.Length; j++)
                        if (r[j] != 0) { indices.Add(j); values.Add(r[j]); }
                    pointers[i + 1] = indices.Count;
                }
                return new CsrMatrix(rows.Rows, rows.Columns, pointers, indices.ToArray(), values.ToArray());
            }
            default:
                throw new ArgumentException($"{map.GetType().Name} gives no row access; pass a CSR, CSC or dense matrix.", nameof(map));
        }
    }
}
