namespace OptSuite.Data.Shards;

/// <summary>What <see cref="ShardConverter.Convert"/> did.</summary>
/// <param name="Directory">The dataset's directory.</param>
/// <param name="Manifest">Its manifest (rows, columns, entries, shards, bytes, labels).</param>
/// <param name="Elapsed">Wall time.</param>
/// <param name="InputBytes">The input file's size (compressed size for a compressed file).</param>
/// <param name="TextBytes">The text bytes of the input (decompressed).</param>
/// <param name="Passes">Passes over the input: 1, or 2 where the input needed a first look (svmlight to dense storage, Matrix Market).</param>
/// <param name="Notes">What the user should know: data the shard format does not keep (qid), how an unsorted file was handled.</param>
public sealed record ShardConversion(string Directory, ShardManifest Manifest, TimeSpan Elapsed, long InputBytes, long TextBytes,
    int Passes, IReadOnlyList<string> Notes);
