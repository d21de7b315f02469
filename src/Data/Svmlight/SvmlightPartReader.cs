using OptSuite.LinearAlgebra.Distributed;

namespace OptSuite.Data;

/// <summary>
/// Reads one rank's rows of an svmlight file for a distributed fit: the file is split into equal byte ranges, and a
/// line belongs to the range its first byte lies in, so every line is read by exactly one part, whole, and nothing but
/// the file's length is shared beforehand (MPI-LIBLINEAR's split-by-bytes, without its pre-split files).
/// </summary>
/// <remarks>
/// <para>A part is read as <see cref="SvmlightReader"/> reads a file (same grammar, same errors); a malformed line is
/// a <see cref="DataFormatException"/> with its line number in the whole file (the part counts the newlines before
/// its range when it reports one). Compressed files cannot be split by bytes: they are refused with the way out
/// (decompress, or convert to shards, whose parts are split by <c>ShardedDataset.OpenPart</c>).</para>
/// <para><see cref="Read(string, ICommunicator, SvmlightReaderOptions?)"/> then makes the parts one dataset: under
/// <see cref="SvmlightIndexBase.Auto"/> the file is zero-based when any part holds an index 0 (the parts that read
/// one-based move their columns up by one), and the feature count is the largest part's, so every rank holds the same
/// p columns numbered as a single read of the whole file would number them.</para>
/// </remarks>
public static class SvmlightPartReader
{
    /// <summary>Bytes scanned at a time for line ends.</summary>
    private const int ScanBytes = 1 << 16;

    /// <summary>
    /// This rank's rows of an svmlight file (collective: every rank of <paramref name="communicator"/> calls it): the lines
    /// of the rank's byte range, with the feature count and index base agreed by all ranks. Rank r holds the r-th range,
    /// so the ranks' rows in rank order are the file's rows in order.
    /// </summary>
    /// <param name="path">A plain-text svmlight file every rank can read.</param>
    /// <param name="communicator">The ranks.</param>
    /// <param name="options">Reader options (a given feature count or index base holds for every part).</param>
    public static SvmlightDataset Read(string path, ICommunicator communicator, SvmlightReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(communicator);
        options ??= SvmlightReaderOptions.Default;
        var part = ReadPart(path, communicator.Rank, communicator.Size, options);
        // Index base: zero-based when any part saw an index 0 (Auto); p: the largest part's, after the shift.
        bool auto = options.IndexBase == SvmlightIndexBase.Auto;
        bool zeroBased = auto ? communicator.AllReduceMax(part.ZeroBasedIndices ? 1.0 : 0.0) > 0 : part.ZeroBasedIndices;
        int shift = auto && zeroBased && !part.ZeroBasedIndices ? 1 : 0;
        int columns = (int)communicator.AllReduceMax((double)part.Columns + shift);
        if (shift == 0 && columns == part.Columns) return part;
        return new SvmlightDataset(part.Features.WithColumns(columns, shift), part.Labels, part.QueryIds, zeroBased);
    }

    /// <summary>
    /// Part <paramref name="part"/> of <paramref name="parts"/> of an svmlight file read on its own: the lines whose first
    /// byte lies in [part·S/parts, (part + 1)·S/parts), S the file's length, with the index base and feature count that
    /// part alone shows (or <paramref name="options"/> gives). May hold no rows.
    /// </summary>
    /// <param name="path">A plain-text svmlight file.</param>
    /// <param name="part">0 … <paramref name="parts"/> − 1.</param>
    /// <param name="parts">The number of parts, at least 1.</param>
    /// <param name="options">Reader options.</param>
    public static SvmlightDataset ReadPart(string path, int part, int parts, SvmlightReaderOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(parts, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(part);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(part, parts);
        if (!File.Exists(path)) throw new FileNotFoundException($"Data file not found: {path}", path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 12, FileOptions.SequentialScan);
        Span<byte> magic = stackalloc byte[6];
        int got = file.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
        if (CompressedStreams.Detect(magic[..got]) != CompressedStreams.Compression.None)
            throw new DataFormatException(path, 0, 0,
                "a compressed file cannot be split into byte ranges for a distributed read: decompress it, or convert it to shards " +
                "('optsuite convert') and pass the directory, whose shards the ranks share out");
        long length = file.Length;
        long start = LineStart(file, length * part / parts), end = LineStart(file, length * (part + 1) / parts);
        file.Position = start;
        try
        {
            return SvmlightReader.Read(new RangeStream(file, end - start), path, options);
        }
        catch (DataFormatException e) when (e.Line > 0 && start > 0)
        {
            throw new DataFormatException(e.FilePath, e.Line + LinesBefore(path, start), e.Column, e.Problem, e.OffendingText, e);
        }
    }

    /// <summary>The first line start at or after <paramref name="offset"/> (the file's length when none).</summary>
    private static long LineStart(FileStream file, long offset)
    {
        if (offset <= 0) return 0;
        long length = file.Length;
        if (offset >= length) return length;
        var buffer = new byte[ScanBytes];
        file.Position = offset - 1;   // a line starts at offset when the byte before it ends one
        long at = offset - 1;
        while (true)
        {
            int read = file.Read(buffer, 0, buffer.Length);
            if (read == 0) return length;
            int newline = Array.IndexOf(buffer, (byte)'\n', 0, read);
            if (newline >= 0) return at + newline + 1;
            at += read;
        }
    }

    /// <summary>The newlines in the file's first <paramref name="bytes"/> bytes (only when an error needs a line number).</summary>
    private static long LinesBefore(string path, long bytes)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var buffer = new byte[1 << 20];
        long lines = 0, left = bytes;
        while (left > 0)
        {
            int read = file.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (read == 0) break;
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
            left -= read;
        }
        return lines;
    }

    /// <summary>The next <c>length</c> bytes of a stream, forward only.</summary>
    private sealed class RangeStream(Stream inner, long length) : ReadOnlyStream
    {
        private long _left = length;

        public override int Read(Span<byte> buffer)
        {
            if (_left <= 0) return 0;
            int read = inner.Read(buffer[..(int)Math.Min(buffer.Length, _left)]);
            _left -= read;
            return read;
        }
    }
}
