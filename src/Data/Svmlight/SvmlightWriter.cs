using System.Globalization;
using System.IO.Compression;
using OptSuite.LinearAlgebra;

namespace OptSuite.Data;

/// <summary>
/// Writes svmlight/LIBSVM files that <see cref="SvmlightReader"/> reads back bit for bit: values in the shortest
/// round-trip form ("R"), integral labels as integers (<c>1</c>, <c>-1</c>, <c>7</c>), stored zeros kept, rows sorted
/// by index. A path ending in ".gz" is gzip-compressed.
/// </summary>
public static class SvmlightWriter
{
    /// <summary>Writes a single-label dataset to a file.</summary>
    public static void Write(string path, SvmlightDataset data, SvmlightWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var stream = Create(path);
        Write(stream, data, options);
    }

    /// <summary>Writes a single-label dataset to a stream (left open).</summary>
    public static void Write(Stream stream, SvmlightDataset data, SvmlightWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        Write(stream, data.Features, data.Labels, data.QueryIds, options);
    }

    /// <summary>Writes features, one label per row and optional query ids to a stream (left open).</summary>
    public static void Write(Stream stream, CsrMatrix features, ReadOnlySpan<double> labels, ReadOnlySpan<long> queryIds = default,
        SvmlightWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(features);
        if (labels.Length != features.Rows)
            throw new ArgumentException($"labels has length {labels.Length}; features has {features.Rows} rows.", nameof(labels));
        if (!queryIds.IsEmpty && queryIds.Length != features.Rows)
            throw new ArgumentException($"queryIds has length {queryIds.Length}; features has {features.Rows} rows.", nameof(queryIds));
        using var w = new SvmlightLineWriter(stream, features, options ?? SvmlightWriterOptions.Default);
        for (int i = 0; i < features.Rows; i++)
        {
            w.Label(labels[i], i, "labels");
            if (!queryIds.IsEmpty) w.QueryId(queryIds[i]);
            w.Features(i);
            w.EndLine();
        }
    }

    /// <summary>Writes a multi-label dataset to a file (labels comma-separated).</summary>
    public static void WriteMultiLabel(string path, SvmlightMultiLabelDataset data, SvmlightWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var stream = Create(path);
        WriteMultiLabel(stream, data, options);
    }

    /// <summary>
    /// Writes a multi-label dataset to a stream (left open). A row with neither labels nor features cannot be written
    /// (it would be a blank line, which readers skip) and is an <see cref="ArgumentException"/>.
    /// </summary>
    public static void WriteMultiLabel(Stream stream, SvmlightMultiLabelDataset data, SvmlightWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(data);
        var x = data.Features;
        var rp = x.RowPointers;
        using var w = new SvmlightLineWriter(stream, x, options ?? SvmlightWriterOptions.Default);
        for (int i = 0; i < data.Rows; i++)
        {
            var set = data.LabelsOf(i);
            if (set.IsEmpty && rp[i + 1] == rp[i] && data.QueryIds is null)
                throw new ArgumentException($"Row {i} has neither labels nor features; svmlight cannot represent it.", nameof(data));
            for (int k = 0; k < set.Length; k++)
            {
                if (k > 0) w.Comma();
                w.Label(set[k], i, "label sets");
            }
            if (data.QueryIds is { } q) w.QueryId(q[i], leadingSpace: !set.IsEmpty);
            w.Features(i, leadingSpace: !set.IsEmpty || data.QueryIds is not null);
            w.EndLine();
        }
    }

    private static Stream Create(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(file, CompressionLevel.Optimal, leaveOpen: false)
            : file;
    }

    /// <summary>The shortest text that reads back as <paramref name="v"/>: integers without exponent or point when exact.</summary>
    internal static int Format(double v, Span<byte> destination)
    {
        if (double.IsInteger(v) && Math.Abs(v) < 1e15 && !(v == 0 && double.IsNegative(v)))
        {
            ((long)v).TryFormat(destination, out int n, default, CultureInfo.InvariantCulture);
            return n;
        }
        v.TryFormat(destination, out int written, "R", CultureInfo.InvariantCulture);
        return written;
    }
}
