using System.Text;

namespace OptSuite.Data;

/// <summary>
/// Walks an in-memory UTF-8/ASCII buffer line by line and token by token, tracking 1-based line and column numbers so
/// every error can point at the offending text. Tokens are spans into the buffer: nothing is allocated per token.
/// </summary>
/// <remarks>
/// Two modes: over a whole buffer (<see cref="FromStream"/>, the reader's, which checks sizes against
/// <see cref="RemainingBytes"/>), or streaming (<see cref="Streaming"/>, the shard converter's): a window refilled
/// from the stream as lines are consumed, so memory is one window (grown only for a longer line) whatever the input.
/// </remarks>
internal sealed class ByteLineCursor
{
    /// <summary>The longest line a streaming cursor holds (a Matrix Market line is a few numbers).</summary>
    private const int MaxStreamingLine = 64 << 20;

    private byte[] _data;
    private int _length;
    private readonly Stream? _stream;
    private bool _ended;
    private long _consumedBefore; // stream bytes dropped from the window before _data[0]
    private int _next;        // start of the next unread line
    private int _lineStart;   // start of the current line
    private int _lineEnd;     // end of the current line, excluding "\r\n"
    private int _tokenEnd;    // end of the last token returned

    public ByteLineCursor(byte[] data, int length, string path)
    {
        _data = data;
        _length = length;
        Path = path;
        _ended = true;
        SkipByteOrderMark();
    }

    private ByteLineCursor(Stream stream, string path, int windowBytes)
    {
        _stream = stream;
        _data = new byte[windowBytes];
        Path = path;
        while (_length < 3 && Refill()) { }
        SkipByteOrderMark();
    }

    /// <summary>A cursor reading <paramref name="stream"/> through a window of <paramref name="windowBytes"/>.</summary>
    public static ByteLineCursor Streaming(Stream stream, string path, int windowBytes = 1 << 20) =>
        new(stream ?? throw new ArgumentNullException(nameof(stream)), path, Math.Max(16, windowBytes));

    // A UTF-8 byte order mark, which some editors write first, is not part of the first line.
    private void SkipByteOrderMark()
    {
        if (_data.AsSpan(0, _length).StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) _next = 3;
    }

    public string Path { get; }

    /// <summary>1-based number of the current line (0 before the first).</summary>
    public long Line { get; private set; }

    /// <summary>Bytes after the current line, a bound on how much data the rest of the file can hold (whole-buffer mode only).</summary>
    public long RemainingBytes => _stream is null ? _length - _next
        : throw new InvalidOperationException("A streaming cursor does not know the bytes that follow.");

    /// <summary>Bytes of the input up to the end of the current line.</summary>
    public long Consumed => _consumedBefore + _next;

    public ReadOnlySpan<byte> CurrentLine => _data.AsSpan(_lineStart, _lineEnd - _lineStart);

    /// <summary>Moves to the next line; false at the end of the input.</summary>
    public bool MoveNextLine()
    {
        int nl = _data.AsSpan(_next, _length - _next).IndexOf((byte)'\n');
        while (nl < 0 && !_ended)
        {
            int scanned = _length - _next;
            Refill();
            int more = _data.AsSpan(_next + scanned, _length - _next - scanned).IndexOf((byte)'\n');
            if (more >= 0) nl = scanned + more;
        }
        if (_next >= _length) return false;
        int end = nl < 0 ? _length : _next + nl;
        _lineStart = _next;
        _lineEnd = end > _lineStart && _data[end - 1] == (byte)'\r' ? end - 1 : end;
        _tokenEnd = _lineStart;
        _next = nl < 0 ? _length : end + 1;
        Line++;
        return true;
    }

    /// <summary>Moves to the next line that is neither blank nor a '%' comment; false at the end.</summary>
    public bool MoveNextDataLine()
    {
        while (MoveNextLine())
        {
            var t = CurrentLine.Trim(" \t"u8);
            if (t.Length > 0 && t[0] != (byte)'%') return true;
        }
        return false;
    }

    /// <summary>The next space- or tab-separated token of the current line; false when the line has no more.</summary>
    public bool NextToken(out ReadOnlySpan<byte> token, out int column)
    {
        int p = _tokenEnd;
        while (p < _lineEnd && (_data[p] == (byte)' ' || _data[p] == (byte)'\t')) p++;
        int start = p;
        while (p < _lineEnd && _data[p] != (byte)' ' && _data[p] != (byte)'\t') p++;
        _tokenEnd = p;
        token = _data.AsSpan(start, p - start);
        column = start - _lineStart + 1;
        return p > start;
    }

    /// <summary>Column just after the end of the current line, for "missing value" errors.</summary>
    public int EndColumn
    {
        get
        {
            int e = _lineEnd;
            while (e > _lineStart && (_data[e - 1] == (byte)' ' || _data[e - 1] == (byte)'\t')) e--;
            return e - _lineStart + 1;
        }
    }

    /// <summary>Streaming: drops the lines consumed, makes room (doubling the window for a long line) and reads more; false at the end.</summary>
    private bool Refill()
    {
        if (_next > 0)
        {
            _data.AsSpan(_next, _length - _next).CopyTo(_data);
            _consumedBefore += _next;
            _length -= _next;
            _lineStart = _lineEnd = _tokenEnd = 0;
            _next = 0;
        }
        if (_length == _data.Length)
        {
            if (_data.Length >= MaxStreamingLine)
                throw new DataFormatException(Path, Line + 1, 0, $"a line longer than {MaxStreamingLine >> 20} MB");
            Array.Resize(ref _data, 2 * _data.Length);
        }
        int n = _stream!.Read(_data, _length, _data.Length - _length);
        if (n == 0) _ended = true;
        _length += n;
        return n > 0;
    }

    public DataFormatException Error(long column, string problem, ReadOnlySpan<byte> text) =>
        new(Path, Line, column, problem, Encoding.UTF8.GetString(text));

    public DataFormatException Error(long column, string problem) => new(Path, Line, column, problem);

    /// <summary>Reads a whole stream into memory; memory stays proportional to the (decompressed) input.</summary>
    public static ByteLineCursor FromStream(Stream stream, string path)
    {
        long known = stream.CanSeek ? stream.Length - stream.Position : 0;
        if (known > Array.MaxLength) throw TooLarge(path);
        var ms = new MemoryStream((int)Math.Max(0, known));
        try
        {
            stream.CopyTo(ms);
        }
        catch (IOException e) when (ms.Length >= int.MaxValue / 2)
        {
            // MemoryStream's own limit (2 GB): report it as a property of the input, not as an I/O fault.
            throw TooLarge(path, e);
        }
        return new ByteLineCursor(ms.GetBuffer(), (int)ms.Length, path);
    }

    private static DataFormatException TooLarge(string path, Exception? inner = null) =>
        new(path, 0, 0, "the (decompressed) input exceeds the 2 GB this reader holds in memory", null, inner);
}
