using OptSuite.Data;
using OptSuite.LinearAlgebra;

namespace OptSuite.Tests.Data;

public class MatrixMarketWriterTests
{
    private static readonly double[] Awkward =
        [0.1, 1.0 / 3, -2.2250738585072014E-308, 4.9E-324, double.MaxValue, -0.0, 1e21, 123456789.123456789, Math.PI, 0];

    private static MatrixMarketResult RoundTrip(Action<Stream> write)
    {
        var ms = new MemoryStream();
        write(ms);
        ms.Position = 0;
        return MatrixMarketReader.Read(ms, "rt.mtx");
    }

    private static void AssertBitExact(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++)
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected[k]), BitConverter.DoubleToInt64Bits(actual[k]));
    }

    [Fact]
    public void SparseRoundTripIsBitExact()
    {
        var rng = new Random(7);
        int n = 200;
        var ri = new int[n];
        var ci = new int[n];
        var v = new double[n];
        for (int k = 0; k < n; k++)
        {
            ri[k] = rng.Next(30);
            ci[k] = rng.Next(17);
            v[k] = k < Awkward.Length ? Awkward[k] : (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-300, 300));
        }
        var a = CsrMatrix.FromTriplets(30, 17, ri, ci, v);
        var b = RoundTrip(s => MatrixMarketWriter.Write(s, a, comments: ["made by a test", "two lines"])).Sparse!;
        Assert.Equal(a.RowPointers.ToArray(), b.RowPointers.ToArray());
        Assert.Equal(a.ColumnIndices.ToArray(), b.ColumnIndices.ToArray());
        AssertBitExact(a.Values, b.Values);
    }

    [Fact]
    public void DenseRoundTripIsBitExactInBothLayouts()
    {
        var data = new double[12];
        for (int k = 0; k < 12; k++) data[k] = k < Awkward.Length ? Awkward[k] : Math.Sqrt(k);
        foreach (var layout in new[] { MatrixLayout.RowMajor, MatrixLayout.ColumnMajor })
        {
            var a = new DenseMatrix(3, 4, (double[])data.Clone(), layout);
            var r = RoundTrip(s => MatrixMarketWriter.Write(s, a));
            var b = r.Dense!;
            Assert.Equal(MatrixMarketFormat.Array, r.Header.Format);
            AssertBitExact(a.ToLayout(MatrixLayout.ColumnMajor).Values, b.Values);
        }
    }

    [Fact]
    public void SymmetricRoundTripWritesLowerTriangleOnly()
    {
        var a = CsrMatrix.FromTriplets(3, 3, [0, 1, 0, 2, 2, 1], [0, 0, 1, 2, 1, 2], [1.5, 0.1, 0.1, -2, 0, 0]);
        var ms = new MemoryStream();
        MatrixMarketWriter.Write(ms, a, MatrixMarketSymmetry.Symmetric);
        ms.Position = 0;
        string text = new StreamReader(ms).ReadToEnd();
        Assert.StartsWith("%%MatrixMarket matrix coordinate real symmetric\n3 3 4\n", text);
        var b = MatrixMarketReader.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text))).Sparse!;
        Assert.Equal(a.ColumnIndices.ToArray(), b.ColumnIndices.ToArray());
        Assert.Equal(a.Values.ToArray(), b.Values.ToArray());

        var d = new DenseMatrix(2, 2, [0, 3, -3, 0], MatrixLayout.ColumnMajor);
        Assert.Throws<ArgumentException>(() => MatrixMarketWriter.Write(new MemoryStream(), new DenseMatrix(2, 2, [1, 3, -3, 0]), MatrixMarketSymmetry.SkewSymmetric));
        var back = RoundTrip(s => MatrixMarketWriter.Write(s, d, MatrixMarketSymmetry.SkewSymmetric)).Dense!;
        Assert.Equal([0, 3, -3, 0.0], back.Values.ToArray());
    }

    [Fact]
    public void AsymmetricMatrixCannotBeWrittenAsSymmetric()
    {
        var a = CsrMatrix.FromTriplets(2, 2, [1], [0], [1.0]);
        var e = Assert.Throws<ArgumentException>(() => MatrixMarketWriter.Write(new MemoryStream(), a, MatrixMarketSymmetry.Symmetric));
        Assert.Equal("matrix", e.ParamName);
        var rect = new DenseMatrix(1, 2, [1, 2]);
        Assert.Throws<ArgumentException>(() => MatrixMarketWriter.Write(new MemoryStream(), rect, MatrixMarketSymmetry.Symmetric));
    }

    [Fact]
    public void FileRoundTripAndCallerMatrixUntouched()
    {
        string path = Path.Combine(Path.GetTempPath(), $"optsuite-mm-{Guid.NewGuid():N}.mtx");
        try
        {
            double[] v = [1.25, -7, 3e-9];
            var a = CsrMatrix.FromTriplets(4, 2, [3, 0, 3], [1, 0, 0], v);
            MatrixMarketWriter.Write(path, a);
            var b = MatrixMarketReader.ReadSparse(path);
            Assert.Equal(a.Values.ToArray(), b.Values.ToArray());
            Assert.Equal([1.25, -7, 3e-9], v);
        }
        finally { File.Delete(path); }
    }
}
