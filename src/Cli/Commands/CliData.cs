using OptSuite.Data;
using OptSuite.Data.Shards;
using OptSuite.LinearAlgebra;
using OptSuite.LinearAlgebra.Distributed;
using OptSuite.Models;

namespace OptSuite.Cli.Commands;

/// <summary>
/// The data a command reads from <c>--data</c> or <c>--test</c>, whichever form it has: an svmlight file read into memory,
/// or a shard directory (<c>optsuite convert</c>, <see cref="ShardedDataset"/>) whose features stay on disk and are read a
/// shard at a time by every pass. Commands take the features as an <see cref="ILinearMap"/>, the labels, the sample
/// weights and the index base from here and never ask which form it was.
/// </summary>
/// <remarks>
/// Any directory is read as a shard dataset, so a directory that is not one gets the manifest reader's message ("has no
/// manifest.json", exit code 2) rather than "is a directory". Test and prediction data take the training data's shape
/// (<see cref="Shape"/>, or the model's <see cref="LinearEstimator.ReaderOptions"/>): a file is read with that feature
/// count and index base; a shard directory, whose columns were fixed when it was converted, must agree with the index
/// base its manifest records and have no more columns — fewer are padded with zero columns (a test file whose largest
/// index is below the training file's).
/// </remarks>
internal sealed class CliData
{
    private readonly double[]? _labels;
    private readonly SvmlightMultiLabelDataset? _labelSets;

    private CliData(string option, string path, ILinearMap features, double[]? labels, SvmlightMultiLabelDataset? labelSets,
        double[]? weights, SvmlightIndexBase indexBase, string storage)
    {
        Option = option;
        Path = path;
        Features = features;
        _labels = labels;
        _labelSets = labelSets;
        Weights = weights;
        IndexBase = indexBase;
        Storage = storage;
    }

    /// <summary>The option that named the data (<c>--data</c>, <c>--test</c>).</summary>
    public string Option { get; }

    /// <summary>The file or directory.</summary>
    public string Path { get; }

    /// <summary>X: a <see cref="CsrMatrix"/> for a file, a row-blocked map over the shards for a directory.</summary>
    public ILinearMap Features { get; }

    /// <summary>X as the estimators take it.</summary>
    public FeatureMatrix Matrix => FeatureMatrix.From(Features);

    /// <summary>The sample weights the shards carry, or null (svmlight files carry none).</summary>
    public double[]? Weights { get; }

    /// <summary>How the features were numbered in the svmlight file they came from; Auto when the data do not say.</summary>
    public SvmlightIndexBase IndexBase { get; }

    /// <summary>The storage in words, for reports: "CSR", "sparse, 40 shards".</summary>
    public string Storage { get; }

    /// <summary>n.</summary>
    public int Rows => Features.Rows;

    /// <summary>p.</summary>
    public int Columns => Features.Columns;

    /// <summary>Stored entries of X.</summary>
    public long StoredCount => Features.StoredCount;

    /// <summary>One label per row (not for a multi-label file read with label sets).</summary>
    public double[] Labels => _labels ?? throw new InvalidOperationException($"{Path} was read with label sets; use LabelsOf.");

    /// <summary>The labels of row <paramref name="row"/>: its label set for a multi-label file, else its one label.</summary>
    public ReadOnlySpan<double> LabelsOf(int row) => _labelSets is { } sets ? sets.LabelsOf(row) : Labels.AsSpan(row, 1);

    /// <summary>What test data is read with: this data's feature count and index base.</summary>
    public SvmlightReaderOptions Shape => new() { FeatureCount = Columns, IndexBase = IndexBase };

    /// <summary>
    /// The rows in blocks, for work that writes as it goes (predictions): each shard of a directory, valid until the next
    /// is read, or the whole matrix of a file.
    /// </summary>
    public IEnumerable<ILinearMap> RowBlocks()
    {
        if (Features is not IRowBlockedMap blocked)
        {
            yield return Features;
            yield break;
        }
        foreach (RowBlock b in blocked.ReadBlocks()) yield return b.Rows;
    }

    /// <summary>Training data must have a row: an empty file or dataset is an error naming it.</summary>
    public CliData RequireRows()
    {
        if (GlobalRows > 0) return this;
        if (Features is IRowBlockedMap) throw new UsageException($"{Option} {Path} holds no rows; a fit needs at least one.");
        throw new DataFormatException(Path, 0, 0,
            "the file has no data rows (it is empty or holds only blank and comment lines); a fit needs at least one");
    }

    /// <summary>Checks, before any work, that <paramref name="path"/> can be data: an existing file (see
    /// <see cref="CliFiles.RequireInput"/>) or a directory with a readable shard manifest.</summary>
    public static void Require(string option, string path, string what = "Data")
    {
        if (Directory.Exists(path)) ShardManifest.Read(path);
        else CliFiles.RequireInput(option, path, what);
    }

    /// <summary>The files <paramref name="path"/> stands for, which no output may overwrite: the file itself, or a shard
    /// directory's manifest and shards.</summary>
    public static IEnumerable<CliFiles.Named> Inputs(string option, string path)
    {
        if (!ShardedDataset.IsShardDirectory(path)) return [new(option, path)];
        var manifest = ShardManifest.Read(path);
        return [new(option, System.IO.Path.Combine(path, ShardManifest.FileName)),
            .. manifest.Shards.Select(s => new CliFiles.Named(option, System.IO.Path.Combine(path, s.File)))];
    }

    /// <summary>Reads the data <paramref name="option"/> names.</summary>
    /// <param name="option">The option, for messages.</param>
    /// <param name="path">A file or a shard directory (after <see cref="CliFiles.ResolveData"/>).</param>
    /// <param name="shape">For test and prediction data: the feature count and index base to read with.</param>
    /// <param name="labelSets">Read a file's label sets (multi-label "1,3,7"; multi-task models).</param>
    /// <param name="backend">The kernels' backend; the default when null.</param>
    /// <param name="what">What the data is, for "… file not found".</param>
    public static CliData Read(string option, string path, SvmlightReaderOptions? shape = null, bool labelSets = false,
        ILinearAlgebraBackend? backend = null, string what = "Data")
    {
        if (Directory.Exists(path)) return OpenShards(option, path, shape, backend);
        if (labelSets)
        {
            CliFiles.RequireInput(option, path, what);
            var sets = SvmlightReader.ReadMultiLabel(path, shape);
            return new(option, path, With(sets.Features, backend), null, sets, null, Base(sets.ZeroBasedIndices), "CSR");
        }
        var d = CliFiles.ReadSvmlight(option, path, shape, what);
        return new(option, path, With(d.Features, backend), d.Labels, null, null, Base(d.ZeroBasedIndices), "CSR");
    }

    /// <summary>
    /// This rank's share of the data for a distributed command (collective: every rank of <paramref name="ranks"/> calls
    /// it): the lines of its byte range of an svmlight file (<see cref="SvmlightPartReader"/>: feature count and index base
    /// agreed by all ranks) or its part of a shard directory (<see cref="ShardedDataset.OpenPart"/>), as
    /// <see cref="DistributedRows"/>. <see cref="Rows"/> is then this rank's count, <see cref="GlobalRows"/> all ranks'.
    /// </summary>
    public static CliData ReadPart(string option, string path, ICommunicator ranks, SvmlightReaderOptions? shape = null, string what = "Data")
    {
        CliData local;
        if (Directory.Exists(path)) local = OpenShards(option, path, ShardedDataset.OpenPart(path, ranks.Rank, ranks.Size), shape);
        else
        {
            CliFiles.RequireInput(option, path, what);
            var d = CliFiles.OnMultiLabel(() => SvmlightPartReader.Read(path, ranks, shape));
            local = new(option, path, d.Features, d.Labels, null, null, Base(d.ZeroBasedIndices), "CSR");
        }
        var rows = new DistributedRows(local.Features, ranks);
        return new(option, path, rows, local._labels, null, local.Weights, local.IndexBase,
            $"{local.Storage}, rows {rows.FirstRow + 1}–{rows.FirstRow + rows.Rows} on rank {ranks.Rank} of {ranks.Size}");
    }

    /// <summary>The survival times of survival data (<see cref="ReadSurvival"/>), else null.</summary>
    public double[]? Time { get; private init; }

    /// <summary>The event indicators (1 event, 0 censored) of survival data, else null.</summary>
    public int[]? Status { get; private init; }

    /// <summary>Whether <paramref name="path"/> names a CSV file (.csv, possibly compressed).</summary>
    public static bool IsCsv(string path)
    {
        string p = path.ToLowerInvariant();
        foreach (string z in new[] { ".gz", ".bz2", ".xz" })
            if (p.EndsWith(z, StringComparison.Ordinal)) p = p[..^z.Length];
        return p.EndsWith(".csv", StringComparison.Ordinal);
    }

    /// <summary>
    /// Right-censored survival data for the Cox model: a CSV file with a header whose columns <c>time</c> and
    /// <c>status</c> are the outcome (the other columns the features), or an svmlight file whose labels are the times
    /// with the event indicators in <paramref name="statusPath"/> (<c>--status</c>: one 0 or 1 per line). A bad time or
    /// status is a <see cref="DataFormatException"/> naming the file, line and column.
    /// </summary>
    /// <param name="option">The option, for messages.</param>
    /// <param name="path">The data file.</param>
    /// <param name="statusPath">The status file for svmlight data; null for CSV.</param>
    /// <param name="shape">For test data: the training data's feature count and index base (svmlight).</param>
    /// <param name="what">What the data is, for "… file not found".</param>
    public static CliData ReadSurvival(string option, string path, string? statusPath, SvmlightReaderOptions? shape = null, string what = "Data")
    {
        if (Directory.Exists(path)) throw new UsageException($"{option} {path}: survival data are read from a CSV file with time and status columns, or an svmlight file with --status, not a shard directory.");
        CliFiles.RequireInput(option, path, what);
        if (IsCsv(path))
        {
            if (statusPath is not null) throw new UsageException($"--status applies to svmlight data; {option} {path} is CSV, whose 'status' column holds the events.");
            var t = SurvivalCsvReader.Read(path);
            if (shape?.FeatureCount is { } p && p != t.Features.Columns)
                throw new UsageException($"{option} {path} has {t.Features.Columns} feature columns; the training data had {p}.");
            return new(option, path, t.Features, t.Time, null, null, SvmlightIndexBase.Auto, "dense") { Time = t.Time, Status = t.Status };
        }
        if (statusPath is null)
            throw new UsageException($"{option} {path} is svmlight data: give the event indicators with --status FILE (one 0 or 1 per line), or use a CSV file with time and status columns.");
        CliFiles.RequireInput("--status", statusPath, "Status");
        var d = CliFiles.ReadSvmlight(option, path, shape, what);
        var status = ReadStatus(statusPath, d.Labels.Length);
        for (int i = 0; i < d.Labels.Length; i++)
            if (!(d.Labels[i] > 0 && double.IsFinite(d.Labels[i])))
                throw new DataFormatException(path, i + 1, 1, "the label is the survival time, which must be > 0", d.Labels[i].ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        return new(option, path, d.Features, d.Labels, null, null, Base(d.ZeroBasedIndices), "CSR") { Time = d.Labels, Status = status };
    }

    /// <summary>The features of a CSV file with a header for prediction: every column but <c>time</c> and <c>status</c>
    /// (which may be absent); their count must be the model's.</summary>
    public static CliData ReadCsvFeatures(string option, string path, int features)
    {
        CliFiles.RequireInput(option, path);
        var t = CsvReader.Read(path, new CsvReaderOptions { HasHeader = true });
        var keep = Enumerable.Range(0, t.FeatureNames.Count).Where(j => t.FeatureNames[j] is not ("time" or "status")).ToArray();
        if (keep.Length != features)
            throw new UsageException($"{option} {path} has {keep.Length} feature columns (besides time and status); the model has {features}.");
        var x = new double[(long)t.Features.Rows * keep.Length];
        for (int i = 0; i < t.Features.Rows; i++)
            for (int k = 0; k < keep.Length; k++) x[(long)i * keep.Length + k] = t.Features[i, keep[k]];
        return new(option, path, new DenseMatrix(t.Features.Rows, keep.Length, x), null, null, null, SvmlightIndexBase.Auto, "dense");
    }

    /// <summary>One 0 or 1 per line (blank lines and '#' comments skipped), exactly <paramref name="rows"/> of them.</summary>
    private static int[] ReadStatus(string path, int rows)
    {
        var status = new List<int>(rows);
        using var reader = new StreamReader(CompressedStreams.OpenRead(path));
        long line = 0;
        for (string? text; (text = reader.ReadLine()) is not null;)
        {
            line++;
            var t = text.AsSpan().Trim();
            if (t.IsEmpty || t[0] == '#') continue;
            if (t is not ("0" or "1")) throw new DataFormatException(path, line, 1, "the status must be 1 (event) or 0 (censored)", text);
            status.Add(t[0] - '0');
        }
        if (status.Count != rows)
            throw new DataFormatException(path, line, 0, $"the file has {status.Count} status values for the {rows} rows of the data");
        return [.. status];
    }

    /// <summary>n over all ranks (<see cref="Rows"/> unless the data are a rank's share).</summary>
    public long GlobalRows => Features is IDistributedMap d ? d.GlobalRows : Rows;

    private static CliData OpenShards(string option, string path, SvmlightReaderOptions? shape, ILinearAlgebraBackend? backend) =>
        OpenShards(option, path, ShardedDataset.Open(path, backend: backend), shape);

    private static CliData OpenShards(string option, string path, ShardedDataset data, SvmlightReaderOptions? shape)
    {
        var manifest = data.Manifest;
        var indexBase = manifest.Source?.IndexBase switch
        {
            0 => SvmlightIndexBase.ZeroBased,
            1 => SvmlightIndexBase.OneBased,
            _ => SvmlightIndexBase.Auto,
        };
        ILinearMap features = data.Features;
        if (shape is not null)
        {
            if (shape.IndexBase != SvmlightIndexBase.Auto && indexBase != SvmlightIndexBase.Auto && shape.IndexBase != indexBase)
                throw new UsageException($"{option} {path} was converted with {Name(indexBase)} feature indices" +
                    $"{(manifest.Source?.Path is { } source ? $" (from {source})" : "")}, the training data had {Name(shape.IndexBase)} ones: " +
                    "every feature would be shifted by one. Convert it again with the training data's index base.");
            if (shape.FeatureCount is { } p && p != features.Columns)
            {
                if (features.Columns > p)
                    throw new UsageException($"{option} {path} has {features.Columns} feature columns, more than the {p} of the training data (the model's features).");
                features = new ZeroPaddedBlocks(data.Features, p);
            }
        }
        string storage = $"{manifest.Storage.ToString().ToLowerInvariant()}, {manifest.Shards.Count} shard{(manifest.Shards.Count == 1 ? "" : "s")}";
        return new(option, path, features, data.Labels, null, data.Weights, indexBase, storage);
    }

    private static CsrMatrix With(CsrMatrix x, ILinearAlgebraBackend? backend) => backend is null ? x : x.WithBackend(backend);

    private static SvmlightIndexBase Base(bool zeroBased) => zeroBased ? SvmlightIndexBase.ZeroBased : SvmlightIndexBase.OneBased;

    private static string Name(SvmlightIndexBase b) => b == SvmlightIndexBase.ZeroBased ? "zero-based" : "one-based";
}
