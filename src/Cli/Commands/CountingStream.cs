namespace OptSuite.Cli.Commands;

/// <summary>Counts the bytes read through it (the decompressed size, for MB/s); forward-only like the decoders it wraps.</summary>
internal sealed class CountingStream(Stream inner) : Data.ReadOnlyStream
{
    public long BytesRead { get; private set; }

    public override int Read(Span<byte> buffer)
    {
        int n = inner.Read(buffer);
        BytesRead += n;
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
