namespace OptSuite.Data;

/// <summary>Buffered byte-at-a-time reading of a stream, for the managed gzip decoder's headers, trailers and bit reader.</summary>
internal sealed class ByteSource(Stream stream)
{
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _position, _end;
    private bool _ended;

    /// <summary>The next byte, or -1 at the end of the stream.</summary>
    public int ReadByte()
    {
        if (_position == _end && !Fill()) return -1;
        return _buffer[_position++];
    }

    private bool Fill()
    {
        if (_ended) return false;
        _end = stream.Read(_buffer, 0, _buffer.Length);
        _position = 0;
        _ended = _end == 0;
        return !_ended;
    }

    /// <summary>The stream read from.</summary>
    public Stream Stream => stream;
}
