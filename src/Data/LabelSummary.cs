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
        var (counts, min, mean, max, integral) = Count(labels);
        LabelKind kind = labels.IsEmpty ? LabelKind.None
            : !integral || counts.Count > MaxClasses ? LabelKind.Regression
            : counts.Count switch { 1 => LabelKind.Constant, 2 => LabelKind.Binary, _ => LabelKind.Multiclass };
        return new LabelSummary(kind, counts.Count, Ordered(counts), min, mean, max, labels.IsEmpty ? 0 : 1);
    }

    /// <summary>Summarises label sets; counts are rows containing each label.</summary>
    public static LabelSummary OfSets(SvmlightMultiLabelDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var (counts, min, mean, max, _) = Count(data.LabelValues);
        double perRow = data.Rows == 0 ? 0 : (double)data.LabelValues.Length / data.Rows;
        return new LabelSummary(LabelKind.MultiLabel, counts.Count, Ordered(counts), min, mean, max, perRow);
    }

    private static (Dictionary<double, int>, double, double, double, bool) Count(ReadOnlySpan<double> labels)
    {
        var counts = new Dictionary<double, int>();
        double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0;
        bool integral = true;
        foreach (double v in labels)
        {
            // -0 and 0 are one class.
            double key = v == 0 ? 0 : v;
            counts[key] = counts.GetValueOrDefault(key) + 1;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
            sum += v;
            integral &= double.IsInteger(v);
        }
        if (labels.IsEmpty) return (counts, double.NaN, double.NaN, double.NaN, true);
        return (counts, min, sum / labels.Length, max, integral);
    }

    private static List<KeyValuePair<double, int>>? Ordered(Dictionary<double, int> counts) =>
        counts.Count > MaxClasses ? null : counts.OrderBy(p => p.Key).ToList();
}
