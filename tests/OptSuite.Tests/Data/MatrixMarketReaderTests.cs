using System.Text;
using OptSuite.Data;
using OptSuite.LinearAlgebra;

namespace OptSuite.Tests.Data;

public class MatrixMarketReaderTests
{
    internal static MatrixMarketResult Parse(string text, MatrixMarketReaderOptions? options = null) =>
        MatrixMarketReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), "t.mtx", options);

    private static double[,] Dense(ILinearMap a)
    {
        var r = new double[a.Rows, a.Columns];
        var x = new double[a.Columns];
        var y = new double[a.Rows];
        for (int j = 0; j < a.Columns; j++)
        {
            Array.Clear(x);
            x[j] = 1;
            a.Apply(x, y);
            for (int i = 0; i < a.Rows; i++) r[i, j] = y[i];
        }
        return r;
    }

    [Fact]
    public void CoordinateGeneralWithCommentsDuplicatesAndExplicitZeros()
    {
        var r = Parse("%%MatrixMarket matrix coordinate real general\n% first\n%second\n\n3 4 5\n1 1 1.5\n3 4 -2e-3\n1 1 2.5\n2 2 0\n3 1 7\n");
        Assert.Equal(MatrixMarketFormat.Coordinate, r.Header.Format);
        Assert.Equal(MatrixMarketField.Real, r.Header.Field);
        Assert.Equal(MatrixMarketSymmetry.General, r.Header.Symmetry);
        Assert.Equal([" first", "second"], r.Header.Comments);
        Assert.Equal((3, 4, 5L), (r.Header.Rows, r.Header.Columns, r.Header.StoredEntries));
        var a = r.Sparse!;
        Assert.Null(r.Dense);
        Assert.Equal([0, 1, 2, 4], a.RowPointers.ToArray());
        Assert.Equal([0, 1, 0, 3], a.ColumnIndices.ToArray());
        Assert.Equal([4.0, 0.0, 7.0, -2e-3], a.Values.ToArray());   // duplicates summed, the explicit zero kept
    }

    [Fact]
    public void SymmetricIsMirroredWithDiagonalOnce()
    {
        var a = Parse("%%MatrixMarket matrix coordinate real symmetric\n3 3 4\n1 1 2\n2 1 -1\n3 2 5\n3 3 1\n").Sparse!;
        Assert.Equal(6, a.NonZeroCount);
        Assert.Equal(new double[,] { { 2, -1, 0 }, { -1, 0, 5 }, { 0, 5, 1 } }, Dense(a));
    }

    [Fact]
    public void SkewSymmetricIsMirroredWithNegation()
    {
        var a = Parse("%%MatrixMarket matrix coordinate integer skew-symmetric\n2 2 1\n2 1 3\n").Sparse!;
        Assert.Equal(new double[,] { { 0, -3 }, { 3, 0 } }, Dense(a));
    }

    [Fact]
    public void PatternEntriesAreOnes()
    {
        var a = Parse("%%MatrixMarket matrix coordinate pattern general\n2 3 2\n1 3\n2 1\n").Sparse!;
        Assert.Equal(new double[,] { { 0, 0, 1 }, { 1, 0, 0 } }, Dense(a));
    }

    [Fact]
    public void ArrayIsColumnMajorAndCrlfIsAccepted()
    {
        var r = Parse("%%MatrixMarket matrix array real general\r\n2 3\r\n1\r\n2\r\n3\r\n4\r\n5\r\n6.5\r\n");
        var d = r.Dense!;
        Assert.Equal(MatrixLayout.ColumnMajor, d.Layout);
        Assert.Equal([1, 2, 3, 4, 5, 6.5], d.Values.ToArray());
        Assert.Equal(6.5, d[1, 2]);
    }

    [Fact]
    public void ArraySymmetricAndSkew()
    {
        var s = Parse("%%MatrixMarket matrix array real symmetric\n2 2\n1\n2\n3\n").Dense!;
        Assert.Equal(new double[,] { { 1, 2 }, { 2, 3 } }, Dense(s));
        var k = Parse("%%MatrixMarket matrix array real skew-symmetric\n3 3\n1\n2\n3\n").Dense!;
        Assert.Equal(new double[,] { { 0, -1, -2 }, { 1, 0, -3 }, { 2, 3, 0 } }, Dense(k));
    }

    [Fact]
    public void BannerWordsAreCaseInsensitiveAndEmptyMatrixIsFine()
    {
        var r = Parse("%%MatrixMarket MATRIX Coordinate REAL General\n0 0 0\n");
        Assert.Equal((0, 0, 0), (r.Sparse!.Rows, r.Sparse.Columns, r.Sparse.NonZeroCount));
    }

    [Fact]
    public void NonFiniteValuesAreAcceptedOnlyWhenAllowed()
    {
        const string text = "%%MatrixMarket matrix coordinate real general\n1 2 2\n1 1 NaN\n1 2 -Infinity\n";
        Assert.Throws<DataFormatException>(() => Parse(text));
        var a = Parse(text, new MatrixMarketReaderOptions { AllowNonFinite = true }).Sparse!;
        Assert.True(double.IsNaN(a.Values[0]));
        Assert.Equal(double.NegativeInfinity, a.Values[1]);
    }

    [Fact]
    public void ReadDenseDensifiesCoordinateAndReadSparseRejectsArray()
    {
        string dir = Directory.CreateTempSubdirectory("mm").FullName;
        try
        {
            string coo = Path.Combine(dir, "a.mtx"), arr = Path.Combine(dir, "b.mtx");
            File.WriteAllText(coo, "%%MatrixMarket matrix coordinate real general\n2 2 1\n2 1 4\n");
            File.WriteAllText(arr, "%%MatrixMarket matrix array real general\n1 1\n4\n");
            var d = MatrixMarketReader.ReadDense(coo);
            Assert.Equal(MatrixLayout.ColumnMajor, d.Layout);
            Assert.Equal([0, 4.0, 0, 0], d.Values.ToArray());
            var e = Assert.Throws<DataFormatException>(() => MatrixMarketReader.ReadSparse(arr));
            Assert.Equal(arr, e.FilePath);
            Assert.Equal(4.0, MatrixMarketReader.ReadDense(arr)[0, 0]);
            Assert.Throws<FileNotFoundException>(() => MatrixMarketReader.Read(Path.Combine(dir, "missing.mtx")));
        }
        finally { Directory.Delete(dir, true); }
    }
}
