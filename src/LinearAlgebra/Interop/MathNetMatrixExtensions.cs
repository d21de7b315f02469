using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Storage;
using MnDense = MathNet.Numerics.LinearAlgebra.Double.DenseMatrix;
using MnSparse = MathNet.Numerics.LinearAlgebra.Double.SparseMatrix;

namespace OptSuite.LinearAlgebra;

/// <summary>
/// Adapters between MathNet.Numerics 5 matrices and OptSuite's <see cref="DenseMatrix"/>, <see cref="CsrMatrix"/> and
/// <see cref="CscMatrix"/>. Dense column-major data is shared without copying; sparse data is copied once.
/// </summary>
/// <remarks>
/// MathNet's dense storage (<see cref="DenseColumnMajorMatrixStorage{T}"/>) is a plain column-major array, exactly
/// OptSuite's column-major layout, so wrapping it costs nothing and later writes through MathNet show through.
/// MathNet's CSR storage is mutable in place (inserting an entry shifts its arrays, which may also be longer than
/// <c>ValueCount</c>), so a shared view could break CSR invariants OptSuite validated once; it is therefore copied.
/// OptSuite never writes into a MathNet matrix.
/// </remarks>
public static class MathNetMatrixExtensions
{
    /// <summary>
    /// An <see cref="ILinearMap"/> over a MathNet matrix: a zero-copy column-major <see cref="DenseMatrix"/> for dense
    /// storage, a one-copy <see cref="CsrMatrix"/> for sparse storage, a dense copy for any other storage (e.g. diagonal).
    /// </summary>
    public static ILinearMap ToLinearMap(this Matrix<double> matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        return matrix.Storage switch
        {
            DenseColumnMajorMatrixStorage<double> => matrix.ToDenseMatrix(),
            SparseCompressedRowMatrixStorage<double> => matrix.ToCsrMatrix(),
            _ => matrix.ToDenseMatrix(),
        };
    }

    /// <summary>
    /// A column-major <see cref="DenseMatrix"/>: shares the array of dense MathNet storage (zero copy), copies any other
    /// storage into a new column-major array.
    /// </summary>
    public static DenseMatrix ToDenseMatrix(this Matrix<double> matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        double[] data = matrix.Storage is DenseColumnMajorMatrixStorage<double> d ? d.Data : matrix.ToColumnMajorArray();
        return new DenseMatrix(matrix.RowCount, matrix.ColumnCount, data, MatrixLayout.ColumnMajor);
    }

    /// <summary>A <see cref="CsrMatrix"/> copy of a MathNet matrix (one copy of the CSR arrays for sparse storage).</summary>
    public static CsrMatrix ToCsrMatrix(this Matrix<double> matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (matrix.Storage is SparseCompressedRowMatrixStorage<double> s)
        {
            // Only the first ValueCount entries are live; MathNet over-allocates to make insertions cheap.
            int nnz = s.ValueCount;
            var rp = s.RowPointers.AsSpan(0, matrix.RowCount + 1).ToArray();
            var ci = s.ColumnIndices.AsSpan(0, nnz).ToArray();
            var v = s.Values.AsSpan(0, nnz).ToArray();
            return new CsrMatrix(matrix.RowCount, matrix.ColumnCount, rp, ci, v);
        }
        var rows = new List<int>();
        var cols = new List<int>();
        var vals = new List<double>();
        foreach (var (i, j, x) in matrix.EnumerateIndexed(Zeros.AllowSkip))
        {
            rows.Add(i);
            cols.Add(j);
            vals.Add(x);
        }
        return CsrMatrix.FromTriplets(matrix.RowCount, matrix.ColumnCount,
            System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows),
            System.Runtime.InteropServices.CollectionsMarshal.AsSpan(cols),
            System.Runtime.InteropServices.CollectionsMarshal.AsSpan(vals));
    }

    /// <summary>
    /// A MathNet dense matrix over the same values. Column-major storage is shared (zero copy: writes through MathNet
    /// change this matrix); row-major storage is copied (transposed into column-major order).
    /// </summary>
    public static MnDense ToMathNet(this DenseMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (matrix.Layout == MatrixLayout.ColumnMajor) return new MnDense(matrix.Rows, matrix.Columns, matrix.Data);
        return new MnDense(DenseColumnMajorMatrixStorage<double>.OfRowMajorArray(matrix.Rows, matrix.Columns, matrix.Data));
    }

    /// <summary>A MathNet sparse matrix copied from CSR arrays (duplicates summed, explicit zeros kept).</summary>
    public static MnSparse ToMathNet(this CsrMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var s = matrix.Storage;
        return new MnSparse(SparseCompressedRowMatrixStorage<double>.OfCompressedSparseRowFormat(
            matrix.Rows, matrix.Columns, s.NonZeroCount, s.Pointers, s.Indices, s.Values));
    }

    /// <summary>A MathNet sparse matrix copied from CSC arrays (duplicates summed, explicit zeros kept).</summary>
    public static MnSparse ToMathNet(this CscMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var s = matrix.Storage;
        return new MnSparse(SparseCompressedRowMatrixStorage<double>.OfCompressedSparseColumnFormat(
            matrix.Rows, matrix.Columns, s.NonZeroCount, s.Indices, s.Pointers, s.Values));
    }
}
