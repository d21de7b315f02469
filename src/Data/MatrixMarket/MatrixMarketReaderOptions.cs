namespace OptSuite.Data;

/// <summary>Options for <see cref="MatrixMarketReader"/>.</summary>
public sealed record MatrixMarketReaderOptions
{
    /// <summary>The defaults: non-finite values are an error.</summary>
    public static MatrixMarketReaderOptions Default { get; } = new();

    /// <summary>Accept NaN and ±Inf values instead of failing (off by default: solvers cannot use them).</summary>
    public bool AllowNonFinite { get; init; }
}
