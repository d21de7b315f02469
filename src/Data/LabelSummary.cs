namespace OptSuite.Data;

/// <summary>
/// A summary of a label column: its kind, the count of each class (up to <see cref="MaxClasses"/> classes) and the
/// range and mean of the values.
/// </summary>
/// <remarks>
/// The kind follows scikit-learn's <c>type_of_target</c> (any non-integer → continuous; two values → binary; more →
/// multiclass) with one change: integer labels with more than <see cref="MaxClasses"/> distinct values (counts, prices,
/// years) are called regression, since no one means 3,842 classes.
/// </remarks>
public sealed class LabelSummary
{
    /// <summary>The most distinct integer labels still called classes.</summary>
    public const int MaxClasses = 50;

    private LabelSummary(LabelKind kind, int distinct, IReadOnlyList<KeyValuePair<double, int>>? counts,
        double min, double mean, double max, double labelsPerRow)
    {
        Kind = kind;
        DistinctCount = distinct;
        ClassCounts = counts;
        Min = min;
        Mean = mean;
        Max = max;
        LabelsPerRow = labelsPerRow;
    }

    /// <summary>A summary read back from where one was stored (a shard manifest).</summary>
    internal static LabelSummary Restore(LabelKind kind, int distinct, IReadOnlyList<KeyValuePair<double, int>>? counts,
        double min, double mean, double max) => new(kind, distinct, counts, min, mean, max, kind == LabelKind.None ? 0 : 1);

    /// <summary>The kind of labels.</summary>
    public LabelKind Kind { get; }

    /// <summary>Number of distinct label values.</summary>
    public int DistinctCount { get; }

    /// <summary>(label, rows) in increasing label order when there are at most <see cref="MaxClasses"/> distinct labels, else null.</summary>
    public IReadOnlyList<KeyValuePair<double, int>>? ClassCounts { get; }

    /// <summary>Smallest label (NaN without labels).</summary>
    public double Min { get; }

    /// <summary>Mean label (NaN without labels).</summary>
    public double Mean { get; }

    /// <summary>Largest label (NaN without labels).</summary>
    public double Max { get; }

    /// <summary>Mean number of labels per row: 1 for single labels.</summary>
    public double LabelsPerRow { get; }

    /// <summary>Summarises one label per row.</summary>
    public static LabelSummary Of(ReadOnlySpan<double> labels)
    {
        var tally = new LabelTally();
        tally.Add(labels);
        return tally.Summary();
    }

    /// <summary>Summarises label sets; counts are rows containing each label.</summary>
    public static LabelSummary OfSets(SvmlightMultiLabelDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var tally = new LabelTally();
        tally.Add(data.LabelValues);
        double perRow = data.Rows == 0 ? 0 : (double)data.LabelValues.Length / data.Rows;
        return new LabelSummary(LabelKind.MultiLabel, tally.Distinct, Ordered(tally.Counts), tally.Min, tally.Mean, tally.Max, perRow);
    }

    /// <summary>The summary of the labels a <see cref="LabelTally"/> has seen, one per row.</summary>
    internal static LabelSummary Of(LabelTally tally)
    {
        LabelKind kind = tally.Count == 0 ? LabelKind.None
            : !tally.Integral || tally.Distinct > MaxClasses ? LabelKind.Regression
            : tally.Distinct switch { 1 => LabelKind.Constant, 2 => LabelKind.Binary, _ => LabelKind.Multiclass };
        return new LabelSummary(kind, tally.Distinct, Ordered(tally.Counts), tally.Min, tally.Mean, tally.Max, tally.Count == 0 ? 0 : 1);
    }

    private static List<KeyValuePair<double, int>>? Ordered(Dictionary<double, int>? counts) =>
        counts is null || counts.Count > MaxClasses ? null : counts.OrderBy(p => p.Key).ToList();
}
