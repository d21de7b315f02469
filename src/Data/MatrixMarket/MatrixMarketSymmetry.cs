namespace OptSuite.Data;

/// <summary>The symmetry named in a Matrix Market banner; only the lower triangle is stored when not general.</summary>
public enum MatrixMarketSymmetry
{
    /// <summary>Every entry stored.</summary>
    General,
    /// <summary>a_ij = a_ji; the lower triangle (with the diagonal) is stored.</summary>
    Symmetric,
    /// <summary>a_ij = −a_ji; the strict lower triangle is stored (the diagonal is zero).</summary>
    SkewSymmetric,
}
