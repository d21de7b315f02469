namespace OptSuite.Data.Shards;

/// <summary>Where a shard dataset came from, as the manifest records it (informational).</summary>
/// <param name="Path">The input file, as given to the converter.</param>
/// <param name="Format">Its format: "svmlight", "csv", "matrix-market", or what a program says.</param>
/// <param name="IndexBase">The svmlight feature index base used (0 or 1), or null for other formats.</param>
/// <param name="Bytes">The input's size in bytes (compressed size for a compressed file), or null.</param>
public sealed record ShardSource(string? Path, string? Format, int? IndexBase = null, long? Bytes = null);
