using OptSuite.LinearAlgebra;

namespace OptSuite.Data;

/// <summary>An svmlight/LIBSVM dataset: sparse features X (CSR, one row per example), labels y, optional query ids.</summary>
public sealed class SvmlightDataset
{
    /// <summary>Creates a dataset; <paramref name="labels"/> and <paramref name="queryIds"/> need one entry per row.</summary>
    public SvmlightDataset(CsrMatrix features, double[] labels, long[]? queryIds = null, bool zeroBasedIndices = false)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Length != features.Rows)
            throw new ArgumentException($"labels has length {labels.Length}; features has {features.Rows} rows.", nameof(labels));
        if (queryIds is not null && queryIds.Length != features.Rows)
            throw new ArgumentException($"queryIds has length {queryIds.Length}; features has {features.Rows} rows.", nameof(queryIds));
        Features = features;
        Labels = labels;
        QueryIds = queryIds;
        ZeroBasedIndices = zeroBasedIndices;
    }

    /// <summary>The feature matrix X: rows are examples, column j is feature index j (zero-based) or j + 1 (one-based).</summary>
    public CsrMatrix Features { get; }

    /// <summary>One label per row, as written in the file (±1, 0/1, class codes or real targets).</summary>
    public double[] Labels { get; }

    /// <summary>The <c>qid:</c> of every row, or null when the file has none.</summary>
    public long[]? QueryIds { get; }

    /// <summary>Whether the file's indices were read as zero-based (decided by the options or detected).</summary>
    public bool ZeroBasedIndices { get; }

    /// <summary>Number of examples.</summary>
    public int Rows => Features.Rows;

    /// <summary>Number of features (columns).</summary>
    public int Columns => Features.Columns;

    /// <summary>Stored entries of X.</summary>
    public int NonZeroCount => Features.NonZeroCount;
}
