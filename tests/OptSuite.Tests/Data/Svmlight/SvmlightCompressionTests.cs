using System.Globalization;
using System.Text;
using OptSuite.Data;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Data.Svmlight;

public class SvmlightCompressionTests
{
    private static readonly byte[] Text = MakeText(1200);

    private static byte[] MakeText(int rows)
    {
        var sb = new StringBuilder();
        var rng = new Random(5);
        for (int i = 0; i < rows; i++)
        {
            sb.Append(rng.Next(2) == 0 ? "-1" : "+1");
            for (int j = 1; j <= 40; j += rng.Next(1, 6))
                sb.Append(' ').Append(j).Append(':').Append(rng.NextDouble().ToString("R", CultureInfo.InvariantCulture));
            sb.Append('\n');
        }
        return Encoding.ASCII.GetBytes(sb.ToString());
    }

    public static TheoryData<string, bool> Formats() => new()
    {
        { "gz", false }, { "gz", true }, { "bz2", false }, { "bz2", true }, { "xz", false }, { "xz", true },
    };

    private static SvmlightReaderOptions Options(bool managed, int chunk = 1 << 21) =>
        new() { ManagedDecompression = managed, ChunkBytes = chunk };

    [CompressorTheory]
    [MemberData(nameof(Formats))]
    public void CompressedInputReadsExactlyAsPlain(string format, bool managed)
    {
        var plain = SvmlightReader.Read(Text, "t.svm");
        var packed = NativeCompressors.Compress(format, Text);
        foreach (var chunk in new[] { 1 << 21, 4096 })
        {
            SvmlightTestText.AssertSame(plain, SvmlightReader.Read(packed, "t.svm", Options(managed, chunk)));
            SvmlightTestText.AssertSame(plain, SvmlightReader.Read(new MemoryStream(packed), "t.svm", Options(managed, chunk)));
        }
        string path = Path.Combine(Path.GetTempPath(), $"optsuite-svm-{Guid.NewGuid():N}.{format}");
        try
        {
            File.WriteAllBytes(path, packed);
            SvmlightTestText.AssertSame(plain, SvmlightReader.Read(path, Options(managed)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [CompressorTheory]
    [MemberData(nameof(Formats))]
    public void ConcatenatedStreamsAreReadInTurn(string format, bool managed)
    {
        var half = Text.AsSpan(0, Text.AsSpan(0, Text.Length / 2).LastIndexOf((byte)'\n') + 1).ToArray();
        var rest = Text.AsSpan(half.Length).ToArray();
        var both = NativeCompressors.Compress(format, half).Concat(NativeCompressors.Compress(format, rest)).ToArray();
        SvmlightTestText.AssertSame(SvmlightReader.Read(Text, "t.svm"), SvmlightReader.Read(both, "t.svm", Options(managed)));
    }

    [CompressorTheory]
    [MemberData(nameof(Formats))]
    public void EmptyCompressedInputIsAnEmptyDataset(string format, bool managed)
    {
        var d = SvmlightReader.Read(NativeCompressors.Compress(format, []), "t.svm", Options(managed));
        Assert.Equal(0, d.Rows);
    }

    [CompressorTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void MultiBlockXzIsDecodedInParallelAndChecked(bool managed)
    {
        var packed = NativeCompressors.XzBlocks(Text, 16 << 10);
        var plain = SvmlightReader.Read(Text, "t.svm");
        SvmlightTestText.AssertSame(plain, SvmlightReader.Read(packed, "t.svm", Options(managed)));
        SvmlightTestText.AssertSame(plain, SvmlightReader.Read(packed, "t.svm", Options(managed, 4096)));
        for (int k = 1; k <= 8; k++)
            Assert.Throws<DataFormatException>(() => SvmlightReader.Read(packed.AsMemory(0, packed.Length * k / 9), "t", Options(managed, 4096)));
        var bad = (byte[])packed.Clone();
        bad[packed.Length / 2] ^= 0x55;
        Assert.Throws<DataFormatException>(() => SvmlightReader.Read(bad, "t", Options(managed, 4096)));
    }

    [CompressorTheory]
    [InlineData("gz")]
    [InlineData("bz2")]
    [InlineData("xz")]
    public void TruncatedStreamsAreDataFormatExceptions(string format)
    {
        var packed = NativeCompressors.Compress(format, Text);
        foreach (bool managed in new[] { false, true })
        {
            for (int k = 1; k <= 24; k++)
            {
                int cut = (int)((long)packed.Length * k / 25);
                var e = Assert.Throws<DataFormatException>(() => SvmlightReader.Read(packed.AsMemory(0, cut), "t.svm.x", Options(managed, 4096)));
                Assert.Equal("t.svm.x", e.FilePath);
            }
            foreach (int cut in new[] { packed.Length - 1, packed.Length - 4, packed.Length - 8, packed.Length - 9 })
                Assert.Throws<DataFormatException>(() => SvmlightReader.Read(packed.AsMemory(0, cut), "t", Options(managed)));
        }
    }

    [CompressorTheory]
    [MemberData(nameof(Formats))]
    public void CorruptStreamsAreDataFormatExceptions(string format, bool managed)
    {
        var packed = NativeCompressors.Compress(format, Text);
        var rng = new Random(9);
        for (int trial = 0; trial < 20; trial++)
        {
            var bad = (byte[])packed.Clone();
            int at = rng.Next(12, bad.Length - 12);
            bad[at] ^= (byte)rng.Next(1, 256);
            var task = Task.Run(() => SvmlightReader.Read(bad, "t", Options(managed, 4096)));
            Assert.True(Task.WaitAny([task], TimeSpan.FromSeconds(30)) == 0, "a corrupt stream must not hang the reader");
            if (!task.IsFaulted) continue;   // a flip in e.g. a gzip header's unused field can be harmless
            var e = Assert.IsType<DataFormatException>(task.Exception!.InnerException);
            if (!managed) Assert.Equal(0, e.Line);   // the decoder's own error, not the garbage it produced
        }
    }

    [Fact]
    public void BinaryGarbageFileIsADataFormatException()
    {
        var rng = new Random(1);
        var bytes = new byte[100_000];
        rng.NextBytes(bytes);
        bytes[0] = 0xC3;
        string path = Path.Combine(Path.GetTempPath(), $"optsuite-garbage-{Guid.NewGuid():N}.svm");
        try
        {
            File.WriteAllBytes(path, bytes);
            var e = Assert.Throws<DataFormatException>(() => SvmlightReader.Read(path));
            Assert.Equal((path, 1L, 1L), (e.FilePath, e.Line, e.Column));
            Assert.Contains("label", e.Problem);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ZeroByteFileIsAnEmptyDataset()
    {
        string path = Path.Combine(Path.GetTempPath(), $"optsuite-empty-{Guid.NewGuid():N}.svm");
        try
        {
            File.WriteAllBytes(path, []);
            Assert.Equal(0, SvmlightReader.Read(path).Rows);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void NativeDecodersLoadOnThisMachine()
    {
        // Speed depends on them; report which are missing rather than failing (the managed decoders still work).
        foreach (var c in new[] { CompressedStreams.Compression.Xz, CompressedStreams.Compression.Bzip2, CompressedStreams.Compression.Gzip })
            Assert.Contains(CompressedStreams.DecoderKind(c), new[] { "native", "managed" });
        if (NativeCompressors.Unavailable("xz") is null) Assert.Equal("native", CompressedStreams.DecoderKind(CompressedStreams.Compression.Xz));
    }
}
