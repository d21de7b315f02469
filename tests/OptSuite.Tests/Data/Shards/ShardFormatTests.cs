using System.Text;
using OptSuite.Data;
using OptSuite.Data.Shards;
using OptSuite.LinearAlgebra;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Data.Shards;

/// <summary>
/// The shard format: what is written is read back exactly (products of the sharded map equal the in-memory matrix's),
/// and every kind of damage — a flipped byte, a truncated or missing shard, a manifest from a newer version, an
/// interrupted write — is an error naming the file, never wrong numbers.
/// </summary>
public sealed class ShardFormatTests
{
    private static readonly SvmlightDataset Heart = SvmlightReader.Read(DatasetLocator.Find("binary/heart_scale"));

    internal static ShardManifest Write(string dir, CsrMatrix x, double[] y, double[]? weights = null, long shardBytes = 2048)
    {
        using var w = ShardWriter.Create(dir, new ShardWriterOptions { ShardBytes = shardBytes, Weights = weights is not null });
        var ptr = x.RowPointers;
        var idx = x.ColumnIndices;
        var val = x.Values;
        for (int i = 0; i < x.Rows; i++)
            w.AppendRow(y[i], idx[ptr[i]..ptr[i + 1]], val[ptr[i]..ptr[i + 1]], weights?[i] ?? 1);
        return w.Complete(x.Columns);
    }

    [Fact]
    public void ProductsAndLabelsEqualTheInMemoryMatrix()
    {
        using var dir = new ScratchDirectory("shards");
        var x = Heart.Features;
        var weights = Enumerable.Range(0, x.Rows).Select(i => 0.5 + i % 3).ToArray();
        var m = Write(dir.Path, x, Heart.Labels, weights);
        Assert.True(m.Shards.Count > 10, $"{m.Shards.Count} shards");
        Assert.Equal(x.Rows, m.Rows);
        Assert.Equal(x.Columns, m.Columns);
        Assert.Equal(x.NonZeroCount, m.NonZeros);
        Assert.Equal(LabelKind.Binary, m.Labels.Kind);

        var data = ShardedDataset.Open(dir.Path);
        Assert.Equal(Heart.Labels, data.Labels);
        Assert.Equal(weights, data.Weights);
        var rng = new Random(3);
        double[] w = Enumerable.Range(0, x.Columns).Select(_ => rng.NextDouble() - 0.5).ToArray();
        double[] u = Enumerable.Range(0, x.Rows).Select(_ => rng.NextDouble() - 0.5).ToArray();
        double[] a = new double[x.Rows], b = new double[x.Rows];
        x.Apply(w, a);
        data.Features.Apply(w, b);
        Assert.Equal(a, b);   // rows are multiplied by the same kernel: bit-identical
        double[] g = new double[x.Columns], h = new double[x.Columns];
        x.ApplyTranspose(u, g, 2, 0);
        data.Features.ApplyTranspose(u, h, 2, 0);
        for (int j = 0; j < g.Length; j++) Assert.Equal(g[j], h[j], 1e-12 * (1 + Math.Abs(g[j])));
        double[] cn = new double[x.Columns], cs = new double[x.Columns];
        x.ColumnSquaredNorms(cn);
        data.Features.ColumnSquaredNorms(cs);
        for (int j = 0; j < cn.Length; j++) Assert.Equal(cn[j], cs[j], 1e-12 * (1 + cn[j]));
        Assert.Throws<NotSupportedException>(() => data.Features.ColumnDot(0, u));
        var e = Assert.Throws<NotSupportedException>(() => data.Features.RowDot(0, w));
        Assert.Contains(dir.Path, e.Message);
    }

    [Fact]
    public void BlocksArriveInTheRequestedOrderAndAPassMayStopEarly()
    {
        using var dir = new ScratchDirectory("shards");
        Write(dir.Path, Heart.Features, Heart.Labels);
        var data = ShardedDataset.Open(dir.Path);
        var f = data.Features;
        int[] order = [3, 0, 3, f.BlockCount - 1];
        var seen = new List<(int, int, int)>();
        foreach (var b in f.ReadBlocks(order)) seen.Add((b.Index, b.FirstRow, b.Rows.Rows));
        Assert.Equal(order, seen.Select(s => s.Item1));
        for (int k = 0; k < order.Length; k++)
        {
            Assert.Equal(f.BlockStart(order[k]), seen[k].Item2);
            Assert.Equal(f.BlockStart(order[k] + 1) - f.BlockStart(order[k]), seen[k].Item3);
        }
        foreach (var b in f.ReadBlocks()) { if (b.Index == 2) break; }   // the read-ahead is waited for and its buffers returned
        Assert.Equal(f.BlockCount, f.ReadBlocks().Count());
    }

    [Fact]
    public void DenseShardsRoundTrip()
    {
        using var dir = new ScratchDirectory("shards");
        var x = Heart.Features.ToDense();
        using (var w = ShardWriter.Create(dir.Path, new ShardWriterOptions { ShardBytes = 4096, Storage = ShardStorage.Dense }))
        {
            for (int i = 0; i < x.Rows; i++) w.AppendDenseRow(Heart.Labels[i], x.ToLayout(MatrixLayout.RowMajor).Row(i));
            w.Complete();
        }
        var data = ShardedDataset.Open(dir.Path, ShardVerification.Open);
        Assert.Equal(ShardStorage.Dense, data.Manifest.Storage);
        double[] w0 = Enumerable.Range(0, x.Columns).Select(j => 1.0 / (j + 1)).ToArray();
        double[] a = new double[x.Rows], b = new double[x.Rows];
        x.Apply(w0, a);
        data.Features.Apply(w0, b);
        for (int i = 0; i < a.Length; i++) Assert.Equal(a[i], b[i], 1e-13);
    }

    [Fact]
    public void AFlippedByteIsFoundByTheChecksumAndNamesTheShard()
    {
        using var dir = new ScratchDirectory("shards");
        var m = Write(dir.Path, Heart.Features, Heart.Labels);
        string victim = Path.Combine(dir.Path, m.Shards[2].File);
        byte[] bytes = File.ReadAllBytes(victim);
        bytes[^5] ^= 0x10;                                          // inside the last value: still a finite double
        File.WriteAllBytes(victim, bytes);
        var data = ShardedDataset.Open(dir.Path);                   // sizes and headers are fine
        var e = Assert.Throws<InvalidDataException>(() => data.Features.Apply(new double[data.Columns], new double[data.Rows]));
        Assert.Contains(m.Shards[2].File, e.Message);
        Assert.Contains("checksum", e.Message);
        Assert.Throws<InvalidDataException>(() => ShardedDataset.Open(dir.Path, ShardVerification.Open));
        // Without verification the corruption goes unseen: this is what the checksum is for.
        var blind = ShardedDataset.Open(dir.Path, ShardVerification.Never);
        blind.Features.Apply(new double[blind.Columns], new double[blind.Rows]);
    }

    [Fact]
    public void TruncatedAndMissingShardsAreNamedWhenOpening()
    {
        using var dir = new ScratchDirectory("shards");
        var m = Write(dir.Path, Heart.Features, Heart.Labels);
        string victim = Path.Combine(dir.Path, m.Shards[1].File);
        byte[] bytes = File.ReadAllBytes(victim);
        File.WriteAllBytes(victim, bytes[..^100]);
        var e = Assert.Throws<InvalidDataException>(() => ShardedDataset.Open(dir.Path));
        Assert.Contains(m.Shards[1].File, e.Message);
        Assert.Contains("truncated", e.Message);
        File.Delete(victim);
        e = Assert.Throws<InvalidDataException>(() => ShardedDataset.Open(dir.Path));
        Assert.Contains("missing", e.Message);
    }

    [Fact]
    public void ManifestsFromANewerVersionOrOfAnotherKindAreRefused()
    {
        using var dir = new ScratchDirectory("shards");
        Write(dir.Path, Heart.Features, Heart.Labels);
        string manifest = Path.Combine(dir.Path, ShardManifest.FileName);
        string text = File.ReadAllText(manifest);
        File.WriteAllText(manifest, text.Replace("\"version\": 1", "\"version\": 2"));
        var e = Assert.Throws<InvalidDataException>(() => ShardedDataset.Open(dir.Path));
        Assert.Contains("newer", e.Message);
        File.WriteAllText(manifest, text.Replace("\"rows\": 270", "\"rows\": 271"));
        Assert.Throws<InvalidDataException>(() => ShardedDataset.Open(dir.Path));
        File.WriteAllText(manifest, "{");
        Assert.Throws<InvalidDataException>(() => ShardedDataset.Open(dir.Path));
        File.Delete(manifest);
        e = Assert.Throws<InvalidDataException>(() => ShardedDataset.Open(dir.Path));
        Assert.Contains("interrupted", e.Message);
        Assert.False(ShardedDataset.IsShardDirectory(dir.Path));
    }

    [Fact]
    public void AnUnfinishedWriteLeavesNothingAndNothingIsOverwritten()
    {
        using var root = new ScratchDirectory("shards");
        string dir = root["out"];
        using (var w = ShardWriter.Create(dir, new ShardWriterOptions { ShardBytes = 1024 }))
        {
            for (int i = 0; i < 200; i++) w.AppendRow(i % 2, [i % 7], [1.0]);
            Assert.True(w.ShardCount > 2);
        }   // disposed without Complete: as if the conversion failed
        Assert.False(Directory.Exists(dir));

        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "keep.txt"), "mine");
        var e = Assert.Throws<IOException>(() => ShardWriter.Create(dir));
        Assert.Contains("not empty", e.Message);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(dir, "keep.txt")));
    }

    [Fact]
    public void BadRowsAreRefusedWithTheRowNumber()
    {
        using var root = new ScratchDirectory("shards");
        using var w = ShardWriter.Create(root["x"]);
        w.AppendRow(1, [0, 2], [1.0, 2.0]);
        Assert.Contains("Row 1", Assert.Throws<ArgumentException>(() => w.AppendRow(1, [2, 1], [1.0, 2.0])).Message);
        Assert.Contains("Row 1", Assert.Throws<ArgumentException>(() => w.AppendRow(1, [0], [double.NaN])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => w.AppendRow(double.PositiveInfinity, [0], [1.0]));
        Assert.Throws<ArgumentException>(() => w.AppendRow(1, [0], [1.0], weight: 2));   // no weights declared
        Assert.Equal(1, w.RowCount);
    }
}
