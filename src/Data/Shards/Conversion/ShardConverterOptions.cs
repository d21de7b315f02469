namespace OptSuite.Data.Shards;

/// <summary>Options of <see cref="ShardConverter"/>.</summary>
public sealed record ShardConverterOptions
{
    /// <summary>The defaults: format from the file name, 256 MiB shards, sparse for svmlight and coordinate files, dense for CSV and array files.</summary>
    public static ShardConverterOptions Default { get; } = new();

    /// <summary>The input's format; null guesses it from the file name (<see cref="DataFormats.FromPath"/>).</summary>
    public DataFormat? Format { get; init; }

    /// <summary>Shard storage; null takes the input's natural one (sparse for svmlight and Matrix Market coordinate files, dense for CSV and Matrix Market array files).</summary>
    public ShardStorage? Storage { get; init; }

    /// <summary>The size a shard is closed at (<see cref="ShardWriterOptions.ShardBytes"/>).</summary>
    public long ShardBytes { get; init; } = ShardWriterOptions.DefaultShardBytes;

    /// <summary>svmlight: index base and feature count, as <see cref="SvmlightReader"/> takes them (the other reader options do not apply).</summary>
    public SvmlightReaderOptions Svmlight { get; init; } = SvmlightReaderOptions.Default;

    /// <summary>CSV: delimiter, header and the label column (<see cref="CsvReaderOptions.TargetName"/> or <see cref="CsvReaderOptions.TargetIndex"/>, required).</summary>
    public CsvReaderOptions Csv { get; init; } = CsvReaderOptions.Default;

    /// <summary>Matrix Market: the column holding the labels (0-based, negative from the end), removed from the features; or use <see cref="LabelsFile"/>.</summary>
    public int? MatrixMarketLabelColumn { get; init; }

    /// <summary>Matrix Market: a file of labels, one per row (a Matrix Market vector, or one number per line), held in memory (8 bytes a row).</summary>
    public string? LabelsFile { get; init; }

    /// <summary>Matrix Market: where an unsorted file's entries are scattered by row before they are written; null uses a hidden directory beside the output.</summary>
    public string? TemporaryDirectory { get; init; }

    /// <summary>Matrix Market: entries sorted in memory at once when a file is not in row order (16 bytes each on disk, about 20 in memory).</summary>
    internal int ScatterEntries { get; init; } = 1 << 21;

    /// <summary>Use the managed decompressors even when native ones load (tests).</summary>
    internal bool ManagedDecompression { get; init; }

    /// <summary>Checks the fields; throws <see cref="ArgumentException"/> naming the problem.</summary>
    public void Validate()
    {
        new ShardWriterOptions { ShardBytes = ShardBytes, Storage = Storage ?? ShardStorage.Sparse }.Validate();
        ArgumentNullException.ThrowIfNull(Svmlight, nameof(Svmlight));
        ArgumentNullException.ThrowIfNull(Csv, nameof(Csv));
        if (MatrixMarketLabelColumn is not null && LabelsFile is not null)
            throw new ArgumentException("Give MatrixMarketLabelColumn or LabelsFile, not both.", nameof(LabelsFile));
        if (ScatterEntries < 1) throw new ArgumentOutOfRangeException(nameof(ScatterEntries), ScatterEntries, "ScatterEntries must be positive.");
    }
}
