using System.CommandLine;
using System.Globalization;
using OptSuite.Cli.Output;
using OptSuite.Data;
using OptSuite.Data.IO;
using OptSuite.Data.Shards;

namespace OptSuite.Cli.Commands;

/// <summary>
/// <c>optsuite convert INPUT --out DIR</c>: a data file of any size (svmlight, CSV, Matrix Market; plain or compressed)
/// into a shard dataset in bounded memory (<see cref="ShardConverter"/>, docs/shard-format.md). A progress line on
/// stderr when it is a terminal; the summary on stdout. Bad input or a used --out is exit code 2 and leaves nothing.
/// </summary>
internal static class ConvertCommand
{
    private static readonly Argument<string> Input = new("input")
    {
        Description = "The data file: svmlight/LIBSVM, CSV (.csv) or Matrix Market (.mtx); .gz/.bz2/.xz are decompressed by content.",
    };

    private static readonly Option<string> Out = new("--out", "-o") { Description = "The dataset directory to create (new, or empty; nothing is overwritten).", Required = true };
    private static readonly Option<double?> ShardSize = new("--shard-size") { Description = "Shard size in MiB (default 256): a shard is closed before a row would take it past this. Fractions are allowed (0.01 ≈ 10 KiB)." };
    private static readonly Option<string> FormatOption = new("--format") { Description = "The input format: auto (from the file name: .mtx Matrix Market, .csv CSV, else svmlight), svmlight, csv or mm.", DefaultValueFactory = _ => "auto" };
    private static readonly Option<bool> Dense = new("--dense") { Description = "Store every entry, row-major (the default for CSV and Matrix Market array files)." };
    private static readonly Option<bool> Sparse = new("--sparse") { Description = "Store rows as CSR (the default for svmlight and Matrix Market coordinate files)." };
    private static readonly Option<string> ZeroBased = new("--zero-based") { Description = "svmlight index base: auto (zero-based when some index is 0, as scikit-learn), true or false.", DefaultValueFactory = _ => "auto" };
    private static readonly Option<int?> Features = new("--features") { Description = "svmlight feature count (columns); a larger index is an error." };
    private static readonly Option<string?> LabelColumn = new("--label-column") { Description = "CSV: the label column, by header name or 0-based index (negative from the end: -1 is the last). Matrix Market: the matrix column holding the labels (0-based index), removed from the features." };
    private static readonly Option<string?> LabelsFile = new("--labels") { Description = "Matrix Market: a file with one label per row (a Matrix Market vector, or one number per line)." };
    private static readonly Option<bool> Json = new("--json") { Description = "One JSON object on stdout." };

    public static Command Create()
    {
        var cmd = new Command("convert", "Convert a data file of any size (svmlight/LIBSVM, CSV, Matrix Market; .gz/.bz2/.xz) into a shard dataset for out-of-core training, in bounded memory.");
        FormatOption.AcceptOnlyFromAmong("auto", "svmlight", "csv", "mm");
        ZeroBased.AcceptOnlyFromAmong("auto", "true", "false");
        cmd.Arguments.Add(Input);
        foreach (Option o in new Option[] { Out, ShardSize, FormatOption, Dense, Sparse, ZeroBased, Features, LabelColumn, LabelsFile, Json }) cmd.Options.Add(o);
        cmd.SetAction(parse => CommandRunner.Run(parse, () => Execute(parse)));
        return cmd;
    }

    private static int Execute(ParseResult parse)
    {
        string input = CliFiles.ResolveData(parse.GetValue(Input)!);
        string output = parse.GetValue(Out)!;
        CliFiles.RequireInput("the input", input);
        CheckOutput(output, input);
        var format = parse.GetValue(FormatOption) switch
        {
            "svmlight" => DataFormat.Svmlight,
            "csv" => DataFormat.Csv,
            "mm" => DataFormat.MatrixMarket,
            _ => DataFormats.FromPath(input),
        };
        var options = Options(parse, format);
        if (options.LabelsFile is { } labels) CliFiles.RequireInput("--labels", labels, "Labels");
        ShardConversion result;
        try
        {
            result = ConvertProgress.Run(progress => ShardConverter.Convert(input, output, options, progress));
        }
        catch (DataFormatException e) when (SvmlightReader.IsMultiLabelError(e))
        {
            throw new DataFormatException(e.FilePath, e.Line, e.Column,
                "multi-label line (comma-separated labels); a shard dataset holds one label per row", e.OffendingText, e);
        }
        foreach (string note in result.Notes) Console.Error.WriteLine("note: " + CommandRunner.OneLine(note));
        var fields = Summary(result, input, format);
        if (parse.GetValue(Json)) Console.WriteLine(JsonLine.Of(fields));
        else KeyValueTable.Write("convert", fields);
        return ExitCodes.Success;
    }

    /// <summary>The converter's options from the command line; options of another format are usage errors.</summary>
    private static ShardConverterOptions Options(ParseResult parse, DataFormat format)
    {
        if (parse.GetValue(Dense) && parse.GetValue(Sparse)) throw new UsageException("Give --dense or --sparse, not both.");
        ShardStorage? storage = parse.GetValue(Dense) ? ShardStorage.Dense : parse.GetValue(Sparse) ? ShardStorage.Sparse : null;
        string? label = parse.GetValue(LabelColumn), labels = parse.GetValue(LabelsFile);
        bool svmlightOptions = parse.GetValue(ZeroBased) != "auto" || parse.GetValue(Features) is not null;
        string name = DataFormats.Name(format);
        if (format != DataFormat.Svmlight && svmlightOptions) throw new UsageException($"--zero-based and --features apply to svmlight input; this input is {name}.");
        if (format != DataFormat.MatrixMarket && labels is not null) throw new UsageException($"--labels applies to Matrix Market input; this input is {name}.");
        if (format == DataFormat.Svmlight && label is not null) throw new UsageException("--label-column applies to CSV and Matrix Market input; svmlight labels are the first field of each line.");
        int? index = label is not null && int.TryParse(label, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int i) ? i : null;
        if (format == DataFormat.Csv && label is null)
            throw new UsageException("CSV input needs --label-column NAME or INDEX: the column that holds the labels (0-based; -1 is the last).");
        if (format == DataFormat.MatrixMarket)
        {
            if (label is null && labels is null)
                throw new UsageException("A Matrix Market file holds no labels: give --label-column J (the matrix column holding them, 0-based) or --labels FILE (one label per row).");
            if (label is not null && labels is not null) throw new UsageException("Give --label-column or --labels, not both.");
            if (label is not null && index is null) throw new UsageException($"--label-column for Matrix Market input is a 0-based column index; it is '{label}'.");
        }
        double mib = parse.GetValue(ShardSize) ?? ShardWriterOptions.DefaultShardBytes / (double)(1 << 20);
        long bytes = (long)Math.Round(mib * (1 << 20));
        if (bytes is < ShardWriterOptions.MinShardBytes or > ShardWriterOptions.MaxShardBytes)
            throw new UsageException($"--shard-size must be between {ShardWriterOptions.MinShardBytes / 1048576.0:0.####} and {ShardWriterOptions.MaxShardBytes >> 20} (MiB); it is {mib.ToString(CultureInfo.InvariantCulture)}.");
        return new ShardConverterOptions
        {
            Format = format,
            Storage = storage,
            ShardBytes = bytes,
            Svmlight = new SvmlightReaderOptions
            {
                IndexBase = parse.GetValue(ZeroBased) switch { "true" => SvmlightIndexBase.ZeroBased, "false" => SvmlightIndexBase.OneBased, _ => SvmlightIndexBase.Auto },
                FeatureCount = parse.GetValue(Features),
            },
            Csv = format != DataFormat.Csv ? CsvReaderOptions.Default
                : index is { } k ? new CsvReaderOptions { TargetIndex = k } : new CsvReaderOptions { TargetName = label },
            MatrixMarketLabelColumn = format == DataFormat.MatrixMarket ? index : null,
            LabelsFile = labels,
        };
    }

    /// <summary>
    /// The output must be a new or empty directory that does not hold the input: converting onto the input, into a
    /// file or into a used directory is refused before anything is read.
    /// </summary>
    private static void CheckOutput(string output, string input)
    {
        FileStatus status, source;
        try
        {
            status = FileStatus.Of(output);
            source = FileStatus.Of(input);
        }
        catch (IOException e)
        {
            throw new UsageException($"--out {output}: {e.Message}");
        }
        if (status.IsSameFileAs(source)) throw new UsageException($"--out {output} is the input file; the shards go into a new directory, and the input is left alone.");
        if (status.Kind is not (FileKind.Missing or FileKind.Directory))
            throw new UsageException($"--out {output} exists and is not a directory; a shard dataset is a new or empty directory.");
        string dir = Path.TrimEndingDirectorySeparator(status.FinalPath) + Path.DirectorySeparatorChar;
        if (source.FinalPath.StartsWith(dir, StringComparison.Ordinal))
            throw new UsageException($"--out {output} contains the input {input}; convert into a new or empty directory elsewhere.");
        if (status.Kind == FileKind.Directory && Directory.EnumerateFileSystemEntries(output).Any())
            throw new UsageException($"--out {output} exists and is not empty; convert into a new or empty directory (nothing is overwritten).");
    }

    private static List<KeyValuePair<string, object?>> Summary(ShardConversion r, string input, DataFormat format)
    {
        var m = r.Manifest;
        double seconds = r.Elapsed.TotalSeconds;
        var fields = new List<KeyValuePair<string, object?>>
        {
            new("dataset", r.Directory),
            new("input", input),
            new("format", DataFormats.Name(format)),
        };
        if (m.Source?.IndexBase is { } b) fields.Add(new("index_base", b == 0 ? "zero-based" : "one-based"));
        InspectCommand.Shape(fields, m.Rows, m.Columns, m.NonZeros);
        fields.Add(new("labels", m.Labels.Kind.ToString().ToLowerInvariant()));
        fields.Add(new("storage", m.Storage == ShardStorage.Sparse ? "sparse" : "dense"));
        fields.Add(new("shards", m.Shards.Count));
        fields.Add(new("bytes", m.Bytes));
        fields.Add(new("input_bytes", r.InputBytes));
        fields.Add(new("text_bytes", r.TextBytes));
        fields.Add(new("passes", r.Passes));
        fields.Add(new("seconds", Math.Round(seconds, 3)));
        fields.Add(new("rows_per_second", seconds > 0 ? (long)Math.Round(m.Rows / seconds) : null));
        fields.Add(new("mb_per_second", seconds > 0 ? Math.Round(r.TextBytes / 1e6 / seconds, 1) : double.NaN));
        return fields;
    }
}
