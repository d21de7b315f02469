using System.Runtime.InteropServices;

namespace OptSuite.Data;

/// <summary>
/// A read-only stream decoding compressed bytes with a native library. The codec state and the input buffer live in
/// native memory (libbz2 keeps a pointer back to its stream struct, so the struct must never move). Truncated or
/// corrupt input is a <see cref="DataFormatException"/> naming the file, never a silent early end.
/// </summary>
internal abstract unsafe class NativeDecoderStream : ReadOnlyStream
{
    private const int InputSize = 1 << 18;
    private readonly Stream _inner;
    private bool _disposed;

    protected NativeDecoderStream(Stream inner, string? name, int stateSize)
    {
        _inner = inner;
        Name = name ?? "<stream>";
        Input = (byte*)NativeMemory.Alloc(InputSize);
        State = NativeMemory.AllocZeroed((nuint)stateSize);
    }

    /// <summary>The file name used in errors.</summary>
    protected string Name { get; }

    /// <summary>The codec's stream struct (zeroed at start).</summary>
    protected void* State { get; }

    /// <summary>The native input buffer.</summary>
    protected byte* Input { get; }

    /// <summary>Whether the underlying stream has reported its end.</summary>
    protected bool InputEnded { get; private set; }

    /// <summary>Whether the codec has finished (all members decoded).</summary>
    protected bool Finished { get; set; }

    /// <summary>Reads more compressed bytes into <see cref="Input"/>; 0 (and <see cref="InputEnded"/>) at the end.</summary>
    protected int Refill()
    {
        if (InputEnded) return 0;
        int n = _inner.Read(new Span<byte>(Input, InputSize));
        if (n == 0) InputEnded = true;
        return n;
    }

    /// <summary>Decodes into <paramref name="output"/>; returns the byte count, 0 only at the end of the data.</summary>
    protected abstract int Decode(byte* output, int capacity);

    /// <summary>Releases the codec's native state.</summary>
    protected abstract void EndCodec();

    protected DataFormatException Corrupt(string format, string problem) =>
        new(Name, 0, 0, $"the {format} data is {problem}");

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (buffer.IsEmpty || Finished) return 0;
        fixed (byte* p = buffer) return Decode(p, buffer.Length);
    }

    public override int ReadByte()
    {
        byte b = 0;
        return Read(new Span<byte>(ref b)) == 1 ? b : -1;
    }

    public override bool CanRead => !_disposed;

    protected override void Dispose(bool disposing)
    {
        if (!_disposed)
        {
            _disposed = true;
            EndCodec();
            NativeMemory.Free(State);
            NativeMemory.Free(Input);
            if (disposing) _inner.Dispose();
        }
        base.Dispose(disposing);
    }

    ~NativeDecoderStream() => Dispose(false);
}
