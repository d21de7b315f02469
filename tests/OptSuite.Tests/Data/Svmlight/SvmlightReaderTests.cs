using System.Text;
using OptSuite.Data;
using static OptSuite.Tests.Data.Svmlight.SvmlightTestText;

namespace OptSuite.Tests.Data.Svmlight;

public class SvmlightReaderTests
{
    [Fact]
    public void ReadsLabelsIndicesAndValues()
    {
        var d = Read("+1 1:0.5 3:-2e-3\n-1 2:7\n1 \n");
        Assert.Equal((3, 3, 3), (d.Rows, d.Columns, d.NonZeroCount));
        Assert.Equal([1.0, -1.0, 1.0], d.Labels);
        Assert.Equal([0, 2, 3, 3], d.Features.RowPointers.ToArray());
        Assert.Equal([0, 2, 1], d.Features.ColumnIndices.ToArray());
        Assert.Equal([0.5, -2e-3, 7.0], d.Features.Values.ToArray());
        Assert.False(d.ZeroBasedIndices);
        Assert.Null(d.QueryIds);
    }

    [Theory]
    [InlineData("0 1:1\n1 1:1\n", new[] { 0.0, 1.0 })]
    [InlineData("3 1:1\n7 1:1\n12 1:1\n", new[] { 3.0, 7.0, 12.0 })]
    [InlineData("-9.96578428466209 1:1\n2.5e3 1:1\n.5 1:1\n", new[] { -9.96578428466209, 2500.0, 0.5 })]
    [InlineData("1.0 1:1\n-1.0 1:1\n", new[] { 1.0, -1.0 })]
    public void LabelsMayBeAnyFiniteNumber(string text, double[] labels) => Assert.Equal(labels, Read(text).Labels);

    [Fact]
    public void CommentsBlankLinesTrailingSpacesTabsAndCrlfAreAccepted()
    {
        var d = Read("# header comment\r\n\r\n  1 1:1\t3:2   # trailing comment\r\n\n-1\t2:5 \r\n   \n#\n1 3:1#no space before the hash\n");
        Assert.Equal(3, d.Rows);
        Assert.Equal([1.0, -1.0, 1.0], d.Labels);
        Assert.Equal([0, 2, 1, 2], d.Features.ColumnIndices.ToArray());
        Assert.Equal([1.0, 2.0, 5.0, 1.0], d.Features.Values.ToArray());
    }

    [Fact]
    public void AUtf8ByteOrderMarkIsSkipped()
    {
        var d = Read("\uFEFF1 1:1\n-1 2:2\n");
        Assert.Equal([1.0, -1.0], d.Labels);
        Assert.Equal((2L, 1L), (Fails("\uFEFF1 1:1\nx 2:2\n").Line, Fails("\uFEFF1 1:1\nx 2:2\n").Column));
    }

    [Fact]
    public void MissingFinalNewlineIsFine() => Assert.Equal(2, Read("1 1:1\n-1 2:2").Rows);

    [Fact]
    public void QidIsKept()
    {
        var d = Read("3 qid:1 1:1 2:1\n2 qid:1 1:0.5\n1 qid:27 2:3\n");
        Assert.Equal([1L, 1L, 27L], d.QueryIds!);
        Assert.Equal(4, d.NonZeroCount);
    }

    [Fact]
    public void AutoIndexBaseFollowsScikitLearn()
    {
        var oneBased = Read("1 1:1 4:2\n");
        Assert.False(oneBased.ZeroBasedIndices);
        Assert.Equal(4, oneBased.Columns);
        Assert.Equal([0, 3], oneBased.Features.ColumnIndices.ToArray());

        var zeroBased = Read("1 1:1 4:2\n-1 0:3\n");
        Assert.True(zeroBased.ZeroBasedIndices);
        Assert.Equal(5, zeroBased.Columns);
        Assert.Equal([1, 4, 0], zeroBased.Features.ColumnIndices.ToArray());
    }

    [Fact]
    public void ExplicitIndexBaseIsObeyed()
    {
        var z = Read("1 1:1 4:2\n", new SvmlightReaderOptions { IndexBase = SvmlightIndexBase.ZeroBased });
        Assert.True(z.ZeroBasedIndices);
        Assert.Equal(5, z.Columns);
        Assert.Equal([1, 4], z.Features.ColumnIndices.ToArray());
        var o = Read("1 1:1 4:2\n", new SvmlightReaderOptions { IndexBase = SvmlightIndexBase.OneBased });
        Assert.Equal([0, 3], o.Features.ColumnIndices.ToArray());
    }

    [Fact]
    public void FeatureCountWidensTheMatrix()
    {
        var d = Read("1 1:1 2:1\n", new SvmlightReaderOptions { FeatureCount = 123 });
        Assert.Equal(123, d.Columns);
        var exact = Read("1 1:1 123:1\n", new SvmlightReaderOptions { FeatureCount = 123 });
        Assert.Equal(122, exact.Features.ColumnIndices[1]);
        var zero = Read("1 0:1 122:1\n", new SvmlightReaderOptions { FeatureCount = 123 });
        Assert.True(zero.ZeroBasedIndices);
        Assert.Equal(122, zero.Features.ColumnIndices[1]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    [InlineData("# only a comment\n   \n")]
    public void EmptyInputIsAnEmptyDataset(string text)
    {
        var d = Read(text);
        Assert.Equal((0, 0, 0), (d.Rows, d.Columns, d.NonZeroCount));
        Assert.Empty(d.Labels);
        Assert.Equal(7, Read(text, new SvmlightReaderOptions { FeatureCount = 7 }).Columns);
    }

    [Fact]
    public void RowsWithOnlyALabelAreEmptyRows()
    {
        var d = Read("1\n-1\n1 2:1\n");
        Assert.Equal([0, 0, 0, 1], d.Features.RowPointers.ToArray());
    }

    [Fact]
    public void ExplicitZerosAreKept()
    {
        var d = Read("1 1:0 2:-0 3:0.0\n");
        Assert.Equal(3, d.NonZeroCount);
        Assert.True(double.IsNegative(d.Features.Values[1]));
    }

    [Fact]
    public void MultiLabelSetsAreReadSeparately()
    {
        var d = ReadMultiLabel("1,3,7 1:1 2:1\n2 3:1\n 4:1\n0,1 1:1\n", new SvmlightReaderOptions { FeatureCount = 5 });
        Assert.Equal(4, d.Rows);
        Assert.Equal([1.0, 3.0, 7.0], d.LabelsOf(0).ToArray());
        Assert.Equal([2.0], d.LabelsOf(1).ToArray());
        Assert.True(d.LabelsOf(2).IsEmpty);
        Assert.Equal([0.0, 1.0], d.LabelsOf(3).ToArray());
        Assert.Equal(5, d.Features.Columns);
        var q = ReadMultiLabel("1,2 qid:2 1:1\nqid:3 2:1\n");
        Assert.Equal([2L, 3L], q.QueryIds!);
        Assert.True(q.LabelsOf(1).IsEmpty);
        var e = Fails("1,3 1:1\n");
        Assert.True(SvmlightReader.IsMultiLabelError(e));
        Assert.Equal((1L, 1L), (e.Line, e.Column));
    }

    [Fact]
    public void ManyChunksGiveTheSameResultAsOne()
    {
        var rng = new Random(3);
        var sb = new StringBuilder();
        for (int i = 0; i < 3000; i++)
        {
            sb.Append(rng.Next(3) - 1);
            if (i % 17 == 0) sb.Append("   # comment\n\n").Append(rng.Next(2));
            int j = 0;
            for (int k = rng.Next(0, 12); k > 0; k--)
            {
                j += rng.Next(1, 50);
                sb.Append(' ').Append(j).Append(':').Append((rng.NextDouble() - 0.5).ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            }
            sb.Append(i % 5 == 0 ? "\r\n" : "\n");
        }
        var text = sb.ToString();
        var d = Read(text);
        var big = SvmlightReader.Read(Encoding.ASCII.GetBytes(text), "t.svm", new SvmlightReaderOptions { ChunkBytes = 4096, MaxDegreeOfParallelism = 2 });
        AssertSame(d, big);
        Assert.Equal(3000 + 3000 / 17 + 1, d.Rows);
    }

    [Fact]
    public void StreamReadsLeaveTheCallersStreamOpen()
    {
        var ms = new MemoryStream(Encoding.ASCII.GetBytes("1 1:1\n"));
        SvmlightReader.Read(ms, "t.svm");
        Assert.True(ms.CanRead);
    }

    [Fact]
    public void MissingFileIsFileNotFound() =>
        Assert.Throws<FileNotFoundException>(() => SvmlightReader.Read(Path.Combine(Path.GetTempPath(), "no-such-file.svm")));

    [Fact]
    public void OptionsRejectNegativeCounts()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SvmlightReaderOptions { FeatureCount = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SvmlightReaderOptions { MaxDegreeOfParallelism = -1 });
    }
}
