using OptSuite.LinearAlgebra;

namespace OptSuite.Models.Paths;

/// <summary>The rows of a matrix picked by index, in the same storage family and backend (CSC comes back as CSR, the
/// storage the row pick builds anyway); of data read in row blocks, a view that gathers them block by block
/// (<see cref="RowBlockedRows"/>; the rows increasing).</summary>
internal static class RowSubset
{
    public static ILinearMap Take(ILinearMap x, int[] rows) => x switch
    {
        CsrMatrix csr => csr.SelectRows(rows),
        IRowBlockedMap blocks => new RowBlockedRows(blocks, rows),
        CscMatrix csc => csc.ToCsr().SelectRows(rows),
        DenseMatrix dense => dense.SelectRows(rows),
        _ => throw new ArgumentException($"Cross-validation needs row access to X; {x.GetType().Name} has none (pass a dense, CSR or CSC matrix, or data read in row blocks).", "x"),
    };
}
