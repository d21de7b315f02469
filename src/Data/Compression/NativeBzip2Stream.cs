using System.Runtime.InteropServices;

namespace OptSuite.Data;

/// <summary>bzip2 decoding with the system libbz2; concatenated streams (as pbzip2 writes) are decoded in turn.</summary>
internal sealed unsafe class NativeBzip2Stream : NativeDecoderStream
{
    private const int BzOk = 0, BzStreamEnd = 4;
    private readonly NativeCodecs.Bzip2Api _api;
    private bool _initialised;

    [StructLayout(LayoutKind.Sequential)]
    private struct BzStream
    {
        public byte* NextIn;
        public uint AvailIn;
        public uint TotalInLo32, TotalInHi32;
        public byte* NextOut;
        public uint AvailOut;
        public uint TotalOutLo32, TotalOutHi32;
        public void* State;
        public void* Alloc, Free, Opaque;
    }

    public NativeBzip2Stream(Stream inner, string? name, NativeCodecs.Bzip2Api api) : base(inner, name, sizeof(BzStream))
    {
        _api = api;
        Init();
    }

    private BzStream* S => (BzStream*)State;

    private void Init()
    {
        int rc = _api.DecompressInit(State, 0, 0);
        if (rc != BzOk) throw new InvalidOperationException($"BZ2_bzDecompressInit failed with code {rc}.");
        _initialised = true;
    }

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
            uint inBefore = s->AvailIn, outBefore = s->AvailOut;
            int rc = _api.Decompress(s);
            int produced = capacity - (int)s->AvailOut;
            if (rc == BzStreamEnd)
            {
                // Another stream may follow (pbzip2, cat a.bz2 b.bz2): restart the decoder on the remaining input.
                byte* rest = s->NextIn;
                uint left = s->AvailIn;
                _api.DecompressEnd(s);
                _initialised = false;
                if (left == 0 && Refill() is int n and > 0)
                {
                    rest = Input;
                    left = (uint)n;
                }
                if (left == 0)
                {
                    Finished = true;
                    return produced;
                }
                if (rest[0] != (byte)'B') throw Corrupt("bzip2", "followed by trailing bytes that are not bzip2");
                Init();
                s->NextIn = rest;
                s->AvailIn = left;
                s->NextOut = output + produced;
                s->AvailOut = (uint)(capacity - produced);
                if (produced == capacity) return produced;
                continue;
            }
            if (rc != BzOk) throw Corrupt("bzip2", Describe(rc));
            if (produced == capacity) return produced;
            bool progress = s->AvailIn != inBefore || s->AvailOut != outBefore;
            if (InputEnded && s->AvailIn == 0)
            {
                if (produced > 0) return produced;
                if (!progress) throw Corrupt("bzip2", "truncated (the stream ends before its end marker)");
            }
        }
    }

    private static string Describe(int rc) => rc switch
    {
        -3 => "too large to decode (out of memory)",
        -4 => "corrupt (bzip2 data error or checksum mismatch)",
        -5 => "not in bzip2 format (bad header)",
        _ => $"not decodable (libbz2 code {rc})",
    };

    protected override void EndCodec()
    {
        if (_initialised) _api.DecompressEnd(State);
        _initialised = false;
    }
}
