using System.Diagnostics;
using OptSuite.Data;
using OptSuite.Data.Shards;

namespace OptSuite.Cli.Commands;

/// <summary>
/// <c>optsuite inspect DIR</c> on a shard dataset: the manifest in the terms <c>inspect FILE</c> uses (rows, columns,
/// non-zeros, density, the same label summary), then storage, shards, bytes and the source; with <c>--verify</c> every
/// shard is read and its checksum and structure checked. A directory that is not a dataset (no manifest: an interrupted
/// conversion) or a damaged one is exit code 2, with the file named.
/// </summary>
internal static class InspectShards
{
    public static List<KeyValuePair<string, object?>> Inspect(string directory, bool verify)
    {
        if (!ShardedDataset.IsShardDirectory(directory) && !Directory.EnumerateFiles(directory, "shard-*.bin").Any())
            throw new UsageException($"{directory} is a directory, neither a data file nor a shard dataset (it has no {ShardManifest.FileName}).");
        ShardedDataset data;
        var clock = Stopwatch.StartNew();
        try
        {
            data = ShardedDataset.Open(directory, verify ? ShardVerification.Open : ShardVerification.FirstRead);
        }
        catch (InvalidDataException e)
        {
            throw new UsageException(e.Message);
        }
        double seconds = clock.Elapsed.TotalSeconds;
        var m = data.Manifest;
        var fields = new List<KeyValuePair<string, object?>>
        {
            new("dataset", directory),
            new("format", $"{ShardManifest.FormatName} v{m.Version}"),
        };
        InspectCommand.Shape(fields, m.Rows, m.Columns, m.NonZeros);
        InspectCommand.Labels(fields, m.Labels);
        fields.Add(new("storage", m.Storage == ShardStorage.Sparse ? "sparse" : "dense"));
        fields.Add(new("weights", m.HasWeights));
        fields.Add(new("shards", m.Shards.Count));
        fields.Add(new("bytes", m.Bytes));
        fields.Add(new("largest_shard_bytes", m.Shards.Count == 0 ? 0 : m.Shards.Max(s => s.Bytes)));
        if (m.Source is { } src)
        {
            fields.Add(new("source", src.Path));
            fields.Add(new("source_format", src.Format));
            if (src.IndexBase is { } b) fields.Add(new("index_base", b == 0 ? "zero-based" : "one-based"));
            fields.Add(new("source_bytes", src.Bytes));
        }
        fields.Add(new("writer", m.Writer));
        if (verify)
        {
            fields.Add(new("verified", $"{m.Shards.Count} shard(s): sizes, headers, checksums and structure check out"));
            fields.Add(new("verify_seconds", Math.Round(seconds, 3)));
        }
        return fields;
    }
}
