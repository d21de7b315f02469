namespace OptSuite.LinearAlgebra;

/// <summary>
/// A real matrix A (m × n) seen only through the products and the row and column access that solvers need.
/// Dense, CSR and CSC storage, their transposed views and MathNet adapters all implement it.
/// </summary>
/// <remarks>
/// Products follow BLAS: <c>y = αAx + βy</c> and <c>g = αAᵀu + βg</c>. With β = 0 the destination is overwritten
/// and its old content (even NaN) is ignored, as in BLAS. Spans must have exactly the documented lengths; a length
/// mismatch is an <see cref="ArgumentException"/> naming the parameter. No method mutates the matrix.
/// Row access is O(nnz of the row) on row-oriented storage (dense row-major, CSR); column access is O(nnz of the
/// column) on column-oriented storage (dense column-major, CSC). The other kind of access is still available: sparse
/// matrices build their companion format once, on first use, and keep it.
/// </remarks>
public interface ILinearMap
{
    /// <summary>Number of rows m (samples).</summary>
    int Rows { get; }

    /// <summary>Number of columns n (features).</summary>
    int Columns { get; }

    /// <summary>Stored entries: m·n for dense storage, the structural non-zeros for sparse storage.</summary>
    long StoredCount { get; }

    /// <summary>The backend that runs this matrix's kernels, fixed when the matrix was built.</summary>
    ILinearAlgebraBackend Backend { get; }

    /// <summary>y = αAx + βy, with x of length <see cref="Columns"/> and y of length <see cref="Rows"/>.</summary>
    void Apply(ReadOnlySpan<double> x, Span<double> y, double alpha = 1, double beta = 0);

    /// <summary>g = αAᵀu + βg, with u of length <see cref="Rows"/> and g of length <see cref="Columns"/>.</summary>
    void ApplyTranspose(ReadOnlySpan<double> u, Span<double> g, double alpha = 1, double beta = 0);

    /// <summary>The dot product of column j with u (length <see cref="Rows"/>).</summary>
    double ColumnDot(int j, ReadOnlySpan<double> u);

    /// <summary>y += α·(column j), with y of length <see cref="Rows"/>.</summary>
    void ColumnAxpy(int j, double alpha, Span<double> y);

    /// <summary>Writes ‖A_{:,j}‖² for every column j into <paramref name="destination"/> (length <see cref="Columns"/>).</summary>
    void ColumnSquaredNorms(Span<double> destination);

    /// <summary>The dot product of row i with w (length <see cref="Columns"/>).</summary>
    double RowDot(int i, ReadOnlySpan<double> w);

    /// <summary>g += α·(row i), with g of length <see cref="Columns"/>.</summary>
    void RowAxpy(int i, double alpha, Span<double> g);

    /// <summary>Writes ‖A_{i,:}‖² for every row i into <paramref name="destination"/> (length <see cref="Rows"/>).</summary>
    void RowSquaredNorms(Span<double> destination);

    /// <summary>Aᵀ as a view that shares this matrix's storage (no copy).</summary>
    ILinearMap Transpose();
}
