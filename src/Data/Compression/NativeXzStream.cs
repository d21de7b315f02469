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

    public NativeXzStream(Stream inner, string? name, NativeCodecs.LzmaApi api) : base(inner, name, sizeof(LzmaStream))
    {
        _api = api;
        int rc = _api.StreamDecoder(State, ulong.MaxValue, LzmaConcatenated);
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
