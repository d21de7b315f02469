namespace OptSuite.Data.Shards;

/// <summary>How a shard stores its rows.</summary>
public enum ShardStorage
{
    /// <summary>Compressed sparse rows: row pointers, column indices, values.</summary>
    Sparse,

    /// <summary>Every entry, row-major.</summary>
    Dense,
}
