using System.Text;
using OptSuite.Data;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Data;

/// <summary>
/// What the text readers do with input that is valid but unusual (a byte order mark, a matrix far wider than its data)
/// or hostile (an index too large for any integer, control characters, endless binary data): read it, or say exactly
/// what is wrong in one safe line, without allocating out of proportion to the input.
/// </summary>
public class TextReaderHygieneTests
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    [Fact]
    public void AUtf8ByteOrderMarkIsAcceptedByEveryTextReader()
    {
        byte[] mtx = [.. Bom, .. "%%MatrixMarket matrix coordinate real general\n2 3 2\n1 1 1.5\n2 3 -2\n"u8];
        var a = MatrixMarketReader.Read(new MemoryStream(mtx), "bom.mtx").Sparse!;
        Assert.Equal((2, 3, 2), (a.Rows, a.Columns, a.NonZeroCount));

        var csv = CsvReader.Read(new StringReader("\uFEFF1,2\n3,4\n"), "bom.csv");
        Assert.Equal(2, csv.Features.Rows);

        byte[] svm = [.. Bom, .. "1 1:2\n-1 2:3\n"u8];
        Assert.Equal(2, SvmlightReader.Read(svm, "bom.svm").Rows);
    }

    [Fact]
    public void AWideMatrixMarketFileIsReadInMemoryProportionalToItsEntries()
    {
        // 1000 × 2^24 with 10^4 entries: valid, and before refused ("limited to 4444336 rows and columns").
        const int rows = 1000, cols = 1 << 24, n = 10_000;
        var rng = new Random(3);
        var ri = new int[n + 1];
        var ci = new int[n + 1];
        var v = new double[n + 1];
        for (int k = 0; k < n; k++) (ri[k], ci[k], v[k]) = (rng.Next(rows), rng.Next(cols), rng.Next(1, 100) / 8.0);
        (ri[n], ci[n], v[n]) = (ri[0], ci[0], 0.1);   // a duplicate, summed after the first in file order
        var text = new StringBuilder($"%%MatrixMarket matrix coordinate real general\n{rows} {cols} {n + 1}\n");
        for (int k = 0; k <= n; k++)
            text.Append(ri[k] + 1).Append(' ').Append(ci[k] + 1).Append(' ').Append(v[k].ToString("R", System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        byte[] bytes = Encoding.ASCII.GetBytes(text.ToString());
        long before = GC.GetAllocatedBytesForCurrentThread();
        var a = MatrixMarketReader.Read(new MemoryStream(bytes), "wide.mtx").Sparse!;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.InRange(allocated, 0, 16L << 20);   // column pointers alone would take 2 × 64 MB
        var expected = OptSuite.LinearAlgebra.CsrMatrix.FromTriplets(rows, cols, ri, ci, v);
        Assert.Equal((rows, cols), (a.Rows, a.Columns));
        Assert.Equal(expected.RowPointers.ToArray(), a.RowPointers.ToArray());
        Assert.Equal(expected.ColumnIndices.ToArray(), a.ColumnIndices.ToArray());
        Assert.Equal(expected.Values.ToArray(), a.Values.ToArray());
    }

    [Fact]
    public void AnIndexTooLargeForAnyIntegerIsReportedWholeAndOutOfRange()
    {
        var e = Assert.Throws<DataFormatException>(() => SvmlightReader.Read("1 9223372036854775808:1 1:1\n"u8.ToArray(), "big.svm"));
        Assert.Equal((1L, 3L), (e.Line, e.Column));
        Assert.Contains("feature index too large", e.Problem);
        Assert.Equal("9223372036854775808:1", e.OffendingText);
        Assert.DoesNotContain("follows", e.Message);
        // Ten digits fit the parser's integer but not a column: out of range too, not "1 follows 4000000000".
        e = Assert.Throws<DataFormatException>(() => SvmlightReader.Read("1 4000000000:1 1:1\n"u8.ToArray(), "big.svm"));
        Assert.Contains("feature index too large", e.Problem);
        Assert.Equal("4000000000:1", e.OffendingText);
    }

    [Fact]
    public void ControlCharactersFromAFileAreEscapedInMessages()
    {
        var e = Assert.Throws<DataFormatException>(() => SvmlightReader.Read("1 2:3\n\u001b[31mX\u0007\r 1:1\n"u8.ToArray(), "ctl.svm"));
        Assert.Contains("\\x1B[31mX\\x07", e.Message);
        Assert.DoesNotContain('\u001b', e.Message);
        Assert.DoesNotContain('\u0007', e.Message);
        var csv = Assert.Throws<DataFormatException>(() => CsvReader.Read(new StringReader("1,2\n3,\u001b]0;pwned\u0007\n"), "ctl.csv"));
        Assert.DoesNotContain('\u001b', csv.Message);
        Assert.Equal("a\\nb\\tc\\x00\\u202E\\u2028", TerminalText.Escape("a\nb\tc\0\u202E\u2028"));
    }

    [Fact]
    public void EndlessBinaryDataStopsAtTheFirstChunk()
    {
        var zeros = new EndlessStream();
        var e = Assert.Throws<DataFormatException>(() => SvmlightReader.Read(zeros, "/dev/zero"));
        Assert.Contains("binary data, not svmlight text", e.Problem);
        Assert.InRange(zeros.Served, 1, 4L << 20);   // before: 2 GB and more
    }

    [Fact]
    public void AnEndlessLineStopsAtTheLineLimit()
    {
        var text = new EndlessStream((byte)'1');
        var e = Assert.Throws<DataFormatException>(() => SvmlightReader.Read(text, "endless", new SvmlightReaderOptions { MaxLineBytes = 8 << 20 }));
        Assert.Equal("a line longer than 8192 kB", e.Problem);
        Assert.InRange(text.Served, 8 << 20, 9 << 20);   // before: read on to 2 GB, holding up to 3 GB of buffers
    }
}
