namespace OptSuite.LinearAlgebra;

/// <summary>Element order of a dense matrix's storage.</summary>
public enum MatrixLayout
{
    /// <summary>Row after row (C order): element (i, j) at i·Columns + j. Fast rows.</summary>
    RowMajor,

    /// <summary>Column after column (Fortran order, MathNet's order): element (i, j) at j·Rows + i. Fast columns.</summary>
    ColumnMajor,
}
