namespace OptSuite.Data;

/// <summary>
/// Wraps a managed decompressor so that its many ways of failing on bad input (InvalidDataException, SharpCompress's
/// own exceptions, EndOfStreamException, index errors), including while reading headers at construction, become one
/// <see cref="DataFormatException"/> naming the file.
/// </summary>
internal sealed class ManagedDecoderStream(Stream source, Func<Stream, Stream> open, string? name, string format) : ReadOnlyStream
{
    private Stream? _inner;

    public override int Read(Span<byte> buffer)
    {
        try
        {
            _inner ??= open(source);
            return _inner.Read(buffer);
        }
        catch (Exception e) when (IsDecodeFailure(e))
        {
            throw new DataFormatException(name ?? "<stream>", 0, 0, $"the {format} data is truncated or corrupt ({e.Message})", null, e);
        }
    }

    private static bool IsDecodeFailure(Exception e) => e is InvalidDataException or EndOfStreamException
        or IndexOutOfRangeException or ArgumentOutOfRangeException or ArgumentException or InvalidOperationException
        or OverflowException || (e.GetType().Namespace?.StartsWith("SharpCompress", StringComparison.Ordinal) ?? false);

    protected override void Dispose(bool disposing)
    {
        if (disposing) (_inner ?? source).Dispose();
        base.Dispose(disposing);
    }
}
