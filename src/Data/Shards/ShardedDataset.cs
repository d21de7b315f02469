using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using OptSuite.LinearAlgebra;

namespace OptSuite.Data.Shards;

/// <summary>
/// A shard dataset opened for training: the manifest, the labels and weights in memory (O(n)), and the features as a
/// <see cref="ShardedMatrix"/> that reads one shard at a time. Every estimator that can work by passes over the rows
/// takes <see cref="Features"/> where it takes a matrix.
/// </summary>
/// <example>
/// <code>
/// var data = ShardedDataset.Open("url-shards");
/// var model = new LogisticRegression().Fit(data);   // data.Features, data.Labels, data.Weights
/// </code>
/// </example>
public sealed class ShardedDataset
{
    private readonly double[] _labels;
    private readonly double[]? _weights;

    private ShardedDataset(string directory, ShardManifest manifest, long firstRow, double[] labels, double[]? weights, ShardVerification verification, ILinearAlgebraBackend? backend)
    {
        Directory = directory;
        Manifest = manifest;
        FirstRow = firstRow;
        _labels = labels;
        _weights = weights;
        Features = new ShardedMatrix(this, verification, backend);
    }

    /// <summary>The dataset's directory.</summary>
    public string Directory { get; }

    /// <summary>Its manifest (of the part opened, for <see cref="OpenPart"/>: its shards, rows, non-zeros and labels).</summary>
    public ShardManifest Manifest { get; }

    /// <summary>The first row's index in the whole dataset (0 unless opened by <see cref="OpenPart"/>).</summary>
    public long FirstRow { get; }

    /// <summary>Rows n.</summary>
    public int Rows => Manifest.Rows;

    /// <summary>Features p.</summary>
    public int Columns => Manifest.Columns;

    /// <summary>The features, read a shard at a time.</summary>
    public ShardedMatrix Features { get; }

    /// <summary>The labels (a copy the caller may change).</summary>
    public double[] Labels => (double[])_labels.Clone();

    /// <summary>The sample weights (a copy), or null when the rows carry none.</summary>
    public double[]? Weights => (double[]?)_weights?.Clone();

    internal ReadOnlySpan<double> LabelSpan => _labels;

    /// <summary>Whether <paramref name="path"/> is a directory holding a shard manifest.</summary>
    public static bool IsShardDirectory(string path) =>
        System.IO.Directory.Exists(path) && File.Exists(Path.Combine(path, ShardManifest.FileName));

    /// <summary>
    /// Opens the dataset in <paramref name="directory"/>: reads and checks the manifest, every shard's size and header,
    /// and the labels and weights.
    /// </summary>
    /// <param name="directory">A directory written by <see cref="ShardWriter"/> or <c>optsuite convert</c>.</param>
    /// <param name="verification">When checksums are checked.</param>
    /// <param name="backend">The backend of the shards' kernels; the default backend when null.</param>
    /// <exception cref="InvalidDataException">No manifest, a newer format version, a missing, truncated or corrupted
    /// shard; the message names the file.</exception>
    public static ShardedDataset Open(string directory, ShardVerification verification = ShardVerification.FirstRead, ILinearAlgebraBackend? backend = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ShardLayout.RequireLittleEndian();
        return Open(directory, ShardManifest.Read(directory), 0, verification, backend);
    }

    /// <summary>
    /// Opens part <paramref name="part"/> of <paramref name="parts"/>: consecutive shards, the parts balanced by non-zeros
    /// and in order, so part k holds the rows after part k − 1's — each rank of a distributed run reads its own share
    /// (rank r opens part r of K). A part may hold no shard when there are fewer shards than parts.
    /// </summary>
    /// <param name="directory">A shard dataset directory.</param>
    /// <param name="part">0 … <paramref name="parts"/> − 1.</param>
    /// <param name="parts">The number of parts (≥ 1).</param>
    /// <param name="verification">When checksums are checked.</param>
    /// <param name="backend">The backend of the shards' kernels; the default backend when null.</param>
    /// <exception cref="InvalidDataException">As <see cref="Open(string, ShardVerification, ILinearAlgebraBackend?)"/>.</exception>
    public static ShardedDataset OpenPart(string directory, int part, int parts, ShardVerification verification = ShardVerification.FirstRead, ILinearAlgebraBackend? backend = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentOutOfRangeException.ThrowIfLessThan(parts, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(part);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(part, parts);
        ShardLayout.RequireLittleEndian();
        var whole = ShardManifest.Read(directory);
        var shards = whole.Shards;
        // Part k starts at the first shard whose preceding non-zeros reach k/parts of the total.
        int Boundary(int k)
        {
            if (k == 0) return 0;
            if (k == parts) return shards.Count;
            double target = (double)whole.NonZeros * k / parts;
            long before = 0;
            for (int s = 0; s < shards.Count; s++)
            {
                if (before >= target) return s;
                before += shards[s].NonZeros;
            }
            return shards.Count;
        }
        int from = Boundary(part), to = Math.Max(from, Boundary(part + 1));
        var mine = shards.Skip(from).Take(to - from).ToArray();
        long firstRow = mine.Length > 0 ? mine[0].FirstRow : from < shards.Count ? shards[from].FirstRow : whole.Rows;
        var manifest = whole with { Rows = mine.Sum(s => s.Rows), NonZeros = mine.Sum(s => s.NonZeros), Shards = mine };
        return Open(directory, manifest, firstRow, verification, backend, part: true);
    }

    private static ShardedDataset Open(string directory, ShardManifest manifest, long firstRow, ShardVerification verification, ILinearAlgebraBackend? backend, bool part = false)
    {
        var labels = new double[manifest.Rows];
        var weights = manifest.HasWeights ? new double[manifest.Rows] : null;
        foreach (var s in manifest.Shards)
        {
            string path = Path.Combine(directory, s.File);
            using var handle = OpenShard(path, s);
            var layout = ReadHeader(handle, path, manifest, s);
            int at = checked((int)(s.FirstRow - firstRow));
            ReadExactly(handle, MemoryMarshal.AsBytes(labels.AsSpan(at, s.Rows)), layout.LabelsOffset, path);
            if (weights is not null) ReadExactly(handle, MemoryMarshal.AsBytes(weights.AsSpan(at, s.Rows)), layout.WeightsOffset, path);
        }
        if (part) manifest = manifest with { Labels = LabelSummary.Of(labels) };   // a part's own labels
        var data = new ShardedDataset(directory, manifest, firstRow, labels, weights, verification, backend);
        if (verification == ShardVerification.Open) data.Features.VerifyAll();
        return data;
    }

    internal static SafeFileHandle OpenShard(string path, ShardInfo s)
    {
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        }
        catch (FileNotFoundException e)
        {
            throw new InvalidDataException($"{path}: shard missing (the manifest lists it).", e);
        }
        long length = RandomAccess.GetLength(handle);
        if (length != s.Bytes)
        {
            handle.Dispose();
            throw new InvalidDataException(length < s.Bytes
                ? $"{path}: shard truncated ({length} of {s.Bytes} bytes)."
                : $"{path}: shard has {length} bytes; the manifest says {s.Bytes}.");
        }
        return handle;
    }

    internal static ShardLayout ReadHeader(SafeFileHandle handle, string path, ShardManifest manifest, ShardInfo s)
    {
        Span<byte> header = stackalloc byte[ShardLayout.HeaderBytes];
        ReadExactly(handle, header, 0, path);
        var layout = ShardLayout.Read(header, path);
        if (layout.Rows != s.Rows || layout.NonZeros != s.NonZeros || layout.FirstRow != s.FirstRow || layout.FileBytes != s.Bytes
            || layout.Storage != manifest.Storage || layout.Weights != manifest.HasWeights || layout.Columns > manifest.Columns
            || (manifest.Storage == ShardStorage.Dense && layout.Columns != manifest.Columns))
            throw new InvalidDataException($"{path}: the shard's header disagrees with the manifest (a shard from another dataset?).");
        return layout;
    }

    internal static void ReadExactly(SafeFileHandle handle, Span<byte> destination, long offset, string path)
    {
        while (!destination.IsEmpty)
        {
            int n = RandomAccess.Read(handle, destination, offset);
            if (n <= 0) throw new InvalidDataException($"{path}: shard truncated while reading.");
            destination = destination[n..];
            offset += n;
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"shard dataset {Directory}: {Rows} × {Columns}, {Manifest.NonZeros} entries in {Manifest.Shards.Count} shards";
}
