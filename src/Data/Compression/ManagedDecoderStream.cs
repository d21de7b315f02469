namespace OptSuite.Data;

/// <summary>
/// Wraps a managed decompressor so that its many ways of failing on bad input (InvalidDataException, SharpCompress's
/// own exceptions, EndOfStreamException, index errors) become one <see cref="DataFormatException"/> naming the file.
/// </summary>
internal sealed class ManagedDecoderStream(Stream inner, string? name, string format) : Stream
{
    public override int Read(Span<byte> buffer)
    {
        try
        {
            return inner.Read(buffer);
        }
        catch (Exception e) when (IsDecodeFailure(e))
        {
            throw new DataFormatException(name ?? "<stream>", 0, 0, $"the {format} data is truncated or corrupt ({e.Message})", null, e);
        }
    }

    private static bool IsDecodeFailure(Exception e) => e is InvalidDataException or EndOfStreamException
        or IndexOutOfRangeException or ArgumentOutOfRangeException or ArgumentException or InvalidOperationException
        or OverflowException || (e.GetType().Namespace?.StartsWith("SharpCompress", StringComparison.Ordinal) ?? false);

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
    public override bool CanRead => inner.CanRead;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
