namespace OptSuite.Data.Shards;

/// <summary>
/// Counts the bytes read through it, readable from another thread (the converter's progress): below a decoder it
/// counts the file's bytes and so seeks as the file does (format detection looks at the first bytes and rewinds);
/// above one it counts the text.
/// </summary>
internal sealed class CountingReadStream(Stream inner) : Stream
{
    private long _position;

    /// <summary>Bytes read (for a seekable stream, the position reached).</summary>
    public long Count => Volatile.Read(ref _position);

    public override bool CanRead => true;
    public override bool CanSeek => inner.CanSeek;
    public override bool CanWrite => false;
    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.CanSeek ? inner.Position : Count;
        set
        {
            inner.Position = value;
            Volatile.Write(ref _position, value);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n = inner.Read(buffer);
        Volatile.Write(ref _position, _position + n);
        return n;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        long at = inner.Seek(offset, origin);
        Volatile.Write(ref _position, at);
        return at;
    }

    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
