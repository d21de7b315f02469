using System.IO.Compression;
using System.Runtime.InteropServices;

namespace OptSuite.Tests.Support;

/// <summary>
/// Makes .xz and .bz2 test data with the system's liblzma and libbz2 (no managed encoders exist for xz), and .gz with
/// GZipStream. <see cref="Unavailable"/> says why a format cannot be made, for a visible skip.
/// </summary>
internal static unsafe class NativeCompressors
{
    private static readonly nint Lzma = Load("liblzma.so.5", "liblzma.5.dylib", "liblzma.dll");
    private static readonly nint Bz2 = Load("libbz2.so.1.0", "libbz2.so.1", "libbz2.1.0.dylib", "libbz2.dll");

    public static string? Unavailable(string format) => format switch
    {
        "xz" when Lzma == 0 => "liblzma cannot be loaded, so no .xz test data can be made",
        "bz2" when Bz2 == 0 => "libbz2 cannot be loaded, so no .bz2 test data can be made",
        _ => null,
    };

    public static byte[] Compress(string format, byte[] data) => format switch
    {
        "gz" => Gzip(data),
        "xz" => Xz(data),
        "bz2" => Bzip2(data),
        _ => throw new ArgumentException(format),
    };

    public static byte[] Gzip(byte[] data)
    {
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true)) gz.Write(data);
        return ms.ToArray();
    }

    public static byte[] Xz(byte[] data)
    {
        var encode = (delegate* unmanaged<uint, int, void*, byte*, nuint, byte*, nuint*, nuint, int>)
            NativeLibrary.GetExport(Lzma, "lzma_easy_buffer_encode");
        var output = new byte[data.Length + data.Length / 2 + 1024];
        nuint written = 0;
        fixed (byte* i = data)
        fixed (byte* o = output)
        {
            int rc = encode(6, 4 /* LZMA_CHECK_CRC64 */, null, i, (nuint)data.Length, o, &written, (nuint)output.Length);
            if (rc != 0) throw new InvalidOperationException($"lzma_easy_buffer_encode: {rc}");
        }
        return output[..(int)written];
    }

    /// <summary>xz in blocks of <paramref name="blockSize"/> bytes (as <c>xz -T</c> writes), which the threaded decoder decodes in parallel.</summary>
    public static byte[] XzBlocks(byte[] data, int blockSize)
    {
        var encoderMt = (delegate* unmanaged<void*, void*, int>)NativeLibrary.GetExport(Lzma, "lzma_stream_encoder_mt");
        var code = (delegate* unmanaged<void*, int, int>)NativeLibrary.GetExport(Lzma, "lzma_code");
        var end = (delegate* unmanaged<void*, void>)NativeLibrary.GetExport(Lzma, "lzma_end");
        var strm = stackalloc byte[136];
        new Span<byte>(strm, 136).Clear();
        var mt = stackalloc byte[128];
        new Span<byte>(mt, 128).Clear();
        *(uint*)(mt + 4) = 2;                   // threads
        *(ulong*)(mt + 8) = (ulong)blockSize;   // block_size
        *(uint*)(mt + 20) = 6;                  // preset
        *(int*)(mt + 32) = 4;                   // check: CRC64
        if (encoderMt(strm, mt) != 0) throw new InvalidOperationException("lzma_stream_encoder_mt failed");
        var output = new byte[data.Length + data.Length / 2 + 4096];
        try
        {
            fixed (byte* i = data)
            fixed (byte* o = output)
            {
                *(byte**)strm = i;
                *(nuint*)(strm + 8) = (nuint)data.Length;
                *(byte**)(strm + 24) = o;
                *(nuint*)(strm + 32) = (nuint)output.Length;
                int rc;
                while ((rc = code(strm, 3 /* LZMA_FINISH */)) == 0) { }
                if (rc != 1) throw new InvalidOperationException($"lzma_code: {rc}");
                return output[..(int)(output.Length - (long)*(nuint*)(strm + 32))];
            }
        }
        finally
        {
            end(strm);
        }
    }

    public static byte[] Bzip2(byte[] data)
    {
        var compress = (delegate* unmanaged<byte*, uint*, byte*, uint, int, int, int, int>)
            NativeLibrary.GetExport(Bz2, "BZ2_bzBuffToBuffCompress");
        var output = new byte[data.Length + data.Length / 100 + 1024];
        uint length = (uint)output.Length;
        var input = data.Length == 0 ? new byte[1] : data;   // libbz2 refuses a null source even for 0 bytes
        fixed (byte* i = input)
        fixed (byte* o = output)
        {
            int rc = compress(o, &length, i, (uint)data.Length, 9, 0, 30);
            if (rc != 0) throw new InvalidOperationException($"BZ2_bzBuffToBuffCompress: {rc}");
        }
        return output[..(int)length];
    }

    private static nint Load(params string[] names)
    {
        foreach (var n in names)
            if (NativeLibrary.TryLoad(n, out var h)) return h;
        return 0;
    }
}
