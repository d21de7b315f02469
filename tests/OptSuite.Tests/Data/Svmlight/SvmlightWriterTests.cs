using System.Text;
using CsCheck;
using OptSuite.Data;
using OptSuite.LinearAlgebra;

namespace OptSuite.Tests.Data.Svmlight;

public class SvmlightWriterTests
{
    private static string Write(SvmlightDataset d, SvmlightWriterOptions? o = null)
    {
        var ms = new MemoryStream();
        SvmlightWriter.Write(ms, d, o);
        return Encoding.ASCII.GetString(ms.ToArray());
    }

    private static SvmlightDataset Make(int rows, int cols, double[] labels, int[] ri, int[] ci, double[] v, long[]? qid = null) =>
        new(CsrMatrix.FromTriplets(rows, cols, ri, ci, v), labels, qid);

    [Fact]
    public void WritesLibsvmTextWithIntegralLabelsAsIntegers()
    {
        var d = Make(3, 4, [1, -1, 2.5], [0, 0, 2], [0, 3, 1], [0.5, -2e-3, 1e300]);
        Assert.Equal("1 1:0.5 4:-0.002\n-1\n2.5 2:1E+300\n", Write(d));
        Assert.Equal("# made by a test\n# second line\n1 0:0.5 3:-0.002\n-1\n2.5 1:1E+300\n",
            Write(d, new SvmlightWriterOptions { ZeroBased = true, Comment = "made by a test\nsecond line" }));
        Assert.Equal("1 qid:7 1:0.5 4:-0.002\n-1 qid:7\n2.5 qid:-3 2:1E+300\n", Write(Make(3, 4, [1, -1, 2.5], [0, 0, 2], [0, 3, 1], [0.5, -2e-3, 1e300], [7, 7, -3])));
    }

    [Theory]
    [InlineData(3.0, "3")]
    [InlineData(-0.0, "-0")]
    [InlineData(1e20, "1E+20")]
    [InlineData(123456789012345.0, "123456789012345")]
    [InlineData(0.1, "0.1")]
    [InlineData(5e-324, "5E-324")]
    public void NumbersUseTheShortestTextThatReadsBack(double v, string text)
    {
        Span<byte> buf = stackalloc byte[64];
        int n = SvmlightWriter.Format(v, buf);
        Assert.Equal(text, Encoding.ASCII.GetString(buf[..n]));
        Assert.Equal(BitConverter.DoubleToInt64Bits(v), BitConverter.DoubleToInt64Bits(FastDoubleParserTests.Parse(text).Value));
    }

    [Fact]
    public void UnsortedAndDuplicateCsrEntriesAreWrittenSortedAndSummed()
    {
        var x = new CsrMatrix(1, 5, [0, 3], [4, 1, 4], [1.0, 2.0, 0.5]);
        var ms = new MemoryStream();
        SvmlightWriter.Write(ms, x, [1.0]);
        Assert.Equal("1 2:2 5:1.5\n", Encoding.ASCII.GetString(ms.ToArray()));
    }

    [Fact]
    public void NonFiniteDataIsRefused()
    {
        Assert.Throws<ArgumentException>(() => Write(Make(1, 1, [double.NaN], [], [], [])));
        Assert.Throws<ArgumentException>(() => Write(Make(1, 1, [1], [0], [0], [double.PositiveInfinity])));
        Assert.Throws<ArgumentException>(() => SvmlightWriter.Write(new MemoryStream(), CsrMatrix.FromTriplets(2, 1, [], [], []), [1.0]));
    }

    [Fact]
    public void RandomSparseDataRoundTripsBitForBit()
    {
        var values = Gen.OneOf(Gen.Double, Gen.Double.Special, Gen.Double[-1e6, 1e6], Gen.Int[-5, 5].Select(i => (double)i))
            .Where(double.IsFinite);
        var gen = Gen.Select(Gen.Int[0, 12], Gen.Int[1, 40], values.Array[0, 150], values.Array[12], Gen.Int[0, int.MaxValue], Gen.Bool, Gen.Bool,
            (r, c, v, l, s, z, q) => (r, c, v, l, s, z, q));
        gen.Sample((rows, cols, vals, labels, seed, zeroBased, withQid) =>
        {
            var rng = new Random(seed);
            var ri = new List<int>();
            var ci = new List<int>();
            var v = new List<double>();
            var used = new HashSet<(int, int)>();
            foreach (var value in vals)
            {
                if (rows == 0) break;
                var cell = (rng.Next(rows), rng.Next(cols));
                if (!used.Add(cell)) continue;
                ri.Add(cell.Item1);
                ci.Add(cell.Item2);
                v.Add(value);
            }
            long[]? qid = withQid && rows > 0 ? Enumerable.Range(0, rows).Select(i => (long)rng.Next(-3, 1000)).ToArray() : null;
            var d = Make(rows, cols, labels[..rows], ri.ToArray(), ci.ToArray(), v.ToArray(), qid);
            var ms = new MemoryStream();
            SvmlightWriter.Write(ms, d, new SvmlightWriterOptions { ZeroBased = zeroBased });
            var back = SvmlightReader.Read(ms.ToArray(), "rt.svm", new SvmlightReaderOptions
            {
                FeatureCount = cols,
                IndexBase = zeroBased ? SvmlightIndexBase.ZeroBased : SvmlightIndexBase.OneBased,
                ChunkBytes = 1 + seed % 64 + (seed % 3 == 0 ? 1 << 20 : 0),
            });
            SvmlightTestText.AssertSame(new SvmlightDataset(d.Features, d.Labels, d.QueryIds, zeroBased), back);
        }, iter: 300);
    }

    [Fact]
    public void MultiLabelRoundTrips()
    {
        var x = CsrMatrix.FromTriplets(4, 6, [0, 0, 1, 2], [0, 5, 2, 3], [1.5, -2, 3, 4]);
        var d = new SvmlightMultiLabelDataset(x, [0, 3, 3, 4, 5], [1, 3, 7, 2, 0]);
        var ms = new MemoryStream();
        SvmlightWriter.WriteMultiLabel(ms, d);
        Assert.Equal("1,3,7 1:1.5 6:-2\n3:3\n2 4:4\n0\n", Encoding.ASCII.GetString(ms.ToArray()));
        var back = SvmlightReader.ReadMultiLabel(ms.ToArray(), "m.svm", new SvmlightReaderOptions { FeatureCount = 6 });
        Assert.Equal(d.LabelPointers, back.LabelPointers);
        Assert.Equal(d.LabelValues, back.LabelValues);
        SvmlightTestText.AssertSameMatrix(x, back.Features);
        var blank = new SvmlightMultiLabelDataset(CsrMatrix.FromTriplets(1, 2, [], [], []), [0, 0], []);
        Assert.Throws<ArgumentException>(() => SvmlightWriter.WriteMultiLabel(new MemoryStream(), blank));
    }

    [Fact]
    public void GzipPathsAreCompressedAndReadBack()
    {
        var d = SvmlightReader.Read(DatasetLocator.Find("binary/heart_scale"));
        string path = Path.Combine(Path.GetTempPath(), $"optsuite-{Guid.NewGuid():N}.svm.gz");
        try
        {
            SvmlightWriter.Write(path, d);
            Assert.Equal(0x1f, File.ReadAllBytes(path)[0]);
            SvmlightTestText.AssertSame(d, SvmlightReader.Read(path, new SvmlightReaderOptions { FeatureCount = d.Columns }));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
