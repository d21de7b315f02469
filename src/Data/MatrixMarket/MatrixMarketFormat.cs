namespace OptSuite.Data;

/// <summary>The storage format named in a Matrix Market banner.</summary>
public enum MatrixMarketFormat
{
    /// <summary>Sparse: one "i j [value]" line per stored entry.</summary>
    Coordinate,
    /// <summary>Dense: every entry (or the lower triangle when symmetric), column by column.</summary>
    Array,
}
