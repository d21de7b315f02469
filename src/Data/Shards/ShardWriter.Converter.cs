using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace OptSuite.Data.Shards;

/// <summary>What the converter needs of <see cref="ShardWriter"/>: the column fix-up, and a source known only at the end.</summary>
public sealed partial class ShardWriter
{
    private ShardSource? _source;

    /// <summary>Replaces <see cref="ShardWriterOptions.Source"/> in the manifest (the svmlight index base is known only once read).</summary>
    internal void SetSource(ShardSource source) => _source = source;

    /// <summary>
    /// Adds <paramref name="delta"/> (≥ 0) to every column index written so far: the rows in memory, and in the shard
    /// files already written the indices, the header's column count and the manifest checksum. The svmlight converter
    /// needs it under the auto index base: rows are written one-based until an index 0 shows the file is zero-based, and
    /// only then is what was written shifted — most files are one-based and are read once.
    /// </summary>
    internal void ShiftColumns(int delta)
    {
        Usable();
        ArgumentOutOfRangeException.ThrowIfNegative(delta);
        if (_options.Storage != ShardStorage.Sparse) throw new InvalidOperationException("Only sparse shards have column indices to shift.");
        if (delta == 0 || _maxColumn < 0) return;   // no entry written yet: nothing to shift
        if (_maxColumn > int.MaxValue - 1 - delta) throw new InvalidOperationException("Shifted column indices would overflow.");
        for (int k = 0; k < _nnz; k++) _indices[k] += delta;
        _maxColumn += delta;
        for (int s = 0; s < _shards.Count; s++) _shards[s] = Shift(_shards[s], delta);
    }

    private ShardInfo Shift(ShardInfo info, int delta)
    {
        string path = Path.Combine(_directory, info.File);
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        Span<byte> header = stackalloc byte[ShardLayout.HeaderBytes];
        ShardedDataset.ReadExactly(handle, header, 0, path);
        var layout = ShardLayout.Read(header, path);
        // A header's column count is 1 + the largest column written up to that shard, 0 while there was none.
        if (layout.Columns > 0) (layout with { Columns = layout.Columns + delta }).Write(header);
        RandomAccess.Write(handle, header, 0);
        var block = new int[1 << 18];
        var bytes = MemoryMarshal.AsBytes(block.AsSpan());
        for (long done = 0; done < layout.NonZeros;)
        {
            int n = (int)Math.Min(block.Length, layout.NonZeros - done);
            long offset = layout.IndicesOffset + 4 * done;
            ShardedDataset.ReadExactly(handle, bytes[..(4 * n)], offset, path);
            for (int k = 0; k < n; k++) block[k] += delta;
            RandomAccess.Write(handle, bytes[..(4 * n)], offset);
            done += n;
        }
        RandomAccess.FlushToDisk(handle);
        var hash = new XxHash3();
        for (long at = 0; at < layout.FileBytes;)
        {
            int n = (int)Math.Min(bytes.Length, layout.FileBytes - at);
            ShardedDataset.ReadExactly(handle, bytes[..n], at, path);
            hash.Append(bytes[..n]);
            at += n;
        }
        return info with { Checksum = Hex(hash.GetCurrentHashAsUInt64()) };
    }
}
