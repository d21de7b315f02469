namespace OptSuite.Data;

/// <summary>
/// The rows parsed from one chunk of text (whole lines), in the chunk's own growable arrays, with what the reader
/// needs to check across chunks: index range, qid presence, line count, the first error.
/// </summary>
internal sealed class SvmlightChunk
{
    public SvmlightChunk(int sequence, int bytes, double bytesPerEntry, double bytesPerRow, bool multiLabel)
    {
        Sequence = sequence;
        Bytes = bytes;
        int entries = (int)Math.Min(Array.MaxLength, bytes / Math.Max(bytesPerEntry, 2.0) * 1.15 + 16);
        int rows = (int)Math.Min(Array.MaxLength, bytes / Math.Max(bytesPerRow, 2.0) * 1.15 + 4);
        Indices = GC.AllocateUninitializedArray<int>(entries);
        Values = GC.AllocateUninitializedArray<double>(entries);
        RowEnds = GC.AllocateUninitializedArray<int>(rows);
        if (multiLabel)
        {
            Labels = [];
            LabelEnds = GC.AllocateUninitializedArray<int>(rows);
            LabelValues = GC.AllocateUninitializedArray<double>(rows);
        }
        else
        {
            Labels = GC.AllocateUninitializedArray<double>(rows);
        }
    }

    public int Sequence { get; private set; }

    /// <summary>The text bytes the chunk was parsed from.</summary>
    public int Bytes { get; private set; }

    public int[] Indices;
    public double[] Values;
    public int Count;

    public int[] RowEnds;
    public double[] Labels;     // single-label mode: one per row
    public int Rows;
    public long[]? Qids;

    public int[]? LabelEnds;    // multi-label mode: where each row's labels end in LabelValues
    public double[]? LabelValues;
    public int LabelCount;

    /// <summary>Lines consumed (every chunk ends with a newline).</summary>
    public long Lines;

    /// <summary>Smallest and largest raw index seen (long.MaxValue / −1 when none).</summary>
    public long MinIndex = long.MaxValue;
    public long MaxIndex = -1;

    /// <summary>Under Auto: the first index equal to the one-based limit, an error only if the file turns out zero-based.</summary>
    public SvmlightSyntaxException? Edge;

    /// <summary>0 before the first row, 1 when rows carry qid:, 2 when they do not.</summary>
    public int QidState;
    public long FirstRowLine;
    public string? FirstRowText;

    public SvmlightSyntaxException? Failure;

    /// <summary>Empties the chunk for the text of another (its arrays are kept: a streaming read reuses chunks).</summary>
    public SvmlightChunk Reset(int sequence, int bytes)
    {
        Sequence = sequence;
        Bytes = bytes;
        Count = Rows = LabelCount = QidState = 0;
        Lines = FirstRowLine = 0;
        MinIndex = long.MaxValue;
        MaxIndex = -1;
        Edge = Failure = null;
        FirstRowText = null;
        return this;
    }

    public void GrowEntries()
    {
        int n = NewSize(Indices.Length);
        Array.Resize(ref Indices, n);
        Array.Resize(ref Values, n);
    }

    public void GrowRows()
    {
        int n = NewSize(RowEnds.Length);
        Array.Resize(ref RowEnds, n);
        if (LabelEnds is null) Array.Resize(ref Labels, n);
        else Array.Resize(ref LabelEnds, n);
        if (Qids is not null) Array.Resize(ref Qids, n);
    }

    public void GrowLabels()
    {
        var lv = LabelValues!;
        Array.Resize(ref lv, NewSize(lv.Length));
        LabelValues = lv;
    }

    private static int NewSize(int n)
    {
        if (n >= Array.MaxLength) throw new SvmlightSyntaxException(0, 0, "more entries in one chunk than an array holds", null);
        return (int)Math.Min(Array.MaxLength, Math.Max(16L, n + (long)n / 2));
    }
}
