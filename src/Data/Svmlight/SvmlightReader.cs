using System.Runtime.InteropServices;

namespace OptSuite.Data;

/// <summary>
/// Reads svmlight/LIBSVM files (<c>label [qid:q] index:value ... [# comment]</c>) into a CSR matrix and labels, from
/// plain, .gz, .bz2 or .xz files (recognised by content). Labels may be ±1, 0/1, class codes or real targets;
/// multi-label lines (<c>1,3,7 ...</c>) are read by <see cref="ReadMultiLabel(string, SvmlightReaderOptions?)"/>.
/// </summary>
/// <remarks>
/// <para>Grammar: fields are separated by spaces or tabs; CRLF, trailing spaces, blank lines and '#' comments (whole
/// lines or line ends) are accepted. Indices must strictly increase along a line. Numbers are parsed from the bytes
/// and rounded exactly as <see cref="double.Parse(string)"/> rounds them; NaN and infinities are errors.</para>
/// <para>Index base: one-based (LIBSVM) or zero-based, or under <see cref="SvmlightIndexBase.Auto"/> zero-based
/// exactly when some index is 0 (scikit-learn's rule). Columns: <see cref="SvmlightReaderOptions.FeatureCount"/>, else
/// the largest index (+1 when zero-based).</para>
/// <para>An empty file, or one with only blank and comment lines, is a valid dataset with no rows (and
/// FeatureCount or 0 columns), as an empty test split is legitimate svmlight; callers that need data check Rows.</para>
/// <para>Every malformed input is a <see cref="DataFormatException"/> with file, line, column and the offending
/// text, and nothing is returned; truncated or corrupt compressed input is one too (line 0). Speed: text is split
/// into 2 MB chunks of whole lines parsed on all processors, while compressed input is decompressed on the calling
/// thread with the system's native decoders when they load (see <see cref="CompressedStreams"/>).</para>
/// </remarks>
public static class SvmlightReader
{
    /// <summary>Reads a single-label svmlight file.</summary>
    public static SvmlightDataset Read(string path, SvmlightReaderOptions? options = null) =>
        Single(FromFile(path, options ?? SvmlightReaderOptions.Default, false, out var pipeline), path, pipeline);

    /// <summary>Reads single-label svmlight text from a stream (decompressed when seekable and compressed); <paramref name="name"/> names it in errors.</summary>
    public static SvmlightDataset Read(Stream stream, string? name = null, SvmlightReaderOptions? options = null) =>
        Single(FromStream(stream, name, options ?? SvmlightReaderOptions.Default, false, out var pipeline), name ?? "<stream>", pipeline);

    /// <summary>Reads single-label svmlight text held in memory (plain or compressed bytes).</summary>
    public static SvmlightDataset Read(ReadOnlyMemory<byte> data, string? name = null, SvmlightReaderOptions? options = null) =>
        Single(FromMemory(data, name, options ?? SvmlightReaderOptions.Default, false, out var pipeline), name ?? "<memory>", pipeline);

    /// <summary>Reads a multi-label svmlight file: labels are comma-separated sets, possibly empty (a line may start with a feature).</summary>
    public static SvmlightMultiLabelDataset ReadMultiLabel(string path, SvmlightReaderOptions? options = null) =>
        Multi(FromFile(path, options ?? SvmlightReaderOptions.Default, true, out var pipeline), path, pipeline);

    /// <summary>Reads multi-label svmlight text from a stream.</summary>
    public static SvmlightMultiLabelDataset ReadMultiLabel(Stream stream, string? name = null, SvmlightReaderOptions? options = null) =>
        Multi(FromStream(stream, name, options ?? SvmlightReaderOptions.Default, true, out var pipeline), name ?? "<stream>", pipeline);

    /// <summary>Reads multi-label svmlight text held in memory.</summary>
    public static SvmlightMultiLabelDataset ReadMultiLabel(ReadOnlyMemory<byte> data, string? name = null, SvmlightReaderOptions? options = null) =>
        Multi(FromMemory(data, name, options ?? SvmlightReaderOptions.Default, true, out var pipeline), name ?? "<memory>", pipeline);

    /// <summary>Whether an error from <see cref="Read(string, SvmlightReaderOptions?)"/> means the file is multi-label.</summary>
    public static bool IsMultiLabelError(DataFormatException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Problem == SvmlightChunkParser.MultiLabelProblem;
    }

    private static List<SvmlightChunk> FromFile(string path, SvmlightReaderOptions options, bool multi, out SvmlightPipeline pipeline)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"Data file not found: {path}", path);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 12, FileOptions.SequentialScan);
        using var stream = WrapOrDispose(file, path, options);
        return Run(stream, path, options, multi, out pipeline);
    }

    private static List<SvmlightChunk> FromStream(Stream stream, string? name, SvmlightReaderOptions options, bool multi, out SvmlightPipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var source = stream.CanSeek ? CompressedStreams.Wrap(new NonClosingStream(stream), name, !options.ManagedDecompression) : stream;
        try
        {
            return Run(source, name ?? "<stream>", options, multi, out pipeline);
        }
        finally
        {
            if (!ReferenceEquals(source, stream)) source.Dispose();
        }
    }

    private static List<SvmlightChunk> FromMemory(ReadOnlyMemory<byte> data, string? name, SvmlightReaderOptions options, bool multi, out SvmlightPipeline pipeline)
    {
        if (CompressedStreams.Detect(data.Span[..Math.Min(6, data.Length)]) != CompressedStreams.Compression.None)
        {
            var source = MemoryMarshal.TryGetArray(data, out var segment)
                ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
                : new MemoryStream(data.ToArray(), writable: false);
            using var compressed = CompressedStreams.Wrap(source, name, !options.ManagedDecompression);
            return Run(compressed, name ?? "<memory>", options, multi, out pipeline);
        }
        pipeline = new SvmlightPipeline(options, multi);
        pipeline.ParseMemory(data);
        return pipeline.Chunks;
    }

    private static Stream WrapOrDispose(FileStream file, string path, SvmlightReaderOptions options)
    {
        try
        {
            return CompressedStreams.Wrap(file, path, !options.ManagedDecompression);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private static List<SvmlightChunk> Run(Stream stream, string path, SvmlightReaderOptions options, bool multi, out SvmlightPipeline pipeline)
    {
        pipeline = new SvmlightPipeline(options, multi);
        try
        {
            pipeline.ParseStream(stream, compressed: !stream.CanSeek);
            return pipeline.Chunks;
        }
        catch (SvmlightSyntaxException e)
        {
            throw new DataFormatException(path, 0, 0, e.Problem, e.Text, e);
        }
    }

    private static SvmlightDataset Single(List<SvmlightChunk> chunks, string path, SvmlightPipeline pipeline)
    {
        var s = pipeline.Settings;
        var shape = SvmlightAssembler.Check(chunks, path, s);
        var labels = SvmlightAssembler.Labels(chunks, shape);
        var qids = SvmlightAssembler.QueryIds(chunks, shape);
        var x = SvmlightAssembler.Features(chunks, shape, pipeline.Workers);
        return new SvmlightDataset(x, labels, qids, shape.ZeroBased);
    }

    private static SvmlightMultiLabelDataset Multi(List<SvmlightChunk> chunks, string path, SvmlightPipeline pipeline)
    {
        var s = pipeline.Settings;
        var shape = SvmlightAssembler.Check(chunks, path, s);
        var (pointers, values) = SvmlightAssembler.LabelSets(chunks, shape);
        var qids = SvmlightAssembler.QueryIds(chunks, shape);
        var x = SvmlightAssembler.Features(chunks, shape, pipeline.Workers);
        return new SvmlightMultiLabelDataset(x, pointers, values, qids, shape.ZeroBased);
    }
}
