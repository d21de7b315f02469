using System.Globalization;
using System.Text;
using OptSuite.Data;
using OptSuite.Data.Shards;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Data.Shards;

/// <summary>
/// svmlight to shards: the dataset holds exactly what <see cref="SvmlightReader.Read(string, SvmlightReaderOptions?)"/>
/// returns — plain or compressed, one- or zero-based (the auto rule, including a first index 0 long after shards were
/// written), sparse or dense, in many tiny shards — and malformed input leaves nothing behind.
/// </summary>
public sealed class ShardConverterSvmlightTests
{
    private static readonly string Heart = DatasetLocator.Find("binary/heart_scale");

    private static ShardConversion Convert(string input, string dir, long shardBytes = 2048, ShardStorage? storage = null,
        SvmlightReaderOptions? svmlight = null) =>
        ShardConverter.Convert(input, dir, new ShardConverterOptions
        {
            ShardBytes = shardBytes,
            Storage = storage,
            Svmlight = svmlight ?? SvmlightReaderOptions.Default,
        });

    [CompressorTheory]
    [InlineData("plain")]
    [InlineData("gz")]
    [InlineData("xz")]
    [InlineData("bz2")]
    public void PlainAndCompressedFilesGiveTheReadersMatrixInManyShards(string compression)
    {
        using var scratch = new ScratchDirectory("convert");
        byte[] text = File.ReadAllBytes(Heart);
        string input = scratch["heart" + (compression == "plain" ? "" : "." + compression)];
        File.WriteAllBytes(input, compression == "plain" ? text : NativeCompressors.Compress(compression, text));
        var expected = SvmlightReader.Read(Heart);

        var result = Convert(input, scratch["shards"]);

        var m = ShardDatasets.AssertHolds(scratch["shards"], expected.Features, expected.Labels);
        Assert.True(m.Shards.Count > 10, $"{m.Shards.Count} shards");
        Assert.Equal(1, result.Passes);
        Assert.Equal(text.Length, result.TextBytes);
        Assert.Equal(new FileInfo(input).Length, result.InputBytes);
        Assert.Equal(new ShardSource(input, "svmlight", 1, new FileInfo(input).Length), m.Source);
        Assert.Equal(LabelSummary.Of(expected.Labels).ClassCounts, m.Labels.ClassCounts);
    }

    [SharedDatasetFact]
    public void A9aXzGivesTheReadersMatrix()
    {
        using var scratch = new ScratchDirectory("convert");
        string input = DatasetLocator.Find("binary/a9a.xz");
        var expected = SvmlightReader.Read(input);
        var result = Convert(input, scratch["a9a"], shardBytes: 256 << 10);
        var m = ShardDatasets.AssertHolds(scratch["a9a"], expected.Features, expected.Labels);
        Assert.True(m.Shards.Count >= 20, $"{m.Shards.Count} shards");
        Assert.Equal(0, m.Shards.Count(s => s.Bytes > 256 << 10));
        Assert.Empty(result.Notes);
    }

    /// <summary>
    /// A zero-based file whose first index 0 comes after many shards were written one-based: the converter must shift
    /// what it wrote (ShardWriter.ShiftColumns), and ends with the reader's zero-based matrix; the same file with the
    /// 0 removed is one-based, as the reader says.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TheAutoIndexBaseIsTheReadersEvenWhenTheFirstZeroComesLate(bool withZero)
    {
        using var scratch = new ScratchDirectory("convert");
        var rng = new Random(5);
        var text = new StringBuilder();
        for (int i = 0; i < 600; i++)
        {
            text.Append(i % 3 == 0 ? "-1" : "1");
            for (int j = 1; j <= 40; j++)
                if (rng.NextDouble() < 0.3 || (withZero && i == 450 && j == 1))
                    text.Append(CultureInfo.InvariantCulture, $" {(withZero && i == 450 && j == 1 ? 0 : j)}:{rng.NextDouble() - 0.5:R}");
            text.Append('\n');
        }
        string input = scratch["late-zero.svm"];
        File.WriteAllText(input, text.ToString());
        var expected = SvmlightReader.Read(input, new SvmlightReaderOptions { ChunkBytes = 4096 });
        Assert.Equal(withZero, expected.ZeroBasedIndices);

        var result = ShardConverter.Convert(input, scratch["shards"], new ShardConverterOptions
        {
            ShardBytes = 2048,
            Svmlight = new SvmlightReaderOptions { ChunkBytes = 4096, MaxDegreeOfParallelism = 2 },
        });

        var m = ShardDatasets.AssertHolds(scratch["shards"], expected.Features, expected.Labels);
        Assert.Equal(withZero ? 0 : 1, m.Source!.IndexBase);
        Assert.True(m.Shards.Count(s => s.FirstRow < 450) > 10, "shards were written before the first index 0");
        Assert.Equal(expected.Columns, result.Manifest.Columns);
    }

    [Fact]
    public void ExplicitIndexBaseAndFeatureCountAreTheReaders()
    {
        using var scratch = new ScratchDirectory("convert");
        var options = new SvmlightReaderOptions { IndexBase = SvmlightIndexBase.ZeroBased, FeatureCount = 20 };
        var expected = SvmlightReader.Read(Heart, options);
        Convert(Heart, scratch["shards"], svmlight: options);
        var m = ShardDatasets.AssertHolds(scratch["shards"], expected.Features, expected.Labels);
        Assert.Equal(20, m.Columns);
        Assert.Equal(0, m.Source!.IndexBase);
    }

    [Fact]
    public void DenseStorageReadsTheFileTwiceAndHoldsTheSameRows()
    {
        using var scratch = new ScratchDirectory("convert");
        var expected = SvmlightReader.Read(Heart);
        var result = Convert(Heart, scratch["dense"], storage: ShardStorage.Dense);
        Assert.Equal(2, result.Passes);
        var m = ShardDatasets.AssertHolds(scratch["dense"], expected.Features, expected.Labels);
        Assert.Equal((long)expected.Rows * expected.Columns, m.NonZeros);
    }

    [Fact]
    public void AParseErrorMidFileNamesFileLineAndColumnAndLeavesNothing()
    {
        using var scratch = new ScratchDirectory("convert");
        var lines = File.ReadAllLines(Heart).ToList();
        lines[200] = lines[200].Replace("3:", "3:x", StringComparison.Ordinal);
        string input = scratch["bad.svm"];
        File.WriteAllLines(input, lines);
        int column = lines[200].IndexOf("3:x", StringComparison.Ordinal) + 1;

        var e = Assert.Throws<DataFormatException>(() => Convert(input, scratch["new"], shardBytes: 1024));
        Assert.Equal((input, 201L, (long)column), (e.FilePath, e.Line, e.Column));
        Assert.False(Directory.Exists(scratch["new"]), "a directory the conversion created is removed");

        Directory.CreateDirectory(scratch["empty"]);
        Assert.Throws<DataFormatException>(() => Convert(input, scratch["empty"], shardBytes: 1024));
        Assert.Empty(Directory.EnumerateFileSystemEntries(scratch["empty"]));
    }

    [Fact]
    public void MultiLabelLinesAreTheReadersErrorAndQidIsDroppedWithANote()
    {
        using var scratch = new ScratchDirectory("convert");
        File.WriteAllText(scratch["multi.svm"], "1 1:1\n1,2 2:1\n");
        var e = Assert.Throws<DataFormatException>(() => Convert(scratch["multi.svm"], scratch["m"]));
        Assert.True(SvmlightReader.IsMultiLabelError(e));
        Assert.Equal(2, e.Line);
        Assert.False(Directory.Exists(scratch["m"]));

        File.WriteAllText(scratch["qid.svm"], "1 qid:3 1:1\n-1 qid:3 2:1\n");
        var r = Convert(scratch["qid.svm"], scratch["q"]);
        Assert.Contains(r.Notes, n => n.Contains("qid", StringComparison.Ordinal));
        var expected = SvmlightReader.Read(scratch["qid.svm"]);
        ShardDatasets.AssertHolds(scratch["q"], expected.Features, expected.Labels);
    }

    [Fact]
    public void AUsedOutputDirectoryIsRefusedAndLeftAlone()
    {
        using var scratch = new ScratchDirectory("convert");
        Directory.CreateDirectory(scratch["used"]);
        File.WriteAllText(scratch["used/keep.txt"], "mine");
        Assert.Throws<IOException>(() => Convert(Heart, scratch["used"]));
        Assert.Equal(["keep.txt"], Directory.EnumerateFileSystemEntries(scratch["used"]).Select(Path.GetFileName));
        Assert.Equal("mine", File.ReadAllText(scratch["used/keep.txt"]));
    }

    [Fact]
    public void ProgressIsReportedWithRowsAndBytes()
    {
        using var scratch = new ScratchDirectory("convert");
        var reports = new List<ShardConversionProgress>();
        ShardConverter.Convert(Heart, scratch["p"], new ShardConverterOptions { ShardBytes = 2048 }, reports.Add);
        Assert.NotEmpty(reports);
        var last = reports[^1];
        Assert.Equal(270, last.Rows);
        Assert.Equal(new FileInfo(Heart).Length, last.TextBytes);
        Assert.Equal(1.0, last.Fraction);
    }
}
