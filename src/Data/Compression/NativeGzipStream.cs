using System.Runtime.InteropServices;

namespace OptSuite.Data;

/// <summary>gzip decoding with the system zlib (inflate with gzip wrapper, CRC-32 and length checked); multi-member files decode in turn.</summary>
internal sealed unsafe class NativeGzipStream : NativeDecoderStream
{
    private const int ZOk = 0, ZStreamEnd = 1, ZBufError = -5;
    private const int GzipWindowBits = 15 + 16;
    private readonly NativeCodecs.ZlibApi _api;
    private bool _initialised;

    [StructLayout(LayoutKind.Sequential)]
    private struct ZStream
    {
        public byte* NextIn;
        public uint AvailIn;
        public CULong TotalIn;
        public byte* NextOut;
        public uint AvailOut;
        public CULong TotalOut;
        public byte* Msg;
        public void* State;
        public void* Alloc, Free, Opaque;
        public int DataType;
        public CULong Adler;
        public CULong Reserved;
    }

    public NativeGzipStream(Stream inner, string? name, NativeCodecs.ZlibApi api) : base(inner, name, sizeof(ZStream))
    {
        _api = api;
        int rc = _api.InflateInit2(State, GzipWindowBits, _api.Version, sizeof(ZStream));
        if (rc != ZOk) throw new InvalidOperationException($"inflateInit2 failed with code {rc}.");
        _initialised = true;
    }

    private ZStream* S => (ZStream*)State;

    protected override int Decode(byte* output, int capacity)
    {
        var s = S;
        s->NextOut = output;
        s->AvailOut = (uint)capacity;
        while (true)
        {
            if (s->AvailIn == 0 && !InputEnded)
            {
                s->NextIn = Input;
                s->AvailIn = (uint)Refill();
            }
            int rc = _api.Inflate(s, 0);
            int produced = capacity - (int)s->AvailOut;
            if (rc == ZStreamEnd)
            {
                if (s->AvailIn == 0 && Refill() is int n and > 0)
                {
                    s->NextIn = Input;
                    s->AvailIn = (uint)n;
                }
                if (s->AvailIn == 0)
                {
                    Finished = true;
                    return produced;
                }
                if (s->NextIn[0] != 0x1f) throw Corrupt("gzip", "followed by trailing bytes that are not gzip");
                _api.InflateReset(s);
                if (produced == capacity) return produced;
                continue;
            }
            if (rc == ZBufError || (rc == ZOk && InputEnded && s->AvailIn == 0 && produced == 0))
            {
                if (InputEnded && s->AvailIn == 0)
                {
                    if (produced > 0) return produced;
                    throw Corrupt("gzip", "truncated (the stream ends before its trailer)");
                }
                if (produced > 0) return produced;
                continue;
            }
            if (rc != ZOk) throw Corrupt("gzip", Describe(rc, s->Msg));
            if (produced == capacity) return produced;
            if (produced > 0 && InputEnded && s->AvailIn == 0) return produced;
        }
    }

    private static string Describe(int rc, byte* msg)
    {
        string detail = msg == null ? $"zlib code {rc}" : Marshal.PtrToStringUTF8((nint)msg) ?? $"zlib code {rc}";
        return rc switch
        {
            -3 => $"corrupt ({detail})",
            -4 => "too large to decode (out of memory)",
            2 => "using a preset dictionary, which gzip files do not",
            _ => $"not decodable ({detail})",
        };
    }

    protected override void EndCodec()
    {
        if (_initialised) _api.InflateEnd(State);
        _initialised = false;
    }
}
