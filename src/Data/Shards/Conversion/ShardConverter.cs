namespace OptSuite.Data.Shards;

/// <summary>
/// Converts a data file — svmlight/LIBSVM, CSV or Matrix Market; plain, .gz, .bz2 or .xz — of any size into a shard
/// dataset (docs/shard-format.md) in bounded memory: the input is never held whole, only a chunk being parsed and the
/// shard being filled. What <c>optsuite convert</c> runs.
/// </summary>
/// <remarks>
/// <para>Each format goes through its reader's own parser, so the shards hold exactly the matrix and labels the
/// in-memory reader returns, and malformed input is the reader's <see cref="DataFormatException"/> naming file, line and
/// column. svmlight is read once (twice for dense storage, which needs the column count first); under the auto index
/// base rows are written one-based until an index 0 shows the file to be zero-based, and what was written is then
/// shifted, which costs nothing for the usual one-based file. CSV is read once; it needs its label column named.
/// Matrix Market is read twice: a first pass checks and counts the entries, a second writes rows as they come when the
/// file is in row order, else sorts them by row through temporary bucket files (<see cref="MatrixMarketScatter"/>).</para>
/// <para>Memory: about workers + 2 parse chunks of 2 MB (svmlight; at most 4 parsing threads unless
/// <see cref="SvmlightReaderOptions.MaxDegreeOfParallelism"/> says otherwise), one row (CSV), 8 MB of row counts and
/// <see cref="ShardConverterOptions.ScatterEntries"/> entries (Matrix Market), plus the writer's shard in memory, which is
/// up to about twice <see cref="ShardConverterOptions.ShardBytes"/> while its arrays grow. Nothing grows with the row
/// count except a Matrix Market labels file, read whole (8 bytes a row).</para>
/// <para>Failure leaves nothing: the output directory must be new or empty, and any error removes what was written
/// (and the directory, when the conversion created it). A killed conversion leaves shard files without a manifest,
/// which no reader takes for a dataset.</para>
/// <para>Sample weights: none of the text readers has a weight column, so converted datasets have none; svmlight
/// <c>qid:</c> values are not stored (a note says so).</para>
/// </remarks>
public static class ShardConverter
{
    /// <summary>Converts <paramref name="input"/> into a new shard dataset in <paramref name="outputDirectory"/>.</summary>
    /// <param name="input">The data file.</param>
    /// <param name="outputDirectory">A directory that does not exist or is empty.</param>
    /// <param name="options">Format, storage, shard size and the format's options.</param>
    /// <param name="progress">Called a few times a second, on the converting thread, with what was read and written.</param>
    /// <exception cref="DataFormatException">Malformed input, naming file, line and column.</exception>
    /// <exception cref="FileNotFoundException">No input file.</exception>
    /// <exception cref="IOException">The output directory is a file or holds files.</exception>
    /// <exception cref="ArgumentException">Options that do not fit the input (a CSV without a label column, a label column out of range).</exception>
    public static ShardConversion Convert(string input, string outputDirectory, ShardConverterOptions? options = null,
        Action<ShardConversionProgress>? progress = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(input);
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        options ??= ShardConverterOptions.Default;
        options.Validate();
        if (!File.Exists(input)) throw new FileNotFoundException($"Data file not found: {input}", input);
        var source = new ConversionInput(input, options.ManagedDecompression, progress);
        var format = options.Format ?? DataFormats.FromPath(input);
        ShardManifest manifest;
        int passes = 1;
        var notes = new List<string>();
        switch (format)
        {
            case DataFormat.Svmlight:
            {
                var storage = options.Storage ?? ShardStorage.Sparse;
                using var writer = CreateWriter(outputDirectory, options, storage, source, format);
                (int columns, passes, notes) = SvmlightConversion.Run(source, writer, storage, options.Svmlight);
                manifest = writer.Complete(columns);
                break;
            }
            case DataFormat.Csv:
            {
                var storage = options.Storage ?? ShardStorage.Dense;
                using var writer = CreateWriter(outputDirectory, options, storage, source, format);
                int columns = CsvConversion.Run(source, writer, storage, options.Csv);
                manifest = writer.Complete(columns);
                break;
            }
            case DataFormat.MatrixMarket:
                (manifest, notes) = MatrixMarketConversion.Run(source, outputDirectory, options);
                passes = 2;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), format, "Unknown data format.");
        }
        source.Stage("done");
        return new ShardConversion(outputDirectory, manifest, source.Elapsed, source.FileBytes, source.TextBytes, passes, notes);
    }

    internal static ShardWriter CreateWriter(string directory, ShardConverterOptions options, ShardStorage storage, ConversionInput input, DataFormat format) =>
        ShardWriter.Create(directory, new ShardWriterOptions
        {
            ShardBytes = options.ShardBytes,
            Storage = storage,
            Source = new ShardSource(input.Path, DataFormats.Name(format), null, input.FileBytes),
        });
}
