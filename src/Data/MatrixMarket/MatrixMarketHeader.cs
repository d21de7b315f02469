namespace OptSuite.Data;

/// <summary>What a Matrix Market file says about itself: banner words, comments and the size line.</summary>
/// <param name="Format">Coordinate (sparse) or array (dense).</param>
/// <param name="Field">Value type.</param>
/// <param name="Symmetry">Which part of the matrix is stored.</param>
/// <param name="Comments">The '%' lines after the banner, without the leading '%'.</param>
/// <param name="Rows">Number of rows.</param>
/// <param name="Columns">Number of columns.</param>
/// <param name="StoredEntries">Entries stored in the file (before mirroring symmetric ones).</param>
public sealed record MatrixMarketHeader(
    MatrixMarketFormat Format,
    MatrixMarketField Field,
    MatrixMarketSymmetry Symmetry,
    IReadOnlyList<string> Comments,
    int Rows,
    int Columns,
    long StoredEntries)
{
    /// <summary>The object named in the banner; only "matrix" is supported.</summary>
    public string Object => "matrix";
}
