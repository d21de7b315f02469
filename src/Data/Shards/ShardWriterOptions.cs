namespace OptSuite.Data.Shards;

/// <summary>Options of a <see cref="ShardWriter"/>.</summary>
public sealed record ShardWriterOptions
{
    /// <summary>The default shard size: 256 MiB.</summary>
    public const long DefaultShardBytes = 256L << 20;

    /// <summary>Smallest allowed shard size (tests use many tiny shards).</summary>
    public const long MinShardBytes = 1024;

    /// <summary>Largest allowed shard size (a shard's entries must fit int32 offsets).</summary>
    public const long MaxShardBytes = 2L << 30;

    /// <summary>A shard is closed before a row would take it past this many bytes (a single larger row gets a shard of its own).</summary>
    public long ShardBytes { get; init; } = DefaultShardBytes;

    /// <summary>Sparse (CSR) or dense (row-major) shards.</summary>
    public ShardStorage Storage { get; init; } = ShardStorage.Sparse;

    /// <summary>Rows carry sample weights.</summary>
    public bool Weights { get; init; }

    /// <summary>Where the data came from, recorded in the manifest.</summary>
    public ShardSource? Source { get; init; }

    /// <summary>Checks every field; throws <see cref="ArgumentOutOfRangeException"/> naming it.</summary>
    public void Validate()
    {
        if (ShardBytes is < MinShardBytes or > MaxShardBytes)
            throw new ArgumentOutOfRangeException(nameof(ShardBytes), ShardBytes, $"ShardBytes must be between {MinShardBytes} and {MaxShardBytes}.");
        if (Storage is not (ShardStorage.Sparse or ShardStorage.Dense))
            throw new ArgumentOutOfRangeException(nameof(Storage), Storage, "Unknown storage.");
    }
}
