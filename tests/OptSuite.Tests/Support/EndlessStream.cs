namespace OptSuite.Tests.Support;

/// <summary>An endless stream of one byte value (NUL: as /dev/zero), counting what was read.</summary>
public sealed class EndlessStream(byte value = 0) : Stream
{
    /// <summary>Bytes handed out so far.</summary>
    public long Served { get; private set; }

    public override int Read(byte[] buffer, int offset, int count)
    {
        buffer.AsSpan(offset, count).Fill(value);
        Served += count;
        return count;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => Served; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
