namespace OptSuite.Data;

/// <summary>
/// gzip decoding in managed code (RFC 1952 over <see cref="Inflater"/>), with the checks of the native zlib path: each
/// member's CRC-32 and length (ISIZE) are compared with its trailer, an optional header CRC is verified, a stream that
/// ends inside a member (header only, cut mid-data, missing trailer) is truncated, and bytes after the last member that
/// do not start another one are trailing garbage. Members follow each other as <c>cat a.gz b.gz</c> makes them.
/// </summary>
/// <remarks>
/// <see cref="System.IO.Compression.GZipStream"/>, used before, returned a file cut at a deflate block boundary as if
/// it were complete and ignored trailing garbage, and hides where the deflate data ends, so the trailer cannot be read
/// after it; hence a decoder of our own for the managed path (<c>OPTSUITE_NATIVE_DECOMPRESSION=0</c>, or no system zlib).
/// </remarks>
internal sealed class ManagedGzipStream : ReadOnlyStream
{
    private enum Phase { Header, Body, Done }

    private readonly ByteSource _input;
    private readonly Inflater _inflater;
    private readonly string _name;
    private Phase _phase;
    private int _firstByte = -1;
    private uint _crc;
    private uint _size;

    public ManagedGzipStream(Stream inner, string? name)
    {
        _name = name ?? "<stream>";
        _input = new ByteSource(inner);
        _inflater = new Inflater(_input, _name);
    }

    public override int Read(Span<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            switch (_phase)
            {
                case Phase.Header:
                    Header();
                    _inflater.Reset();
                    (_crc, _size) = (0, 0);
                    _phase = Phase.Body;
                    break;
                case Phase.Body:
                    int n = _inflater.Read(buffer);
                    if (n > 0)
                    {
                        _crc = Crc32.Update(_crc, buffer[..n]);
                        _size += (uint)n;
                        return n;
                    }
                    Trailer();
                    Next();
                    break;
                default:
                    return 0;
            }
        }
        return 0;
    }

    private void Header()
    {
        uint crc = 0;
        int Byte()
        {
            int b = _firstByte >= 0 ? _firstByte : _input.ReadByte();
            _firstByte = -1;
            if (b < 0) throw _inflater.Truncated();
            crc = Crc32.Update(crc, [(byte)b]);
            return b;
        }
        if (Byte() != 0x1f || Byte() != 0x8b) throw Corrupt("followed by trailing bytes that are not gzip");
        if (Byte() != 8) throw Corrupt("corrupt (unknown compression method)");
        int flags = Byte();
        if ((flags & 0xE0) != 0) throw Corrupt("corrupt (reserved header flags set)");
        for (int k = 0; k < 6; k++) Byte();   // modification time, extra flags, operating system
        if ((flags & 4) != 0)
        {
            int extra = Byte() | Byte() << 8;
            for (int k = 0; k < extra; k++) Byte();
        }
        if ((flags & 8) != 0) while (Byte() != 0) { }    // file name
        if ((flags & 16) != 0) while (Byte() != 0) { }   // comment
        if ((flags & 2) != 0)
        {
            uint expected = crc & 0xFFFF;
            if ((Byte() | Byte() << 8) != expected) throw Corrupt("corrupt (header crc mismatch)");
        }
    }

    private void Trailer()
    {
        Span<int> t = stackalloc int[8];
        for (int k = 0; k < 8; k++)
            if ((t[k] = _inflater.ReadByteAfterEnd()) < 0) throw _inflater.Truncated();
        uint crc = (uint)(t[0] | t[1] << 8 | t[2] << 16 | t[3] << 24), size = (uint)(t[4] | t[5] << 8 | t[6] << 16 | t[7] << 24);
        if (crc != _crc) throw Corrupt("corrupt (incorrect data check)");
        if (size != _size) throw Corrupt("corrupt (incorrect length check)");
    }

    private void Next()
    {
        int b = _inflater.HoldsInput ? _inflater.ReadByteAfterEnd() : _input.ReadByte();
        if (b < 0)
        {
            _phase = Phase.Done;
            return;
        }
        if (b != 0x1f) throw Corrupt("followed by trailing bytes that are not gzip");
        _firstByte = b;
        _phase = Phase.Header;
    }

    private DataFormatException Corrupt(string problem) => new(_name, 0, 0, $"the gzip data is {problem}");

    protected override void Dispose(bool disposing)
    {
        if (disposing) _input.Stream.Dispose();
        base.Dispose(disposing);
    }
}
