using System.Runtime.InteropServices;

namespace OptSuite.Data.Shards;

/// <summary>
/// An external bucket sort of Matrix Market entries by row, for files not in row order: rows are split into buckets
/// of consecutive rows holding at most a budget of entries each (from the first pass's counts), the second pass
/// appends each entry to its bucket's file (16 bytes: row, column with a mirror flag, value), and then each bucket in
/// turn is loaded, sorted by row and column and handed over a row at a time. Memory: the budget's entries (about 20
/// bytes each) plus the buckets' write buffers; disk: 16 bytes per entry, deleted on dispose.
/// </summary>
/// <remarks>
/// Duplicates are summed in the reader's order (<see cref="LinearAlgebra.CsrMatrix.FromTriplets"/> over the file's
/// entries followed by their mirrors): a row's stored entries are placed in file order, its mirrored entries after
/// them, and the sort by column is stable. A bucket exceeds the budget only when one group of rows the first pass
/// counted does (one row, for up to 2^20 rows).
/// </remarks>
internal sealed class MatrixMarketScatter : IDisposable
{
    private const int RecordBytes = 16;
    private const int MirrorFlag = int.MinValue;
    private const int MaxBucketRows = 1 << 21;
    private const int BufferBudget = 16 << 20;

    private readonly string _directory;
    private readonly MatrixMarketScan _scan;
    private readonly int[] _bucketOfGroup;
    private readonly List<int> _starts = [0];   // first row of each bucket, then the row count
    private readonly byte[][] _buffers;
    private readonly int[] _filled;

    public MatrixMarketScatter(string directory, MatrixMarketScan scan, int budget)
    {
        _directory = directory;
        _scan = scan;
        int rows = scan.Header.Rows, groupRows = scan.GroupRows;
        var counts = scan.GroupCounts;
        _bucketOfGroup = new int[counts.Length];
        long inBucket = 0;
        for (int g = 0; g < counts.Length; g++)
        {
            int groupStart = g * groupRows;
            bool full = inBucket > 0 && (inBucket + counts[g] > budget || groupStart - _starts[^1] + groupRows > MaxBucketRows);
            if (full)
            {
                _starts.Add(groupStart);
                inBucket = 0;
            }
            inBucket += counts[g];
            _bucketOfGroup[g] = _starts.Count - 1;
        }
        _starts.Add(rows);
        int buckets = _starts.Count - 1;
        int size = Math.Clamp(BufferBudget / buckets / RecordBytes * RecordBytes, 256 * RecordBytes, 1 << 20);
        _buffers = new byte[buckets][];
        _filled = new int[buckets];
        for (int b = 0; b < buckets; b++) _buffers[b] = new byte[size];
        Directory.CreateDirectory(directory);
    }

    public int Buckets => _buffers.Length;

    /// <summary>Bytes written to the bucket files.</summary>
    public long Bytes { get; private set; }

    /// <summary>Adds an entry (a mirrored one is placed after the stored ones of its row).</summary>
    public void Add(int i, int j, double v, bool mirror)
    {
        int b = _bucketOfGroup[i / _scan.GroupRows];
        var buffer = _buffers[b];
        if (_filled[b] == buffer.Length) Flush(b);
        var record = MemoryMarshal.Cast<byte, int>(buffer.AsSpan(_filled[b], RecordBytes));
        record[0] = i;
        record[1] = mirror ? j | MirrorFlag : j;
        MemoryMarshal.Write(buffer.AsSpan(_filled[b] + 8), v);
        _filled[b] += RecordBytes;
    }

    /// <summary>Writes the buffers out; call once every entry was added, before <see cref="Rows"/>.</summary>
    public void Complete()
    {
        for (int b = 0; b < _buffers.Length; b++) Flush(b);
    }

    /// <summary>Hands each row that has entries, in row order, with its columns sorted and duplicates summed.</summary>
    public void Rows(Action<int, Span<int>, Span<double>> row)
    {
        var block = new byte[1 << 20];
        for (int b = 0; b < _buffers.Length; b++)
        {
            _buffers[b] = [];
            int first = _starts[b], count = _starts[b + 1] - first;
            string path = File(b);
            if (!System.IO.File.Exists(path)) continue;
            var starts = new int[count + 1];
            bool mirrors = false;
            Each(path, block, (i, j, _) => { starts[i - first + 1]++; mirrors |= j < 0; });
            for (int r = 0; r < count; r++) starts[r + 1] += starts[r];
            int n = starts[count];
            var next = starts[..count];
            var keys = new long[n];
            var values = new double[n];
            for (int sweep = 0; sweep < (mirrors ? 2 : 1); sweep++)
            {
                bool wantMirrors = sweep == 1;
                Each(path, block, (i, j, v) =>
                {
                    if ((j < 0) != wantMirrors) return;
                    int at = next[i - first]++;
                    keys[at] = ((long)(j & int.MaxValue) << 32) | (uint)at;   // column, then place: a stable sort
                    values[at] = v;
                });
            }
            System.IO.File.Delete(path);
            var columns = new int[Math.Max(1, MaxRow(starts))];
            for (int r = 0; r < count; r++)
            {
                int s = starts[r], length = starts[r + 1] - s;
                if (length == 0) continue;
                if (!Ascending(keys, s, length)) Array.Sort(keys, values, s, length);
                int w = 0;
                for (int k = s; k < s + length; k++)
                {
                    int column = (int)(keys[k] >> 32);
                    if (w > 0 && columns[w - 1] == column) values[s + w - 1] += values[k];
                    else { columns[w] = column; values[s + w] = values[k]; w++; }
                }
                row(first + r, columns.AsSpan(0, w), values.AsSpan(s, w));
            }
        }
    }

    public void Dispose()
    {
        try { if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private string File(int b) => Path.Combine(_directory, $"bucket-{b:D6}.bin");

    private void Flush(int b)
    {
        if (_filled[b] == 0) return;
        using (var f = new FileStream(File(b), FileMode.Append, FileAccess.Write, FileShare.None, 0))
            f.Write(_buffers[b], 0, _filled[b]);
        Bytes += _filled[b];
        _filled[b] = 0;
    }

    private static void Each(string path, byte[] block, Action<int, int, double> entry)
    {
        using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 0, FileOptions.SequentialScan);
        int got;
        while ((got = f.ReadAtLeast(block, block.Length, throwOnEndOfStream: false)) > 0)
        {
            if (got % RecordBytes != 0) throw new IOException($"{path}: a temporary bucket file was cut short.");
            for (int at = 0; at < got; at += RecordBytes)
            {
                var record = MemoryMarshal.Cast<byte, int>(block.AsSpan(at, 8));
                entry(record[0], record[1], MemoryMarshal.Read<double>(block.AsSpan(at + 8)));
            }
        }
    }

    private static bool Ascending(long[] keys, int start, int length)
    {
        for (int k = start + 1; k < start + length; k++)
            if (keys[k] < keys[k - 1]) return false;
        return true;
    }

    private static int MaxRow(int[] starts)
    {
        int max = 0;
        for (int r = 0; r + 1 < starts.Length; r++) max = Math.Max(max, starts[r + 1] - starts[r]);
        return max;
    }
}
