namespace OptSuite.Data;

/// <summary>What the chunk parser checks, fixed for a whole read.</summary>
internal readonly struct SvmlightParseSettings
{
    public SvmlightParseSettings(SvmlightReaderOptions options, bool multiLabel)
    {
        MultiLabel = multiLabel;
        IndexBase = options.IndexBase;
        FeatureCount = options.FeatureCount;
        long oneBasedLimit = Math.Min(options.FeatureCount ?? int.MaxValue, int.MaxValue);
        // Zero-based: column = index, so index ≤ N − 1 (and < int.MaxValue for the column count to fit an int).
        MaxIndex = IndexBase == SvmlightIndexBase.ZeroBased ? oneBasedLimit - 1 : oneBasedLimit;
    }

    public bool MultiLabel { get; }
    public SvmlightIndexBase IndexBase { get; }
    public int? FeatureCount { get; }

    /// <summary>The largest raw index accepted while parsing; under Auto, MaxIndex itself is only valid if one-based.</summary>
    public long MaxIndex { get; }

    public string LimitDescription(bool zeroBased) => FeatureCount is { } n
        ? $"the feature count is {n}, so {(zeroBased ? "zero" : "one")}-based indices must be at most {(zeroBased ? n - 1 : n)}"
        : $"indices must be at most {(zeroBased ? int.MaxValue - 1 : int.MaxValue)} (columns are 32-bit)";
}
