using System.Text;
using OptSuite.Data;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Data;

/// <summary>
/// The native and the managed decoders (OPTSUITE_NATIVE_DECOMPRESSION=0) agree on what a compressed file is: every
/// truncation (header only, cut in half, missing trailer), every damaged checksum or length and trailing garbage is a
/// <see cref="DataFormatException"/> naming the file; concatenated streams and xz's zero padding are legal. Before, the
/// managed gzip path (GZipStream) loaded 322 of 690 rows of a .gz cut in half with exit code 0.
/// </summary>
public class CompressedStreamIntegrityTests
{
    private static readonly byte[] Text = MakeText();

    private static byte[] MakeText()
    {
        var sb = new StringBuilder();
        var rng = new Random(11);
        for (int i = 0; i < 3000; i++)
        {
            sb.Append(i % 2 == 0 ? "+1" : "-1");
            for (int j = 1; j <= 30; j += rng.Next(1, 5)) sb.Append(' ').Append(j).Append(':').Append(rng.Next(1000) / 1000.0);
            sb.Append('\n');
        }
        return Encoding.ASCII.GetBytes(sb.ToString());
    }

    public static TheoryData<string, bool> Formats() => new()
    {
        { "gz", false }, { "gz", true }, { "bz2", false }, { "bz2", true }, { "xz", false }, { "xz", true },
    };

    private static SvmlightDataset Read(byte[] data, bool managed) =>
        SvmlightReader.Read(data, "t.svm.z", new SvmlightReaderOptions { ManagedDecompression = managed });

    private static void Rejected(byte[] data, bool managed, string why)
    {
        var e = Record.Exception(() => Read(data, managed));
        Assert.True(e is DataFormatException, $"{why}: {(e is null ? "accepted" : e.GetType().Name + ": " + e.Message)}");
        Assert.Equal("t.svm.z", ((DataFormatException)e!).FilePath);
    }

    [CompressorTheory]
    [MemberData(nameof(Formats))]
    public void TruncationAnywhereIsAnError(string format, bool managed)
    {
        var packed = NativeCompressors.Compress(format, Text);
        Assert.Equal(3000, Read(packed, managed).Rows);
        int header = format switch { "gz" => 10, "bz2" => 4, _ => 12 };
        Rejected(packed[..header], managed, "header only");
        Rejected(packed[..(packed.Length / 2)], managed, "cut in half");
        for (int cut = packed.Length - 12; cut < packed.Length; cut++) Rejected(packed[..cut], managed, $"cut at {cut} of {packed.Length}");
    }

    [CompressorTheory]
    [MemberData(nameof(Formats))]
    public void ADamagedChecksumOrLengthIsAnError(string format, bool managed)
    {
        // The last bytes hold gzip's CRC-32 and ISIZE, bzip2's stream CRC, xz's index and footer (all checked).
        var packed = NativeCompressors.Compress(format, Text);
        for (int at = packed.Length - 8; at < packed.Length; at++)
        {
            var bad = (byte[])packed.Clone();
            bad[at] ^= 0xFF;
            Rejected(bad, managed, $"byte {at} of {packed.Length} flipped");
        }
    }

    [CompressorTheory]
    [MemberData(nameof(Formats))]
    public void TrailingGarbageIsAnErrorButAnotherStreamIsNot(string format, bool managed)
    {
        var packed = NativeCompressors.Compress(format, Text);
        Rejected([.. packed, .. "garbage\n"u8], managed, "text after the stream");
        Rejected([.. packed, 0x1f], managed, "one stray byte");
        Rejected([.. packed, .. packed[..(packed.Length / 3)]], managed, "a truncated second stream");
        Assert.Equal(6000, Read([.. packed, .. packed], managed).Rows);
        if (format == "xz")
        {
            Assert.Equal(3000, Read([.. packed, 0, 0, 0, 0], managed).Rows);   // stream padding, a multiple of 4 bytes
            Rejected([.. packed, 0, 0, 0], managed, "padding that is not a multiple of 4");
        }
        else Rejected([.. packed, 0, 0, 0, 0], managed, "zero bytes after the stream");
    }

    [Fact]
    public void TheManagedGzipDecoderReadsWhatGzipWritesWithHeaderFieldsAndStoredBlocks()
    {
        // A header with FEXTRA, FNAME, FCOMMENT and FHCRC (as gzip -N and other tools write), around stored deflate blocks.
        byte[] payload = Encoding.ASCII.GetBytes("1 1:0.5 2:1\n-1 3:2\n");
        var ms = new MemoryStream();
        using (var d = new System.IO.Compression.DeflateStream(ms, System.IO.Compression.CompressionLevel.NoCompression, leaveOpen: true)) d.Write(payload);
        byte[] deflate = ms.ToArray();
        var header = new List<byte> { 0x1f, 0x8b, 8, 2 | 4 | 8 | 16, 0, 0, 0, 0, 0, 3, 3, 0, (byte)'a', (byte)'b', (byte)'c' };
        header.AddRange("t.svm\0comment\0"u8.ToArray());
        uint hcrc = Crc(header.ToArray());
        header.Add((byte)hcrc);
        header.Add((byte)(hcrc >> 8));
        uint crc = Crc(payload);
        byte[] file = [.. header, .. deflate, (byte)crc, (byte)(crc >> 8), (byte)(crc >> 16), (byte)(crc >> 24), (byte)payload.Length, 0, 0, 0];
        Assert.Equal(2, Read(file, managed: true).Rows);
        Assert.Equal(2, Read(file, managed: false).Rows);
        file[header.Count - 1] ^= 1;
        Rejected(file, managed: true, "header CRC");
        Rejected(file, managed: false, "header CRC");
    }

    private static uint Crc(byte[] data)
    {
        uint c = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            c ^= b;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }
        return ~c;
    }

    [Fact]
    public void TheManagedGzipDecoderAgreesWithGZipStreamOnRealData()
    {
        // Larger, repetitive and random content: long matches, far distances, dynamic blocks of every kind.
        var rng = new Random(4);
        var data = new byte[3_000_000];
        for (int i = 0; i < data.Length;)
        {
            if (i > 40_000 && rng.Next(3) == 0)
            {
                int len = rng.Next(3, 300), from = i - rng.Next(1, 32_768);
                for (int k = 0; k < len && i < data.Length; k++) data[i++] = data[from + k];
            }
            else data[i++] = (byte)(rng.Next(4) == 0 ? rng.Next(256) : 'a' + rng.Next(6));
        }
        foreach (var level in new[] { System.IO.Compression.CompressionLevel.Fastest, System.IO.Compression.CompressionLevel.SmallestSize })
        {
            var ms = new MemoryStream();
            using (var g = new System.IO.Compression.GZipStream(ms, level, leaveOpen: true)) g.Write(data);
            ms.Position = 0;
            using var managed = CompressedStreams.Wrap(ms, "big.gz", preferNative: false);
            var output = new MemoryStream();
            managed.CopyTo(output);
            Assert.True(data.AsSpan().SequenceEqual(output.ToArray()), $"level {level}");
        }
    }
}
