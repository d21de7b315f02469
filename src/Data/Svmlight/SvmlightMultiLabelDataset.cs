using OptSuite.LinearAlgebra;

namespace OptSuite.Data;

/// <summary>
/// A multi-label svmlight dataset (lines such as <c>1,3,7 4:0.5 9:1</c>): sparse features X and a set of labels per
/// row, stored flat: row i's labels are <see cref="LabelValues"/>[<see cref="LabelPointers"/>[i] .. LabelPointers[i+1]).
/// </summary>
public sealed class SvmlightMultiLabelDataset
{
    /// <summary>Creates a dataset from CSR-like label storage (<paramref name="labelPointers"/> has Rows + 1 entries).</summary>
    public SvmlightMultiLabelDataset(CsrMatrix features, int[] labelPointers, double[] labelValues, long[]? queryIds = null,
        bool zeroBasedIndices = false)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labelPointers);
        ArgumentNullException.ThrowIfNull(labelValues);
        if (labelPointers.Length != features.Rows + 1 || labelPointers[0] != 0)
            throw new ArgumentException($"labelPointers must have {features.Rows + 1} entries starting at 0.", nameof(labelPointers));
        for (int i = 0; i < features.Rows; i++)
            if (labelPointers[i + 1] < labelPointers[i])
                throw new ArgumentException($"labelPointers must be non-decreasing (at {i + 1}).", nameof(labelPointers));
        if (labelPointers[^1] != labelValues.Length)
            throw new ArgumentException($"labelValues has {labelValues.Length} entries; labelPointers ends at {labelPointers[^1]}.", nameof(labelValues));
        if (queryIds is not null && queryIds.Length != features.Rows)
            throw new ArgumentException($"queryIds has length {queryIds.Length}; features has {features.Rows} rows.", nameof(queryIds));
        Features = features;
        LabelPointers = labelPointers;
        LabelValues = labelValues;
        QueryIds = queryIds;
        ZeroBasedIndices = zeroBasedIndices;
    }

    /// <summary>The feature matrix X.</summary>
    public CsrMatrix Features { get; }

    /// <summary>Row i's labels start at LabelPointers[i] and end before LabelPointers[i + 1].</summary>
    public int[] LabelPointers { get; }

    /// <summary>All label values, row after row, in file order.</summary>
    public double[] LabelValues { get; }

    /// <summary>The <c>qid:</c> of every row, or null when the file has none.</summary>
    public long[]? QueryIds { get; }

    /// <summary>Whether the file's indices were read as zero-based.</summary>
    public bool ZeroBasedIndices { get; }

    /// <summary>Number of examples.</summary>
    public int Rows => Features.Rows;

    /// <summary>The labels of row <paramref name="row"/> (possibly none).</summary>
    public ReadOnlySpan<double> LabelsOf(int row) =>
        LabelValues.AsSpan(LabelPointers[row], LabelPointers[row + 1] - LabelPointers[row]);
}
