namespace OptSuite.Data;

/// <summary>The value type named in a Matrix Market banner (complex is recognised but not supported).</summary>
public enum MatrixMarketField
{
    /// <summary>Real values.</summary>
    Real,
    /// <summary>Integer values (read as doubles; exact up to 2^53).</summary>
    Integer,
    /// <summary>No values: every stored entry is 1.</summary>
    Pattern,
}
