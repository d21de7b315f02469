using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using OptSuite.LinearAlgebra;

namespace OptSuite.Data.Shards;

/// <summary>
/// The features of a <see cref="ShardedDataset"/> as a linear map that holds one shard (and the one read ahead) in
/// memory: products are one sequential pass over the shard files, the next shard read on another thread while the
/// current one is multiplied.
/// </summary>
/// <remarks>
/// Shard buffers are pooled (at most two sets per concurrent pass), so a pass allocates nothing once warm and memory
/// stays about twice the largest shard plus O(n + p). Each block is checked as it is wrapped (pointers monotone, column
/// indices inside [0, p)), and its checksum (XXH3-64 of the file) is checked as <see cref="ShardVerification"/> says.
/// </remarks>
public sealed class ShardedMatrix : RowBlockedMap
{
    private readonly ShardedDataset _data;
    private readonly ShardVerification _verification;
    private readonly bool[] _verified;
    private readonly int[] _starts;
    private readonly int _largestShard;
    private readonly ConcurrentBag<ShardBuffers> _pool = [];

    internal ShardedMatrix(ShardedDataset data, ShardVerification verification, ILinearAlgebraBackend? backend)
    {
        _data = data;
        _verification = verification;
        Backend = backend ?? LinearAlgebraBackends.ForNewMatrix(data.Rows, data.Columns, data.Manifest.NonZeros);
        var shards = data.Manifest.Shards;
        _verified = new bool[shards.Count];
        _largestShard = shards.Count == 0 ? 0 : (int)shards.Max(s => s.NonZeros);
        _starts = new int[shards.Count + 1];
        for (int b = 0; b < shards.Count; b++) _starts[b] = (int)(shards[b].FirstRow - data.FirstRow);
        _starts[^1] = data.Rows;
    }

    /// <inheritdoc />
    public override int Rows => _data.Rows;

    /// <inheritdoc />
    public override int Columns => _data.Columns;

    /// <inheritdoc />
    public override long StoredCount => _data.Manifest.NonZeros;

    /// <inheritdoc />
    public override ILinearAlgebraBackend Backend { get; }

    /// <inheritdoc />
    public override int BlockCount => _verified.Length;

    /// <summary>Shards read so far (passes × shards, plus read-ahead a pass stopped early did not use).</summary>
    public long BlocksRead => Interlocked.Read(ref _blocksRead);

    /// <summary>Bytes read from shard files so far.</summary>
    public long BytesRead => Interlocked.Read(ref _bytesRead);

    private long _blocksRead, _bytesRead;

    /// <summary>The dataset these features belong to.</summary>
    public ShardedDataset Dataset => _data;

    /// <inheritdoc />
    protected override string Description => $"the shard dataset {_data.Directory}";

    /// <inheritdoc />
    public override int BlockStart(int block)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(block);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(block, BlockCount);
        return _starts[block];
    }

    /// <inheritdoc />
    public override IEnumerable<RowBlock> ReadBlocks(IReadOnlyList<int>? order = null)
    {
        if (order is not null)
            for (int k = 0; k < order.Count; k++)
                if ((uint)order[k] >= (uint)BlockCount)
                    throw new ArgumentOutOfRangeException(nameof(order), order[k], $"Block indices must be in [0, {BlockCount}).");
        return new Pass(this, order);
    }

    /// <summary>Reads every shard once and checks its checksum.</summary>
    internal void VerifyAll()
    {
        var buffers = Rent();
        try
        {
            for (int b = 0; b < BlockCount; b++) Load(b, buffers, forceVerify: true);
        }
        finally
        {
            _pool.Add(buffers);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"ShardedMatrix {Rows}×{Columns}, {StoredCount} entries in {BlockCount} shards ({_data.Directory})";

    private ShardBuffers Rent() => _pool.TryTake(out var b) ? b : new ShardBuffers();

    private void Return(ShardBuffers b)
    {
        if (_pool.Count < 2) _pool.Add(b);
    }

    private RowBlock Load(int block, ShardBuffers buf, bool forceVerify = false)
    {
        var manifest = _data.Manifest;
        var info = manifest.Shards[block];
        string path = Path.Combine(_data.Directory, info.File);
        bool verify = forceVerify || _verification == ShardVerification.EveryRead
            || (_verification == ShardVerification.FirstRead && !Volatile.Read(ref _verified[block]));
        using var handle = ShardedDataset.OpenShard(path, info);
        var layout = ShardedDataset.ReadHeader(handle, path, manifest, info);
        XxHash3? hash = null;
        long position = 0;
        if (verify)
        {
            hash = new XxHash3();
            Span<byte> header = stackalloc byte[ShardLayout.HeaderBytes];
            ShardedDataset.ReadExactly(handle, header, 0, path);
            hash.Append(header);
            position = ShardLayout.HeaderBytes;
            // The labels and weights are in memory already; read them only to check the file.
            long labelBytes = (layout.Weights ? layout.PointersOffset : layout.WeightsOffset) - layout.LabelsOffset;
            buf.Scratch = Grow(buf.Scratch, labelBytes);
            ReadSection(handle, buf.Scratch.AsSpan(0, (int)labelBytes), layout.LabelsOffset, ref position, hash, path, buf);
        }
        int rows = layout.Rows, nnz = (int)layout.NonZeros;
        ILinearMap matrix;
        if (layout.Storage == ShardStorage.Dense)
        {
            long size = (long)rows * Columns;
            if (buf.Values.Length != size) buf.Values = GC.AllocateUninitializedArray<double>((int)size);
            ReadSection(handle, MemoryMarshal.AsBytes(buf.Values.AsSpan()), layout.ValuesOffset, ref position, hash, path, buf);
            Finish(hash, info, path, block);
            matrix = new DenseMatrix(rows, Columns, buf.Values, MatrixLayout.RowMajor, Backend);
        }
        else
        {
            var pointers = buf.Pointers.Length == rows + 1 ? buf.Pointers : new int[rows + 1];
            buf.Pointers = pointers;
            // Sized for the largest shard at once: growing shard by shard would leave a dead 200 MB array per step
            // for the GC, which under a memory limit is the difference between fitting and not.
            if (buf.Indices.Length < nnz) buf.Indices = GC.AllocateUninitializedArray<int>(_largestShard);
            if (buf.Values.Length < nnz) buf.Values = GC.AllocateUninitializedArray<double>(_largestShard);
            ReadSection(handle, MemoryMarshal.AsBytes(pointers.AsSpan()), layout.PointersOffset, ref position, hash, path, buf);
            ReadSection(handle, MemoryMarshal.AsBytes(buf.Indices.AsSpan(0, nnz)), layout.IndicesOffset, ref position, hash, path, buf);
            ReadSection(handle, MemoryMarshal.AsBytes(buf.Values.AsSpan(0, nnz)), layout.ValuesOffset, ref position, hash, path, buf);
            Finish(hash, info, path, block);
            if (pointers[rows] != nnz)
                throw new InvalidDataException($"{path}: corrupted shard (its row pointers end at {pointers[rows]}, not {nnz}).");
            try
            {
                matrix = new CsrMatrix(rows, Columns, pointers, buf.Indices, buf.Values, Backend);
            }
            catch (ArgumentException e)
            {
                throw new InvalidDataException($"{path}: corrupted shard ({e.Message})", e);
            }
        }
        Interlocked.Increment(ref _blocksRead);
        Interlocked.Add(ref _bytesRead, verify ? layout.FileBytes : layout.FileBytes - (layout.PointersOffset - layout.LabelsOffset));
        return new RowBlock(block, _starts[block], matrix);
    }

    private void Finish(XxHash3? hash, ShardInfo info, string path, int block)
    {
        if (hash is null) return;
        string actual = ShardWriter.Hex(hash.GetCurrentHashAsUInt64());
        if (!string.Equals(actual, info.Checksum, StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException($"{path}: shard corrupted (checksum {actual}, the manifest says {info.Checksum}).");
        Volatile.Write(ref _verified[block], true);
    }

    /// <summary>Reads a section at <paramref name="offset"/>; when hashing, the padding before it is read and hashed too.</summary>
    private static void ReadSection(Microsoft.Win32.SafeHandles.SafeFileHandle handle, Span<byte> destination, long offset, ref long position,
        XxHash3? hash, string path, ShardBuffers buf)
    {
        if (hash is not null && position < offset)
        {
            int pad = (int)(offset - position);
            Span<byte> gap = buf.Gap.AsSpan(0, pad);
            ShardedDataset.ReadExactly(handle, gap, position, path);
            hash.Append(gap);
        }
        ShardedDataset.ReadExactly(handle, destination, offset, path);
        hash?.Append(destination);
        position = offset + destination.Length;
    }

    private static byte[] Grow(byte[] buffer, long length) => buffer.Length >= length ? buffer : new byte[length];

    private sealed class ShardBuffers
    {
        public int[] Pointers = [];
        public int[] Indices = [];
        public double[] Values = [];
        public byte[] Scratch = [];
        public readonly byte[] Gap = new byte[ShardLayout.Alignment];
    }

    /// <summary>One pass: the current block and the one being read ahead, each in its own buffers.</summary>
    private sealed class Pass(ShardedMatrix m, IReadOnlyList<int>? order) : IEnumerable<RowBlock>
    {
        public IEnumerator<RowBlock> GetEnumerator() => new Cursor(m, order);

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private sealed class Cursor(ShardedMatrix m, IReadOnlyList<int>? order) : IEnumerator<RowBlock>
    {
        private readonly int _count = order?.Count ?? m.BlockCount;
        private int _next;
        private ShardBuffers? _currentBuffers;
        private (Task<RowBlock> Task, ShardBuffers Buffers)? _ahead;

        public RowBlock Current { get; private set; }

        object System.Collections.IEnumerator.Current => Current;

        public bool MoveNext()
        {
            if (_currentBuffers is not null) { m.Return(_currentBuffers); _currentBuffers = null; }
            if (_next >= _count) return false;
            var (task, buffers) = _ahead ?? Start(_next);
            _ahead = null;
            _next++;
            _currentBuffers = buffers;
            Current = task.GetAwaiter().GetResult();
            if (_next < _count) _ahead = Start(_next);
            return true;
        }

        private (Task<RowBlock>, ShardBuffers) Start(int k)
        {
            int block = order is null ? k : order[k];
            var buffers = m.Rent();
            return (Task.Run(() => m.Load(block, buffers)), buffers);
        }

        public void Reset() => throw new NotSupportedException();

        public void Dispose()
        {
            if (_ahead is { } a)
            {
                try { a.Task.Wait(); } catch (AggregateException) { }
                m.Return(a.Buffers);
                _ahead = null;
            }
            if (_currentBuffers is not null) { m.Return(_currentBuffers); _currentBuffers = null; }
            _next = _count;
        }
    }
}
