using System.Runtime.InteropServices;

namespace OptSuite.Data;

/// <summary>
/// The system's native decompressors (liblzma, libbz2, zlib), loaded once on first use through
/// <see cref="NativeLibrary"/>. Each is optional: when a library or one of its functions is missing the managed
/// decoders are used instead. Setting <c>OPTSUITE_NATIVE_DECOMPRESSION=0</c> disables them all.
/// </summary>
/// <remarks>
/// Native liblzma decodes xz about twice as fast as the managed SharpCompress decoder, which matters because xz
/// decoding, not parsing, bounds the reading speed of compressed datasets. zlib is used for gzip because it reports
/// truncated input, which <see cref="System.IO.Compression.GZipStream"/> silently accepts.
/// </remarks>
internal static unsafe class NativeCodecs
{
    public const string DisableVariable = "OPTSUITE_NATIVE_DECOMPRESSION";

    private static readonly Lazy<LzmaApi?> LzmaLazy = new(LoadLzma);
    private static readonly Lazy<Bzip2Api?> Bzip2Lazy = new(LoadBzip2);
    private static readonly Lazy<ZlibApi?> ZlibLazy = new(LoadZlib);

    public static LzmaApi? Lzma => LzmaLazy.Value;
    public static Bzip2Api? Bzip2 => Bzip2Lazy.Value;
    public static ZlibApi? Zlib => ZlibLazy.Value;

    private static bool Disabled => Environment.GetEnvironmentVariable(DisableVariable) is "0" or "false" or "no";

    internal sealed class LzmaApi
    {
        public required delegate* unmanaged<void*, ulong, uint, int> StreamDecoder { get; init; }
        public required delegate* unmanaged<void*, int, int> Code { get; init; }
        public required delegate* unmanaged<void*, void> End { get; init; }
    }

    internal sealed class Bzip2Api
    {
        public required delegate* unmanaged<void*, int, int, int> DecompressInit { get; init; }
        public required delegate* unmanaged<void*, int> Decompress { get; init; }
        public required delegate* unmanaged<void*, int> DecompressEnd { get; init; }
    }

    internal sealed class ZlibApi
    {
        public required delegate* unmanaged<void*, int, byte*, int, int> InflateInit2 { get; init; }
        public required delegate* unmanaged<void*, int, int> Inflate { get; init; }
        public required delegate* unmanaged<void*, int> InflateReset { get; init; }
        public required delegate* unmanaged<void*, int> InflateEnd { get; init; }
        public required byte* Version { get; init; }
    }

    private static LzmaApi? LoadLzma()
    {
        if (Disabled || !TryLoad(["liblzma.so.5", "liblzma.5.dylib", "liblzma.dylib", "liblzma.dll", "liblzma"], out var lib)) return null;
        if (!NativeLibrary.TryGetExport(lib, "lzma_stream_decoder", out var decoder)
            || !NativeLibrary.TryGetExport(lib, "lzma_code", out var code)
            || !NativeLibrary.TryGetExport(lib, "lzma_end", out var end)) return null;
        return new LzmaApi
        {
            StreamDecoder = (delegate* unmanaged<void*, ulong, uint, int>)decoder,
            Code = (delegate* unmanaged<void*, int, int>)code,
            End = (delegate* unmanaged<void*, void>)end,
        };
    }

    private static Bzip2Api? LoadBzip2()
    {
        if (Disabled || !TryLoad(["libbz2.so.1.0", "libbz2.so.1", "libbz2.1.0.dylib", "libbz2.dylib", "libbz2.dll", "bz2.dll"], out var lib)) return null;
        if (!NativeLibrary.TryGetExport(lib, "BZ2_bzDecompressInit", out var init)
            || !NativeLibrary.TryGetExport(lib, "BZ2_bzDecompress", out var decompress)
            || !NativeLibrary.TryGetExport(lib, "BZ2_bzDecompressEnd", out var end)) return null;
        return new Bzip2Api
        {
            DecompressInit = (delegate* unmanaged<void*, int, int, int>)init,
            Decompress = (delegate* unmanaged<void*, int>)decompress,
            DecompressEnd = (delegate* unmanaged<void*, int>)end,
        };
    }

    private static ZlibApi? LoadZlib()
    {
        // zlib's uLong is 32-bit on Windows, which CULong in ZStream follows; the library itself is rarely present there.
        if (Disabled || !TryLoad(["libz.so.1", "libz.1.dylib", "libz.dylib", "zlib1.dll"], out var lib)) return null;
        if (!NativeLibrary.TryGetExport(lib, "inflateInit2_", out var init)
            || !NativeLibrary.TryGetExport(lib, "inflate", out var inflate)
            || !NativeLibrary.TryGetExport(lib, "inflateReset", out var reset)
            || !NativeLibrary.TryGetExport(lib, "inflateEnd", out var end)
            || !NativeLibrary.TryGetExport(lib, "zlibVersion", out var version)) return null;
        byte* v = ((delegate* unmanaged<byte*>)version)();
        if (v == null || v[0] != (byte)'1') return null;
        return new ZlibApi
        {
            InflateInit2 = (delegate* unmanaged<void*, int, byte*, int, int>)init,
            Inflate = (delegate* unmanaged<void*, int, int>)inflate,
            InflateReset = (delegate* unmanaged<void*, int>)reset,
            InflateEnd = (delegate* unmanaged<void*, int>)end,
            Version = v,
        };
    }

    private static bool TryLoad(string[] names, out nint handle)
    {
        foreach (var name in names)
            if (NativeLibrary.TryLoad(name, typeof(NativeCodecs).Assembly, null, out handle)) return true;
        handle = 0;
        return false;
    }
}
