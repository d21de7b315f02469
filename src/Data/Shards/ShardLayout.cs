using System.Buffers.Binary;

namespace OptSuite.Data.Shards;

/// <summary>
/// The byte layout of one shard file (docs/shard-format.md): a 64-byte little-endian header, then the sections —
/// labels (rows doubles), weights (rows doubles, when the dataset has weights), and for sparse storage the row pointers
/// (rows + 1 int32), column indices (nnz int32) and values (nnz doubles), for dense storage the values (rows·columns
/// doubles, row-major) — each starting at a multiple of 64 bytes, so a reader may map the file and use the sections in
/// place.
/// </summary>
internal readonly record struct ShardLayout(ShardStorage Storage, int Rows, int Columns, long NonZeros, bool Weights, long FirstRow)
{
    public const int HeaderBytes = 64;
    public const int Alignment = 64;
    public const int Version = 1;
    public static ReadOnlySpan<byte> Magic => "OPTSHARD"u8;

    public long LabelsOffset => HeaderBytes;
    public long WeightsOffset => Align(LabelsOffset + 8L * Rows);
    public long PointersOffset => Weights ? Align(WeightsOffset + 8L * Rows) : WeightsOffset;
    public long IndicesOffset => Storage == ShardStorage.Sparse ? Align(PointersOffset + 4L * (Rows + 1)) : PointersOffset;
    public long ValuesOffset => Storage == ShardStorage.Sparse ? Align(IndicesOffset + 4L * NonZeros) : PointersOffset;
    public long FileBytes => ValuesOffset + 8L * NonZeros;

    /// <summary>The sections are read and written in the machine's byte order, which must be the format's.</summary>
    public static void RequireLittleEndian()
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("Shard files are little-endian; this machine is big-endian.");
    }

    public static long Align(long offset) => (offset + Alignment - 1) / Alignment * Alignment;

    /// <summary>The bytes a shard of this many rows and entries takes (for cutting shards at a size).</summary>
    public static long Estimate(ShardStorage storage, long rows, long nonZeros, bool weights) =>
        HeaderBytes + 8 * rows * (weights ? 2 : 1) + (storage == ShardStorage.Sparse ? 4 * (rows + 1) + 12 * nonZeros : 8 * nonZeros) + 4 * Alignment;

    public void Write(Span<byte> header)
    {
        header[..HeaderBytes].Clear();
        Magic.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], Version);
        BinaryPrimitives.WriteInt32LittleEndian(header[12..], (int)Storage);
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], Rows);
        BinaryPrimitives.WriteInt32LittleEndian(header[20..], Columns);
        BinaryPrimitives.WriteInt64LittleEndian(header[24..], NonZeros);
        BinaryPrimitives.WriteInt32LittleEndian(header[32..], Weights ? 1 : 0);
        BinaryPrimitives.WriteInt64LittleEndian(header[40..], FileBytes);
        BinaryPrimitives.WriteInt64LittleEndian(header[48..], FirstRow);
    }

    /// <summary>Reads a header, or says what is wrong with it (null when it is fine).</summary>
    public static ShardLayout Read(ReadOnlySpan<byte> header, string path)
    {
        if (header.Length < HeaderBytes || !header[..8].SequenceEqual(Magic))
            throw new InvalidDataException($"{path}: not an OptSuite shard (no OPTSHARD header).");
        int version = BinaryPrimitives.ReadInt32LittleEndian(header[8..]);
        if (version > Version)
            throw new InvalidDataException($"{path}: shard format version {version} was written by a newer OptSuite; this build reads version {Version}.");
        if (version < 1) throw new InvalidDataException($"{path}: invalid shard format version {version}.");
        int storage = BinaryPrimitives.ReadInt32LittleEndian(header[12..]);
        int rows = BinaryPrimitives.ReadInt32LittleEndian(header[16..]);
        int columns = BinaryPrimitives.ReadInt32LittleEndian(header[20..]);
        long nnz = BinaryPrimitives.ReadInt64LittleEndian(header[24..]);
        int flags = BinaryPrimitives.ReadInt32LittleEndian(header[32..]);
        long bytes = BinaryPrimitives.ReadInt64LittleEndian(header[40..]);
        long first = BinaryPrimitives.ReadInt64LittleEndian(header[48..]);
        if (storage is not (0 or 1) || rows < 0 || columns < 0 || nnz < 0 || nnz > Array.MaxLength || (flags & ~1) != 0 || first < 0
            || (storage == 1 && nnz != (long)rows * columns))
            throw new InvalidDataException($"{path}: corrupted shard header.");
        var layout = new ShardLayout((ShardStorage)storage, rows, columns, nnz, (flags & 1) != 0, first);
        if (layout.FileBytes != bytes) throw new InvalidDataException($"{path}: corrupted shard header (sizes disagree).");
        return layout;
    }
}
