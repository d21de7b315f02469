using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using OptSuite.Cli.Output;
using OptSuite.Data;
using OptSuite.Models;

namespace OptSuite.Cli.Commands;

/// <summary>
/// <c>optsuite inspect FILE</c>: rows, columns, non-zeros, density, label summary, load time and speed; <c>optsuite
/// inspect DIR</c> on a shard dataset: its manifest in the same terms (<see cref="InspectShards"/>); <c>optsuite inspect
/// MODEL</c> on a saved model (a JSON object): its kind, shape and fit report with its certificate.
/// </summary>
internal static class InspectCommand
{
    private static readonly Argument<string> FileArgument = new("file")
    {
        Description = "The data file: svmlight/LIBSVM, or Matrix Market (.mtx) / CSV (.csv); .gz/.bz2/.xz are decompressed by content. Or a shard dataset directory (optsuite convert), or a saved model (optsuite fit --output).",
    };

    private static readonly Option<bool> Verify = new("--verify") { Description = "Shard datasets: read every shard and check its checksum (XXH3-64) and structure." };

    private static readonly Option<bool> Json = new("--json") { Description = "One JSON object on stdout." };

    private static readonly Option<string> ZeroBased = new("--zero-based")
    {
        Description = "svmlight index base: auto (zero-based when some index is 0, as scikit-learn), true or false.",
        DefaultValueFactory = _ => "auto",
    };

    private static readonly Option<int?> Features = new("--features")
    {
        Description = "svmlight feature count (columns); test splits often need the training set's. A larger index is an error.",
    };

    public static Command Create()
    {
        var cmd = new Command("inspect", "Load a data file (svmlight/LIBSVM, Matrix Market, CSV; .gz/.bz2/.xz) and summarise it, show a shard dataset's manifest, or a saved model's fit report.");
        ZeroBased.AcceptOnlyFromAmong("auto", "true", "false");
        cmd.Arguments.Add(FileArgument);
        cmd.Options.Add(Json);
        cmd.Options.Add(ZeroBased);
        cmd.Options.Add(Features);
        cmd.Options.Add(Verify);
        cmd.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            int? features = parse.GetValue(Features);
            var indexBase = parse.GetValue(ZeroBased) switch
            {
                "true" => SvmlightIndexBase.ZeroBased,
                "false" => SvmlightIndexBase.OneBased,
                _ => SvmlightIndexBase.Auto,
            };
            string path = CliFiles.ResolveData(parse.GetValue(FileArgument)!);
            bool verify = parse.GetValue(Verify);
            if (verify && !Directory.Exists(path)) throw new UsageException("--verify applies to shard dataset directories.");
            var fields = Directory.Exists(path) ? InspectShards.Inspect(path, verify)
                : File.Exists(path) && LinearEstimator.IsModelFile(path) ? InspectModel(path)
                : Inspect(path, indexBase, features);
            if (parse.GetValue(Json)) Console.WriteLine(JsonLine.Of(fields));
            else KeyValueTable.Write("inspect", fields);
            return ExitCodes.Success;
        }));
        return cmd;
    }

    /// <summary>A saved model's facts: its kind and shape, and its fit report with the certificate it was saved with (the
    /// duality gap, or the stationarity of a fit without one).</summary>
    internal static List<KeyValuePair<string, object?>> InspectModel(string path)
    {
        LinearEstimator model = LinearEstimator.Load(path);   // a malformed file: InvalidDataException naming it (exit 2)
        var fields = new List<KeyValuePair<string, object?>>
        {
            new("file", path),
            new("format", "optsuite-model"),
            new("model", model.ModelName),
            new("features", model.FeatureCount),
            new("outputs", model.OutputCount),
            new("nnz_coef", model.NonZeroCoefficients),
            new("fit_intercept", model.FitIntercept),
        };
        if (model is LinearClassifier c) fields.Add(new("classes", c.Classes.Count));
        if (model.Report is not { } report) return fields;
        fields.Add(new("solver", SolverKindNames.ToName(report.Solver)));
        fields.Add(new("lambda", report.Lambda));
        fields.Add(new("objective", report.Objective));
        fields.Add(new("gap", report.DualityGap));
        if (report.Stationarity is { } stationarity) fields.Add(new("stationarity", stationarity));
        fields.Add(new("iterations", report.Iterations));
        fields.Add(new("stop_reason", report.StopReason.ToString()));
        fields.Add(new("seconds", report.Elapsed.TotalSeconds));
        return fields;
    }

    /// <summary>The facts printed for <paramref name="path"/>, in order.</summary>
    internal static List<KeyValuePair<string, object?>> Inspect(string path, SvmlightIndexBase indexBase, int? features)
    {
        CliFiles.RequireInput("the file", path);
        var fields = new List<KeyValuePair<string, object?>> { new("file", path) };
        var compression = Compression(path);
        string format = Format(path);
        fields.Add(new("format", format));
        fields.Add(new("compression", compression == CompressedStreams.Compression.None ? "none"
            : $"{compression.ToString().ToLowerInvariant()} ({CompressedStreams.DecoderKind(compression)} decoder)"));
        fields.Add(new("file_bytes", new FileInfo(path).Length));
        var options = new SvmlightReaderOptions { IndexBase = indexBase, FeatureCount = features };
        var clock = Stopwatch.StartNew();
        long bytes;
        using (var stream = new CountingStream(CompressedStreams.OpenRead(path)))
        {
            switch (format)
            {
                case "matrix-market":
                    var mm = MatrixMarketReader.Read(stream, path);
                    bytes = stream.BytesRead;
                    Shape(fields, mm.Matrix.Rows, mm.Matrix.Columns, mm.Sparse?.NonZeroCount ?? (long)mm.Matrix.Rows * mm.Matrix.Columns);
                    break;
                case "csv":
                    using (var reader = new StreamReader(stream)) Shape(fields, CsvReader.Read(reader, path));
                    bytes = stream.BytesRead;
                    break;
                default:
                    bytes = Svmlight(fields, stream, path, options, ref clock);
                    break;
            }
        }
        double seconds = clock.Elapsed.TotalSeconds;
        fields.Insert(4, new("text_bytes", bytes));
        fields.Add(new("load_seconds", Math.Round(seconds, 4)));
        fields.Add(new("mb_per_second", seconds > 0 ? Math.Round(bytes / 1e6 / seconds, 1) : double.NaN));
        return fields;
    }

    private static long Svmlight(List<KeyValuePair<string, object?>> fields, CountingStream stream, string path,
        SvmlightReaderOptions options, ref Stopwatch clock)
    {
        try
        {
            var d = SvmlightReader.Read(stream, path, options);
            Shape(fields, d.Rows, d.Columns, d.NonZeroCount);
            fields.Add(new("index_base", d.ZeroBasedIndices ? "zero-based" : "one-based"));
            if (d.QueryIds is { } q) fields.Add(new("query_ids", q.Distinct().Count()));
            Labels(fields, LabelSummary.Of(d.Labels));
            return stream.BytesRead;
        }
        catch (DataFormatException e) when (SvmlightReader.IsMultiLabelError(e))
        {
            clock = Stopwatch.StartNew();
            using var again = new CountingStream(CompressedStreams.OpenRead(path));
            var m = SvmlightReader.ReadMultiLabel(again, path, options);
            Shape(fields, m.Rows, m.Features.Columns, m.Features.NonZeroCount);
            fields.Add(new("index_base", m.ZeroBasedIndices ? "zero-based" : "one-based"));
            if (m.QueryIds is { } q) fields.Add(new("query_ids", q.Distinct().Count()));
            Labels(fields, LabelSummary.OfSets(m));
            return again.BytesRead;
        }
    }

    private static void Shape(List<KeyValuePair<string, object?>> fields, CsvTable t)
    {
        long nnz = 0;
        foreach (double v in t.Features.Values) if (v != 0) nnz++;
        Shape(fields, t.Features.Rows, t.Features.Columns, nnz);
    }

    internal static void Shape(List<KeyValuePair<string, object?>> fields, int rows, int columns, long nonZeros)
    {
        fields.Add(new("rows", rows));
        fields.Add(new("columns", columns));
        fields.Add(new("nonzeros", nonZeros));
        double cells = (double)rows * columns;
        fields.Add(new("density", cells > 0 ? nonZeros / cells : 0.0));
    }

    /// <summary>The label summary's fields, the same for files and shard datasets.</summary>
    internal static void Labels(List<KeyValuePair<string, object?>> fields, LabelSummary s)
    {
        fields.Add(new("labels", s.Kind.ToString().ToLowerInvariant()));
        fields.Add(new("distinct_labels", s.DistinctCount));
        if (s.Kind == LabelKind.MultiLabel) fields.Add(new("labels_per_row", Math.Round(s.LabelsPerRow, 4)));
        if (s.ClassCounts is { } counts && s.Kind != LabelKind.Regression)
        {
            fields.Add(new("class_counts", counts
                .Select(p => new KeyValuePair<string, object?>(p.Key.ToString("R", CultureInfo.InvariantCulture), p.Value))
                .ToList()));
        }
        else if (s.Kind != LabelKind.None)
        {
            fields.Add(new("label_min", s.Min));
            fields.Add(new("label_mean", s.Mean));
            fields.Add(new("label_max", s.Max));
        }
    }

    private static CompressedStreams.Compression Compression(string path)
    {
        Span<byte> header = stackalloc byte[6];
        using var f = File.OpenRead(path);
        int n = f.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        return CompressedStreams.Detect(header[..n]);
    }

    private static string Format(string path) => DataFormats.Name(DataFormats.FromPath(path));
}
