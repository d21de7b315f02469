namespace OptSuite.Data;

/// <summary>Options for <see cref="SvmlightReader"/>.</summary>
public sealed record SvmlightReaderOptions
{
    private readonly int? _featureCount;
    private readonly int _parallelism;
    private readonly int _chunkBytes = 1 << 21;

    /// <summary>The defaults: index base detected, feature count from the largest index, all processors.</summary>
    public static SvmlightReaderOptions Default { get; } = new();

    /// <summary>How indices are numbered; <see cref="SvmlightIndexBase.Auto"/> by default.</summary>
    public SvmlightIndexBase IndexBase { get; init; }

    /// <summary>
    /// The number of columns of the result. Null takes the largest index in the file. Test splits often use fewer
    /// features than their training set, so pass the training set's count; an index beyond it is an error.
    /// </summary>
    public int? FeatureCount
    {
        get => _featureCount;
        init
        {
            if (value < 0) throw new ArgumentOutOfRangeException(nameof(FeatureCount), value, "FeatureCount must be ≥ 0.");
            _featureCount = value;
        }
    }

    /// <summary>
    /// Parsing threads; 0 (the default) uses <see cref="Environment.ProcessorCount"/>. Decompression, when needed,
    /// runs on the calling thread alongside them. Inputs of one chunk (2 MB) are parsed on the calling thread alone.
    /// </summary>
    public int MaxDegreeOfParallelism
    {
        get => _parallelism;
        init
        {
            if (value < 0) throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), value, "MaxDegreeOfParallelism must be ≥ 0.");
            _parallelism = value;
        }
    }

    /// <summary>Bytes per parsing chunk (tests make it tiny to exercise chunk boundaries).</summary>
    internal int ChunkBytes
    {
        get => _chunkBytes;
        init
        {
            if (value < 1) throw new ArgumentOutOfRangeException(nameof(ChunkBytes), value, "ChunkBytes must be ≥ 1.");
            _chunkBytes = value;
        }
    }

    /// <summary>
    /// The longest line read (1 GiB; tests make it small): a longer one is an error as soon as that much has been read,
    /// so an endless line (a device, a corrupt file) costs at most about 1.5 times this bound.
    /// </summary>
    internal int MaxLineBytes { get; init; } = 1 << 30;

    /// <summary>Use the managed decompressors even when native ones load (tests compare both).</summary>
    internal bool ManagedDecompression { get; init; }

    internal int Workers => _parallelism == 0 ? Environment.ProcessorCount : _parallelism;
}
