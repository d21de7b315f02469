using SharpCompress.Compressors.Xz;

namespace OptSuite.Data;

/// <summary>
/// SharpCompress's xz decoder over a seekable stream, extended to concatenated xz streams (as <c>xz</c> itself reads
/// them): after each stream, zero padding is skipped and another stream header must follow, or the end.
/// </summary>
internal sealed class ManagedXzStream(Stream inner, string? name) : ReadOnlyStream
{
    private XZStream? _current;
    private bool _done;

    private readonly byte[] _one = new byte[1];

    public override int Read(Span<byte> buffer)
    {
        while (!_done && !buffer.IsEmpty)
        {
            _current ??= new XZStream(new NonClosingStream(inner));
            int n = _current.Read(buffer);
            if (n > 0) return n;
            _current.Dispose();
            _current = null;
            var b = _one;
            int next;
            long padding = 0;
            while ((next = inner.Read(b)) == 1 && b[0] == 0) padding++;
            if (next == 0)
            {
                if (padding % 4 != 0) throw Trailing("stream padding that is not a multiple of 4 bytes");
                _done = true;
                break;
            }
            inner.Position -= 1;
            if (b[0] != 0xfd || padding % 4 != 0) throw Trailing("trailing bytes that are not xz");
        }
        return 0;
    }

    private DataFormatException Trailing(string what) => new(name ?? "<stream>", 0, 0, $"the xz data is followed by {what}");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _current?.Dispose();
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
