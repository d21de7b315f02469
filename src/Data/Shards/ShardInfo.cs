namespace OptSuite.Data.Shards;

/// <summary>One shard file as the manifest lists it.</summary>
/// <param name="File">The file name inside the dataset directory.</param>
/// <param name="FirstRow">Its first row in the dataset.</param>
/// <param name="Rows">Its rows.</param>
/// <param name="NonZeros">Its stored entries.</param>
/// <param name="Bytes">The file's exact length.</param>
/// <param name="Checksum">XXH3-64 of the whole file, 16 lower-case hex digits.</param>
public sealed record ShardInfo(string File, long FirstRow, int Rows, long NonZeros, long Bytes, string Checksum);
