using OptSuite.LinearAlgebra;

namespace OptSuite.Models.Paths;

/// <summary>The rows of a matrix picked by index, in the same storage family and backend (CSC comes back as CSR); of data
/// read in row blocks, a view that gathers them block by block (<see cref="RowBlockedRows"/>; the rows increasing).</summary>
internal static class RowSubset
{
    public static ILinearMap Take(ILinearMap x, int[] rows)
    {
        switch (x)
        {
            case CsrMatrix csr:
                return TakeCsr(csr, rows);
            case IRowBlockedMap blocks:
                return new RowBlockedRows(blocks, rows);
            case CscMatrix csc:
                return TakeCsr(csc.ToCsr(), rows);
            case DenseMatrix dense:
                int p = dense.Columns;
                var data = new double[(long)rows.Length * p];
                for (int r = 0; r < rows.Length; r++)
                {
                    if (dense.Layout == MatrixLayout.RowMajor) dense.Row(rows[r]).CopyTo(data.AsSpan(r * p, p));
                    else for (int j = 0; j < p; j++) data[(long)r * p + j] = dense[rows[r], j];
                }
                return new DenseMatrix(rows.Length, p, data, MatrixLayout.RowMajor, dense.Backend);
            default:
                throw new ArgumentException($"Cross-validation needs row access to X; {x.GetType().Name} has none (pass a dense, CSR or CSC matrix, or data read in row blocks).", "x");
        }
    }

    private static CsrMatrix TakeCsr(CsrMatrix csr, int[] rows)
    {
        ReadOnlySpan<int> ptr = csr.RowPointers, idx = csr.ColumnIndices;
        ReadOnlySpan<double> val = csr.Values;
        var pointers = new int[rows.Length + 1];
        for (int r = 0; r < rows.Length; r++) pointers[r + 1] = pointers[r] + ptr[rows[r] + 1] - ptr[rows[r]];
        var indices = new int[pointers[^1]];
        var values = new double[pointers[^1]];
        for (int r = 0; r < rows.Length; r++)
        {
            int from = ptr[rows[r]], count = ptr[rows[r] + 1] - from;
            idx.Slice(from, count).CopyTo(indices.AsSpan(pointers[r], count));
            val.Slice(from, count).CopyTo(values.AsSpan(pointers[r], count));
        }
        return new CsrMatrix(rows.Length, csr.Columns, pointers, indices, values, csr.Backend);
    }
}
