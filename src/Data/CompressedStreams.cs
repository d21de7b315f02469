using SharpCompress.Compressors.BZip2;

namespace OptSuite.Data;

/// <summary>Opens data files, decompressing .gz, .bz2 and .xz transparently (recognised by their magic bytes).</summary>
/// <remarks>
/// The system's zlib, libbz2 and liblzma are used when they can be loaded (see <see cref="NativeCodecs"/>): they are
/// faster, and truncated or corrupt input becomes a <see cref="DataFormatException"/> naming the file. Otherwise the
/// managed decoders are used (OptSuite's own gzip decoder, SharpCompress for bzip2 and xz), with the same checks:
/// stream checksums, truncation anywhere (a header-only file, a cut in the data, a missing trailer) and trailing bytes
/// that do not start another stream are errors; concatenated streams are read in turn.
/// </remarks>
public static class CompressedStreams
{
    /// <summary>The compression of a stream, judged by its first bytes.</summary>
    public enum Compression
    {
        /// <summary>Plain bytes.</summary>
        None,
        /// <summary>gzip (1f 8b).</summary>
        Gzip,
        /// <summary>bzip2 ("BZh").</summary>
        Bzip2,
        /// <summary>xz (fd 37 7a 58 5a 00).</summary>
        Xz,
    }

    /// <summary>Detects the compression from a header of at least 6 bytes (fewer bytes mean <see cref="Compression.None"/>).</summary>
    public static Compression Detect(ReadOnlySpan<byte> header)
    {
        if (header.Length >= 2 && header[0] == 0x1f && header[1] == 0x8b) return Compression.Gzip;
        if (header.Length >= 3 && header[0] == (byte)'B' && header[1] == (byte)'Z' && header[2] == (byte)'h') return Compression.Bzip2;
        if (header.Length >= 6 && header[0] == 0xfd && header[1] == (byte)'7' && header[2] == (byte)'z'
            && header[3] == (byte)'X' && header[4] == (byte)'Z' && header[5] == 0) return Compression.Xz;
        return Compression.None;
    }

    /// <summary>
    /// Opens <paramref name="path"/> for reading, decompressing on the fly when its content is gzip, bzip2 or xz.
    /// A missing file is a <see cref="FileNotFoundException"/> naming the path.
    /// </summary>
    public static Stream OpenRead(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"Data file not found: {path}", path);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        try
        {
            return Wrap(file, path, preferNative: true);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Wraps a seekable or buffered stream, decompressing when its first bytes announce a known format.</summary>
    public static Stream Wrap(Stream stream) => Wrap(stream, null, preferNative: true);

    /// <summary>As <see cref="Wrap(Stream)"/>, naming the file in errors; <paramref name="preferNative"/> false forces the managed decoders.</summary>
    internal static Stream Wrap(Stream stream, string? name, bool preferNative)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffered = stream.CanSeek ? stream : new BufferedStream(stream, 1 << 16);
        Span<byte> header = stackalloc byte[6];
        int got = 0;
        long start = buffered.CanSeek ? buffered.Position : 0;
        if (!buffered.CanSeek) throw new ArgumentException("The stream must be seekable to detect its compression.", nameof(stream));
        while (got < header.Length)
        {
            int r = buffered.Read(header[got..]);
            if (r == 0) break;
            got += r;
        }
        buffered.Position = start;
        return Detect(header[..got]) switch
        {
            Compression.Gzip when preferNative && NativeCodecs.Zlib is { } z => new NativeGzipStream(buffered, name, z),
            Compression.Bzip2 when preferNative && NativeCodecs.Bzip2 is { } b => new NativeBzip2Stream(buffered, name, b),
            Compression.Xz when preferNative && NativeCodecs.Lzma is { } x => new NativeXzStream(buffered, name, x, Environment.ProcessorCount),
            Compression.Gzip => new ManagedGzipStream(buffered, name),
            Compression.Bzip2 => new ManagedDecoderStream(buffered, s => BZip2Stream.Create(s, SharpCompress.Compressors.CompressionMode.Decompress, decompressConcatenated: true, leaveOpen: false), name, "bzip2"),
            Compression.Xz => new ManagedDecoderStream(buffered, s => new ManagedXzStream(s, name), name, "xz"),
            _ => buffered,
        };
    }

    /// <summary>The decoder <see cref="Wrap(Stream)"/> would pick for each format: "native" or "managed".</summary>
    public static string DecoderKind(Compression compression) => compression switch
    {
        Compression.Gzip => NativeCodecs.Zlib is null ? "managed" : "native",
        Compression.Bzip2 => NativeCodecs.Bzip2 is null ? "managed" : "native",
        Compression.Xz => NativeCodecs.Lzma is null ? "managed" : "native",
        _ => "none",
    };
}
