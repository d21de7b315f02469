using System.Buffers;
using System.Collections.Concurrent;

namespace OptSuite.Data;

/// <summary>
/// Splits svmlight text into chunks of whole lines and parses them on worker threads, handing the parsed chunks to a
/// sink in file order (<see cref="Deliver"/>). For a stream the calling thread reads (and so decompresses) while the
/// workers parse, so an .xz file costs about its decompression time; for bytes in memory the chunks are parsed in
/// parallel in place. Without a sink the chunks are collected (<see cref="Chunks"/>), which is how the reader
/// assembles a whole dataset; with one, a consumer (the shard converter) takes each chunk and drops it, and the input is
/// read in bounded memory however large it is.
/// </summary>
/// <remarks>
/// Errors: a worker's parse error is kept with its chunk; later chunks are then skipped and reading stops, but earlier
/// chunks are still parsed and delivered, so the failed chunk delivered last holds the first error in the file. A
/// decompression error wins over parse errors, since corrupt data explains them. Bounds: a stream is read at most
/// workers + 2 chunks ahead of the sink (a chunk counts until the sink returns), so raw and parsed chunks in memory stay
/// O(workers · chunk size).
/// </remarks>
internal sealed unsafe partial class SvmlightPipeline
{
    private readonly SvmlightParseSettings _settings;
    private readonly int _chunkBytes;
    private readonly int _maxLine;
    private readonly int _workers;
    private int _firstFailure = int.MaxValue;
    private double _bytesPerEntry = 8, _bytesPerRow = 64;

    /// <summary>A pipeline that collects the parsed chunks (<see cref="Chunks"/>), or hands each to <paramref name="sink"/> in file order.</summary>
    /// <param name="options">The reader's options.</param>
    /// <param name="multiLabel">Labels are comma-separated sets.</param>
    /// <param name="sink">Takes each chunk in file order, on a worker thread, one call at a time; a chunk with a
    /// <see cref="SvmlightChunk.Failure"/> is the last one delivered. The chunk is reused for later text once the call
    /// returns (so a streaming read allocates no chunks after the first few). An exception it throws stops the read and
    /// is rethrown by <see cref="ParseStream"/> or <see cref="ParseMemory"/>.</param>
    public SvmlightPipeline(SvmlightReaderOptions options, bool multiLabel, Action<SvmlightChunk>? sink = null)
    {
        _settings = new SvmlightParseSettings(options, multiLabel);
        _chunkBytes = options.ChunkBytes;
        _maxLine = options.MaxLineBytes;
        _workers = Math.Max(1, options.Workers);
        _sink = sink ?? (c => _collected!.Add(c));
        if (sink is null) _collected = [];
        else _spare = [];   // a sink is done with a chunk when it returns: its arrays parse a later chunk
        _window = new SemaphoreSlim(_workers + 2);
    }

    public SvmlightParseSettings Settings => _settings;

    public int Workers => _workers;

    /// <summary>Parses text held in memory, delivering the chunks in order.</summary>
    public void ParseMemory(ReadOnlyMemory<byte> data)
    {
        if (data.Span.StartsWith(Bom)) data = data[Bom.Length..];
        var span = data.Span;
        Estimate(span);
        var bounds = new List<(int Start, int Length)>();
        for (int start = 0; start < span.Length;)
        {
            int cut = (int)Math.Min(span.Length, (long)start + _chunkBytes);
            int nl = cut >= span.Length ? -1 : span[(cut - 1)..].IndexOf((byte)'\n');
            int end = nl < 0 ? span.Length : cut + nl;
            bounds.Add((start, end - start));
            start = end;
        }
        using var pin = data.Pin();
        nint address = (nint)pin.Pointer;
        void Run(int k)
        {
            byte* basePtr = (byte*)address;
            var (start, length) = bounds[k];
            if (length > 0 && basePtr[start + length - 1] == (byte)'\n')
            {
                ParseChunk(k, basePtr + start, length);
                return;
            }
            // The last line lacks its newline: parse a copy that has one, as the parser needs the sentinel.
            var copy = new byte[length + 1];
            new ReadOnlySpan<byte>(basePtr + start, length).CopyTo(copy);
            copy[length] = (byte)'\n';
            fixed (byte* p = copy) ParseChunk(k, p, copy.Length);
        }
        if (bounds.Count <= 1 || _workers == 1)
            for (int k = 0; k < bounds.Count; k++) Run(k);
        else
            Parallel.For(0, bounds.Count, new ParallelOptions { MaxDegreeOfParallelism = _workers }, Run);
        _sinkFault?.Throw();
    }

    /// <summary>How much more decompressed data is read after a parse error, to prefer reporting the corruption that caused it.</summary>
    private const long DrainLimit = 64L << 20;

    /// <summary>A UTF-8 byte order mark, which some editors put first; skipped.</summary>
    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// Reads <paramref name="stream"/> on this thread while workers parse, delivering the chunks in order. When
    /// <paramref name="compressed"/> (the reader passes "not seekable", true of every decoder), a parse error does not stop
    /// reading at once: up to 64 MB more are decoded so that
    /// a corrupt stream (whose garbage caused the parse error) is reported as such.
    /// </summary>
    public void ParseStream(Stream stream, bool compressed)
    {
        var pool = ArrayPool<byte>.Shared;
        BlockingCollection<(byte[] Buffer, int Length, int Sequence)>? queue = null;
        Thread[]? threads = null;
        Exception? workerFault = null;
        (byte[] Buffer, int Length)? pending = null;   // the first chunk waits until we know whether a second exists
        int sequence = 0, carry = 0;
        byte[] buffer = pool.Rent(_chunkBytes);
        try
        {
            while (Volatile.Read(ref _firstFailure) == int.MaxValue && Reserve())
            {
                int filled = carry;
                bool eof = false;
                while (true)
                {
                    int capacity = (int)Math.Min(buffer.Length - 1, _maxLine + 1L);   // one byte past the limit proves a line too long
                    while (filled < capacity)
                    {
                        int n = stream.Read(buffer, filled, capacity - filled);
                        if (n == 0) { eof = true; break; }
                        filled += n;
                    }
                    if (eof || buffer.AsSpan(carry, filled - carry).Contains((byte)'\n')) break;
                    // A line longer than the buffer: double it and keep reading, unless it is already binary data (a NUL
                    // byte outside a comment never occurs in svmlight text): /dev/zero or a .gz of zeros fails here, at
                    // the first chunk, instead of after gigabytes.
                    if (IsBinary(buffer.AsSpan(0, filled)))
                        throw new SvmlightSyntaxException(0, 0, $"binary data, not svmlight text: a NUL byte in a line longer than {buffer.Length >> 10} kB", null);
                    if (filled > _maxLine)
                        throw new SvmlightSyntaxException(0, 0, $"a line longer than {(_maxLine >= 1 << 30 ? $"{_maxLine >> 30} GiB" : $"{_maxLine >> 10} kB")}", null);
                    var bigger = pool.Rent((int)Math.Min(_maxLine + 2L, 2L * buffer.Length));
                    buffer.AsSpan(0, filled).CopyTo(bigger);
                    pool.Return(buffer);
                    buffer = bigger;
                    carry = filled;
                }
                if (sequence == 0 && buffer.AsSpan(0, filled).StartsWith(Bom))
                {
                    buffer.AsSpan(Bom.Length, filled - Bom.Length).CopyTo(buffer);
                    filled -= Bom.Length;
                }
                if (filled == 0) break;
                if (sequence == 0) Estimate(buffer.AsSpan(0, filled));
                int length;
                byte[] next = pool.Rent(_chunkBytes);
                if (eof)
                {
                    length = filled;
                    if (buffer[filled - 1] != (byte)'\n') buffer[length++] = (byte)'\n';
                    carry = 0;
                }
                else
                {
                    length = buffer.AsSpan(0, filled).LastIndexOf((byte)'\n') + 1;
                    carry = filled - length;
                    if (carry > next.Length - 1)
                    {
                        pool.Return(next);
                        next = pool.Rent(carry + _chunkBytes + 1);
                    }
                    buffer.AsSpan(length, carry).CopyTo(next);
                }
                if (pending is null && sequence == 0)
                {
                    pending = (buffer, length);
                }
                else
                {
                    if (queue is null)
                    {
                        queue = new BlockingCollection<(byte[], int, int)>(_workers + 1);
                        threads = StartWorkers(queue, pool, e => workerFault ??= e);
                        queue.Add((pending!.Value.Buffer, pending.Value.Length, 0));
                        pending = null;
                    }
                    queue.Add((buffer, length, sequence));
                }
                sequence++;
                buffer = next;
                if (eof) break;
            }
            if (compressed && Volatile.Read(ref _firstFailure) != int.MaxValue)
            {
                for (long drained = 0; drained < DrainLimit;)
                {
                    int n = stream.Read(buffer, 0, buffer.Length);
                    if (n == 0) break;
                    drained += n;
                }
            }
            if (pending is { } only)
            {
                fixed (byte* p = only.Buffer) ParseChunk(0, p, only.Length);
                pool.Return(only.Buffer);
                pending = null;
            }
        }
        finally
        {
            pool.Return(buffer);
            if (pending is { } unused) pool.Return(unused.Buffer);
            if (queue is not null)
            {
                queue.CompleteAdding();
                foreach (var t in threads!) t.Join();
                queue.Dispose();
            }
        }
        if (workerFault is not null) throw new AggregateException("An svmlight parsing worker failed.", workerFault);
        _sinkFault?.Throw();
    }

    /// <summary>Whether the start of a line (no newline yet) holds a NUL byte before any '#' that would make it a comment.</summary>
    private static bool IsBinary(ReadOnlySpan<byte> line)
    {
        int nul = line.IndexOf((byte)0);
        return nul >= 0 && !line[..nul].Contains((byte)'#');
    }

    private Thread[] StartWorkers(BlockingCollection<(byte[] Buffer, int Length, int Sequence)> queue, ArrayPool<byte> pool,
        Action<Exception> fault)
    {
        var threads = new Thread[_workers];
        for (int w = 0; w < threads.Length; w++)
        {
            threads[w] = new Thread(() =>
            {
                // Keep consuming after a failure (skipping the parse), so a blocked producer is always released.
                foreach (var (buf, len, seq) in queue.GetConsumingEnumerable())
                {
                    try
                    {
                        fixed (byte* p = buf) ParseChunk(seq, p, len);
                    }
                    catch (Exception e)
                    {
                        lock (_gate) fault(e);
                        Stop();
                    }
                    finally
                    {
                        pool.Return(buf);
                    }
                }
            })
            { IsBackground = true, Name = $"svmlight parser {w}" };
            threads[w].Start();
        }
        return threads;
    }

    private void ParseChunk(int sequence, byte* start, int length)
    {
        if (sequence > Volatile.Read(ref _firstFailure)) return;
        var chunk = _spare is not null && _spare.TryTake(out var used) ? used.Reset(sequence, length)
            : new SvmlightChunk(sequence, length, _bytesPerEntry, _bytesPerRow, _settings.MultiLabel);
        try
        {
            SvmlightChunkParser.Parse(start, start + length, chunk, _settings);
            if (chunk.Count > 0) _bytesPerEntry = (double)length / chunk.Count;
            if (chunk.Rows > 0) _bytesPerRow = (double)length / chunk.Rows;
        }
        catch (SvmlightSyntaxException e)
        {
            chunk.Failure = e;
            int seen;
            while (sequence < (seen = Volatile.Read(ref _firstFailure))
                   && Interlocked.CompareExchange(ref _firstFailure, sequence, seen) != seen)
            {
            }
        }
        Deliver(chunk);
    }

    /// <summary>Sizes the first chunks' arrays from the first bytes: entries ≈ colons, rows ≈ newlines.</summary>
    private void Estimate(ReadOnlySpan<byte> head)
    {
        var sample = head[..Math.Min(head.Length, 1 << 16)];
        int colons = sample.Count((byte)':'), lines = sample.Count((byte)'\n');
        if (colons > 0) _bytesPerEntry = (double)sample.Length / colons;
        if (lines > 0) _bytesPerRow = (double)sample.Length / lines;
    }
}
