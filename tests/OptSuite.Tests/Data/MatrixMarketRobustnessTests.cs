using System.IO.Compression;
using System.Text;
using OptSuite.Data;
using OptSuite.LinearAlgebra;

namespace OptSuite.Tests.Data;

public class MatrixMarketRobustnessTests
{
    private const string Valid =
        "%%MatrixMarket matrix coordinate real symmetric\n% c\n4 4 5\n1 1 1.5\n2 1 -2e-3\n3 3 7\n4 2 0.25\n4 4 -1\n";

    [Fact]
    public void EveryTruncationIsADataFormatExceptionOrAValidPrefix()
    {
        // Cutting the file anywhere must never crash, hang or return a matrix with missing entries.
        for (int cut = 0; cut < Valid.Length; cut++)
        {
            string text = Valid[..cut];
            try
            {
                var a = MatrixMarketReaderTests.Parse(text).Sparse!;
                Assert.Equal(Valid.Length - 1, cut);
                Assert.Equal(7, a.NonZeroCount);          // only the cut that drops the final newline can parse
            }
            catch (DataFormatException e)
            {
                Assert.Equal("t.mtx", e.FilePath);
            }
        }
    }

    [Fact]
    public void RandomByteCorruptionOnlyEverGivesDataFormatExceptions()
    {
        var rng = new Random(11);
        byte[] bytes = Encoding.ASCII.GetBytes(Valid);
        byte[] alphabet = Encoding.ASCII.GetBytes("0123456789 -+.eE\n%xNa\t\r");
        for (int trial = 0; trial < 3000; trial++)
        {
            var b = (byte[])bytes.Clone();
            for (int k = rng.Next(1, 4); k > 0; k--) b[rng.Next(b.Length)] = alphabet[rng.Next(alphabet.Length)];
            try
            {
                var r = MatrixMarketReader.Read(new MemoryStream(b), "t.mtx");
                Assert.True(r.Sparse!.AllFinite());
            }
            catch (DataFormatException) { }
        }
    }

    [Fact]
    public void GzipFileIsReadTransparently()
    {
        string path = Path.Combine(Path.GetTempPath(), $"optsuite-mm-{Guid.NewGuid():N}.mtx.gz");
        try
        {
            using (var f = File.Create(path))
            using (var gz = new GZipStream(f, CompressionLevel.Fastest))
                gz.Write(Encoding.ASCII.GetBytes(Valid));
            var a = MatrixMarketReader.ReadSparse(path);
            Assert.Equal((4, 4, 7), (a.Rows, a.Columns, a.NonZeroCount));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void RealTableSurvivesCsvAndMatrixMarketRoundTrips()
    {
        var t = CsvReader.Read(DatasetCatalog.Resolve("regression/linnerud/linnerud_physiological.csv"));
        var ms = new MemoryStream();
        MatrixMarketWriter.Write(ms, t.Features);
        ms.Position = 0;
        var back = MatrixMarketReader.Read(ms).Dense!;
        Assert.Equal(t.Features.ToLayout(MatrixLayout.ColumnMajor).Values.ToArray(), back.Values.ToArray());
        var sw = new StringWriter();
        CsvWriter.Write(sw, t);
        var again = CsvReader.Read(new StringReader(sw.ToString()));
        Assert.Equal(t.FeatureNames, again.FeatureNames);
        Assert.Equal(t.Features.Values.ToArray(), again.Features.Values.ToArray());
    }
}
