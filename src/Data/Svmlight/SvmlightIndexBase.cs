namespace OptSuite.Data;

/// <summary>How feature indices in an svmlight file are numbered.</summary>
public enum SvmlightIndexBase
{
    /// <summary>
    /// Decide from the file, as scikit-learn's <c>zero_based="auto"</c>: zero-based when any index is 0, else one-based.
    /// </summary>
    Auto,

    /// <summary>Indices start at 0 (column j of the matrix is index j).</summary>
    ZeroBased,

    /// <summary>Indices start at 1, the LIBSVM convention (column j is index j + 1); index 0 is an error.</summary>
    OneBased,
}
