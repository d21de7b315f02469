using MathNet.Numerics.LinearAlgebra;
using OptSuite.LinearAlgebra;
using MnDense = MathNet.Numerics.LinearAlgebra.Double.DenseMatrix;
using MnSparse = MathNet.Numerics.LinearAlgebra.Double.SparseMatrix;
using MnVector = MathNet.Numerics.LinearAlgebra.Double.DenseVector;

namespace OptSuite.Tests.LinearAlgebra;

public class MathNetInteropTests
{
    private static MnDense RandomDense(int m, int n, int seed)
    {
        var r = new Random(seed);
        return MnDense.Create(m, n, (_, _) => r.NextDouble() * 2 - 1);
    }

    private static MnSparse RandomSparse(int m, int n, int seed)
    {
        var r = new Random(seed);
        var s = new MnSparse(m, n);
        for (int k = 0; k < m * n / 4; k++) s[r.Next(m), r.Next(n)] = r.NextDouble() - 0.5;   // grows arrays past ValueCount
        return s;
    }

    private static void AssertClose(Vector<double> expected, ReadOnlySpan<double> actual)
    {
        Assert.Equal(expected.Count, actual.Length);
        for (int i = 0; i < actual.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-13 * (1 + Math.Abs(expected[i])), $"entry {i}");
    }

    private static void AssertProductsAgree(Matrix<double> m, ILinearMap a, int seed)
    {
        var r = new Random(seed);
        var x = MnVector.Create(m.ColumnCount, _ => r.NextDouble());
        var u = MnVector.Create(m.RowCount, _ => r.NextDouble());
        var y = new double[m.RowCount];
        var g = new double[m.ColumnCount];
        a.Apply(x.AsReadOnlySpan(), y);
        a.ApplyTranspose(u.AsReadOnlySpan(), g);
        AssertClose(m * x, y);
        AssertClose(m.TransposeThisAndMultiply(u), g);
    }

    [Fact]
    public void DenseAdapterIsZeroCopyAndProductsMatch()
    {
        var m = RandomDense(37, 11, 1);
        var before = m.ToColumnMajorArray();
        var a = m.ToLinearMap();
        var d = Assert.IsType<DenseMatrix>(a);
        Assert.Equal(MatrixLayout.ColumnMajor, d.Layout);
        AssertProductsAgree(m, a, 2);
        Assert.Equal(before, m.ToColumnMajorArray());           // OptSuite did not write into MathNet's matrix
        m[3, 5] = 123.5;                                          // shows through: the storage is shared, not copied
        Assert.Equal(123.5, d[3, 5]);
    }

    [Fact]
    public void SparseAdapterCopiesOnlyLiveEntriesAndProductsMatch()
    {
        var m = RandomSparse(40, 23, 3);
        var storage = (MathNet.Numerics.LinearAlgebra.Storage.SparseCompressedRowMatrixStorage<double>)m.Storage;
        Assert.True(storage.Values.Length > storage.ValueCount);   // the case the adapter must handle
        var before = m.ToArray();
        var a = Assert.IsType<CsrMatrix>(m.ToLinearMap());
        Assert.Equal(storage.ValueCount, a.NonZeroCount);
        AssertProductsAgree(m, a, 4);
        Assert.Equal(before, m.ToArray());
        m[0, 0] = 99;                                              // a copy: MathNet's later edits do not leak in
        Assert.NotEqual(99, a.ToDense()[0, 0]);
    }

    [Fact]
    public void OtherStorageIsCopied()
    {
        var m = Matrix<double>.Build.DiagonalOfDiagonalArray([1.0, 2, 3]);
        AssertProductsAgree(m, m.ToLinearMap(), 5);
        AssertProductsAgree(m, m.ToCsrMatrix(), 6);
        AssertProductsAgree(RandomDense(5, 4, 7), RandomDense(5, 4, 7).ToCsrMatrix(), 8);
    }

    [Fact]
    public void DenseRoundTripsBothLayouts()
    {
        var col = new DenseMatrix(2, 3, [1, 2, 3, 4, 5, 6], MatrixLayout.ColumnMajor);
        var mc = col.ToMathNet();
        Assert.Equal(3.0, mc[0, 1]);
        col.GetWritableValues()[2] = -1;                           // column-major is shared
        Assert.Equal(-1.0, mc[0, 1]);
        var row = new DenseMatrix(2, 3, [1, 2, 3, 4, 5, 6]);
        var mr = row.ToMathNet();
        Assert.Equal(2.0, mr[0, 1]);
        Assert.Equal(row.ToLayout(MatrixLayout.ColumnMajor).Values.ToArray(), mr.ToDenseMatrix().Values.ToArray());
        mr[0, 1] = 50;                                             // row-major was copied
        Assert.Equal(2.0, row[0, 1]);
    }

    [Fact]
    public void SparseRoundTripsAndProductsMatch()
    {
        var a = CsrMatrix.FromTriplets(4, 5, [0, 3, 3, 1, 0], [4, 0, 2, 1, 0], [1.5, -2, 0, 7, 3]);
        var m = a.ToMathNet();
        AssertProductsAgree(m, a, 9);
        var back = m.ToCsrMatrix();
        Assert.Equal(a.RowPointers.ToArray(), back.RowPointers.ToArray());
        Assert.Equal(a.ColumnIndices.ToArray(), back.ColumnIndices.ToArray());
        Assert.Equal(a.Values.ToArray(), back.Values.ToArray());   // the explicit zero survives
        var fromCsc = a.ToCsc().ToMathNet();
        Assert.Equal(m.ToArray(), fromCsc.ToArray());
    }

    [Fact]
    public void VectorsShareDenseStorage()
    {
        double[] x = [1, 2, 3];
        var v = x.ToMathNetVector();
        x[1] = 20;
        Assert.Equal(20.0, v[1]);
        Assert.Same(x, v.GetDenseArray());
        Assert.Equal([1.0, 20, 3], v.AsReadOnlySpan().ToArray());
        var sparse = MathNet.Numerics.LinearAlgebra.Double.SparseVector.OfIndexedEnumerable(4, [(2, 5.0)]);
        Assert.Equal([0, 0, 5.0, 0], sparse.AsReadOnlySpan().ToArray());
    }
}
