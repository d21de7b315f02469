using System.Runtime.InteropServices;

namespace OptSuite.Data;

/// <summary>xz decoding with the system liblzma (<c>lzma_stream_decoder</c> with concatenated streams).</summary>
internal sealed unsafe class NativeXzStream : NativeDecoderStream
{
    private const uint LzmaConcatenated = 0x08;
    private const int LzmaRun = 0, LzmaFinish = 3;
    private const int LzmaOk = 0, LzmaStreamEnd = 1;
    private readonly NativeCodecs.LzmaApi _api;
    private bool _initialised;

    [StructLayout(LayoutKind.Sequential)]
    private struct LzmaStream
    {
        public byte* NextIn;
        public nuint AvailIn;
        public ulong TotalIn;
        public byte* NextOut;
        public nuint AvailOut;
        public ulong TotalOut;
        public void* Allocator;
        public void* Internal;
        public void* Reserved1, Reserved2, Reserved3, Reserved4;
        public ulong ReservedInt1, ReservedInt2;
        public nuint ReservedInt3, ReservedInt4;
        public int ReservedEnum1, ReservedEnum2;
    }

    /// <summary>The options of lzma_stream_decoder_mt (liblzma 5.4 container.h, 128 bytes on 64-bit platforms).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct LzmaMt
    {
        public uint Flags;
        public uint Threads;
        public ulong BlockSize;
        public uint Timeout;
        public uint Preset;
        public void* Filters;
        public int Check;
        public int ReservedEnum1, ReservedEnum2, ReservedEnum3;
        public uint ReservedInt1, ReservedInt2, ReservedInt3, ReservedInt4;
        public ulong MemlimitThreading;
        public ulong MemlimitStop;
        public ulong ReservedInt7, ReservedInt8;
        public void* ReservedPtr1, ReservedPtr2, ReservedPtr3, ReservedPtr4;
    }

    private const uint LzmaFailFast = 0x20;

    /// <summary>
    /// Opens the decoder; with <paramref name="threads"/> &gt; 1 and liblzma ≥ 5.4, files of several blocks (as written
    /// by <c>xz -T</c>) are decoded on that many threads. Single-block files decode on one thread either way.
    /// </summary>
    public NativeXzStream(Stream inner, string? name, NativeCodecs.LzmaApi api, int threads) : base(inner, name, sizeof(LzmaStream))
    {
        _api = api;
        int rc;
        if (threads > 1 && _api.StreamDecoderMt != null)
        {
            var mt = new LzmaMt
            {
                Flags = LzmaConcatenated | LzmaFailFast,
                Threads = (uint)threads,
                // Threads are dropped rather than exceed this (blocks are held whole while decoded in parallel).
                MemlimitThreading = 1UL << 30,
                MemlimitStop = ulong.MaxValue,
            };
            rc = _api.StreamDecoderMt(State, &mt);
        }
        else
        {
            rc = _api.StreamDecoder(State, ulong.MaxValue, LzmaConcatenated);
        }
        if (rc != LzmaOk) throw new InvalidOperationException($"lzma_stream_decoder failed with code {rc}.");
        _initialised = true;
    }

    private LzmaStream* S => (LzmaStream*)State;

    protected override int Decode(byte* output, int capacity)
    {
        var s = S;
        s->NextOut = output;
        s->AvailOut = (nuint)capacity;
        while (true)
        {
            if (s->AvailIn == 0 && !InputEnded)
            {
                s->NextIn = Input;
                s->AvailIn = (nuint)Refill();
            }
            int rc = _api.Code(s, InputEnded && s->AvailIn == 0 ? LzmaFinish : LzmaRun);
            int produced = capacity - (int)s->AvailOut;
            if (rc == LzmaStreamEnd)
            {
                Finished = true;
                return produced;
            }
            if (rc != LzmaOk) throw Corrupt("xz", Describe(rc));
            if (produced == capacity) return produced;
            if (produced > 0 && s->AvailIn == 0 && InputEnded) return produced;
        }
    }

    private static string Describe(int rc) => rc switch
    {
        5 => "too large to decode (out of memory)",
        6 => "beyond the decoder's memory limit",
        7 => "not in xz format (bad header)",
        8 => "using unsupported options",
        9 => "corrupt (lzma data error or checksum mismatch)",
        10 => "truncated (the stream ends before its end marker)",
        _ => $"not decodable (liblzma code {rc})",
    };

    protected override void EndCodec()
    {
        if (_initialised) _api.End(State);
        _initialised = false;
    }
}
