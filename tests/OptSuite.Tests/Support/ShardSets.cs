using OptSuite.Data;
using OptSuite.Data.Shards;
using OptSuite.LinearAlgebra;

namespace OptSuite.Tests.Support;

/// <summary>
/// Small shard datasets made from real svmlight data for the estimator and command-line tests: many KB-sized shards, so
/// every pass crosses dozens of shard boundaries and the read-ahead.
/// </summary>
internal static class ShardSets
{
    /// <summary>Writes <paramref name="data"/> as shards of about <paramref name="shardBytes"/> into <paramref name="dir"/>,
    /// recording the file's index base as <c>optsuite convert</c> does.</summary>
    public static ShardManifest Write(string dir, SvmlightDataset data, double[]? weights = null, long shardBytes = 2048,
        string? source = null, ShardStorage storage = ShardStorage.Sparse)
    {
        var options = new ShardWriterOptions
        {
            ShardBytes = shardBytes, Weights = weights is not null, Storage = storage,
            Source = new ShardSource(source, "svmlight", data.ZeroBasedIndices ? 0 : 1),
        };
        using var w = ShardWriter.Create(dir, options);
        var x = data.Features;
        ReadOnlySpan<int> ptr = x.RowPointers, idx = x.ColumnIndices;
        ReadOnlySpan<double> val = x.Values;
        var row = new double[x.Columns];
        for (int i = 0; i < x.Rows; i++)
        {
            var cols = idx[ptr[i]..ptr[i + 1]];
            var vals = val[ptr[i]..ptr[i + 1]];
            if (storage == ShardStorage.Sparse)
            {
                w.AppendRow(data.Labels[i], cols, vals, weights?[i] ?? 1);
                continue;
            }
            Array.Clear(row);
            for (int e = 0; e < cols.Length; e++) row[cols[e]] = vals[e];
            w.AppendDenseRow(data.Labels[i], row, weights?[i] ?? 1);
        }
        return w.Complete(x.Columns);
    }

    /// <summary>Writes the svmlight file <paramref name="path"/> as shards into <paramref name="dir"/>.</summary>
    public static ShardManifest Write(string dir, string path, long shardBytes = 2048, ShardStorage storage = ShardStorage.Sparse) =>
        Write(dir, SvmlightReader.Read(path), null, shardBytes, path, storage);

    /// <summary>The first <paramref name="rows"/> rows of <paramref name="data"/> (same columns and index base).</summary>
    public static SvmlightDataset Head(SvmlightDataset data, int rows)
    {
        var x = data.Features;
        int end = x.RowPointers[rows];
        var m = new CsrMatrix(rows, x.Columns, x.RowPointers[..(rows + 1)].ToArray(), x.ColumnIndices[..end].ToArray(), x.Values[..end].ToArray());
        return new SvmlightDataset(m, data.Labels[..rows], null, data.ZeroBasedIndices);
    }

    /// <summary>Flips one bit inside the last stored value of shard <paramref name="shard"/>: the header and sizes stay
    /// valid, the value stays a finite double, and only the checksum can tell. Returns the shard's file name.</summary>
    public static string Corrupt(string dir, ShardManifest manifest, int shard)
    {
        string file = manifest.Shards[shard].File;
        string path = Path.Combine(dir, file);
        byte[] bytes = File.ReadAllBytes(path);
        bytes[^5] ^= 0x10;
        File.WriteAllBytes(path, bytes);
        return file;
    }
}
