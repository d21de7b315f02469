namespace OptSuite.Data;

/// <summary>What the chunk parser checks, fixed for a whole read.</summary>
internal readonly struct SvmlightParseSettings
{
    public SvmlightParseSettings(SvmlightReaderOptions options, bool multiLabel)
    {
        MultiLabel = multiLabel;
        IndexBase = options.IndexBase;
        FeatureCount = options.FeatureCount;
        // Without a feature count, columns are bounded by the largest array .NET allocates (2147483591), since a model
        // needs a coefficient per column: index 2^31 − 1 is then a clear error, not an OutOfMemoryException in the fit.
        long oneBasedLimit = Math.Min(options.FeatureCount ?? Array.MaxLength, int.MaxValue);
        // Zero-based: column = index, so index ≤ N − 1.
        MaxIndex = IndexBase == SvmlightIndexBase.ZeroBased ? oneBasedLimit - 1 : oneBasedLimit;
    }

    public bool MultiLabel { get; }
    public SvmlightIndexBase IndexBase { get; }
    public int? FeatureCount { get; }

    /// <summary>The largest raw index accepted while parsing; under Auto, MaxIndex itself is only valid if one-based.</summary>
    public long MaxIndex { get; }

    /// <summary>
    /// Whether indices are read as zero-based, given the smallest index seen (long.MaxValue when none): as the options
    /// say, or under <see cref="SvmlightIndexBase.Auto"/> scikit-learn's rule, zero-based exactly when some index is 0.
    /// The one definition the reader (over the whole file) and the shard converter (over the rows read so far) share.
    /// </summary>
    public bool IsZeroBased(long minIndex) => IndexBase switch
    {
        SvmlightIndexBase.ZeroBased => true,
        SvmlightIndexBase.OneBased => false,
        _ => minIndex == 0,
    };

    public string LimitDescription(bool zeroBased) => FeatureCount is { } n
        ? $"the feature count is {n}, so {(zeroBased ? "zero" : "one")}-based indices must be at most {(zeroBased ? n - 1 : n)}"
        : $"indices must be at most {(zeroBased ? Array.MaxLength - 1 : Array.MaxLength)} (a coefficient per column must fit in one .NET array)";
}
