namespace OptSuite.Data;

/// <summary>
/// Label statistics gathered a chunk at a time (range, mean, whether all are integers, the count of each distinct
/// value), so that a stream of any length is summarised in bounded memory: <see cref="LabelSummary"/> reads it.
/// </summary>
/// <remarks>
/// Counting stops once more than <see cref="MaxTracked"/> distinct values were seen (regression targets of a huge file
/// would otherwise hold one entry per row); <see cref="Distinct"/> then says "more than MaxTracked", which is all a
/// summary needs (more than <see cref="LabelSummary.MaxClasses"/> values is regression whatever the exact number).
/// </remarks>
internal sealed class LabelTally
{
    /// <summary>Distinct values counted before counting stops.</summary>
    public const int MaxTracked = 100_000;

    private Dictionary<double, int>? _counts = new();
    private int _distinct;
    private double _sum;

    /// <summary>Labels seen.</summary>
    public long Count { get; private set; }

    /// <summary>Smallest label (NaN before any).</summary>
    public double Min { get; private set; } = double.NaN;

    /// <summary>Largest label (NaN before any).</summary>
    public double Max { get; private set; } = double.NaN;

    /// <summary>Mean label (NaN before any).</summary>
    public double Mean => Count == 0 ? double.NaN : _sum / Count;

    /// <summary>Every label so far is a whole number.</summary>
    public bool Integral { get; private set; } = true;

    /// <summary>Distinct labels, exact up to <see cref="MaxTracked"/>, else MaxTracked + 1.</summary>
    public int Distinct => _counts?.Count ?? _distinct;

    /// <summary>The count of each distinct label (−0 counted as 0), or null once counting stopped.</summary>
    public Dictionary<double, int>? Counts => _counts;

    /// <summary>Adds labels.</summary>
    public void Add(ReadOnlySpan<double> labels)
    {
        if (labels.IsEmpty) return;
        double min = Count == 0 ? double.PositiveInfinity : Min, max = Count == 0 ? double.NegativeInfinity : Max;
        foreach (double v in labels)
        {
            if (_counts is not null)
            {
                double key = v == 0 ? 0 : v;
                _counts[key] = _counts.GetValueOrDefault(key) + 1;
                if (_counts.Count > MaxTracked) { _distinct = MaxTracked + 1; _counts = null; }
            }
            min = Math.Min(min, v);
            max = Math.Max(max, v);
            _sum += v;
            Integral &= double.IsInteger(v);
        }
        Min = min;
        Max = max;
        Count += labels.Length;
    }

    /// <summary>The summary of the labels seen, one per row.</summary>
    public LabelSummary Summary() => LabelSummary.Of(this);
}
