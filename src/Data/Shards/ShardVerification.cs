namespace OptSuite.Data.Shards;

/// <summary>When a <see cref="ShardedDataset"/> checks its shards' checksums.</summary>
public enum ShardVerification
{
    /// <summary>The first time each shard is read (the default): a corrupted shard stops the first pass that meets it, later passes read at full speed.</summary>
    FirstRead,

    /// <summary>On every read (data on storage one does not trust to return what it was given).</summary>
    EveryRead,

    /// <summary>All shards when the dataset is opened (one extra pass).</summary>
    Open,

    /// <summary>Never (sizes and headers are still checked).</summary>
    Never,
}
