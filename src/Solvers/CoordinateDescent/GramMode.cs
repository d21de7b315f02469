namespace OptSuite.Solvers;

/// <summary>
/// How <see cref="CoordinateDescent"/> solves each quadratic model: on the data columns (the residual engine) or on
/// the weighted Gram matrix of the working set (covariance updates, glmnet's <c>type.gaussian = "covariance"</c>).
/// </summary>
/// <remarks>
/// The residual engine keeps s + h⊙Xδ over the n samples, so a coordinate update costs two passes over its column,
/// O(nnz_j). The Gram engine forms G = [X_ws 1]ᵀdiag(h)[X_ws 1] once per model (kept across outer iterations for the
/// squared loss, whose h does not change, and only extended when the working set grows) and keeps the model gradient
/// over the working set, so an update costs O(|ws|). It pays when n ≫ |ws| and the model solve takes many sweeps
/// (correlated features, small λ). Both minimise the same model, so they reach the same optimum.
/// </remarks>
public enum GramMode
{
    /// <summary>
    /// Per outer iteration, the Gram engine when its estimated cost — building or extending G (about n·|ws|²/2
    /// multiply-adds for dense columns, |ws|·nnz for sparse ones) plus |ws| per coordinate change — is below the
    /// residual engine's passes over the working-set columns, with the sweep count predicted from the previous outer
    /// iteration; never for working sets above 2,047 coordinates (G would pass 32 MB). The default.
    /// </summary>
    Auto,

    /// <summary>The Gram engine for every model whose working set (plus intercept) has at most 4,096 coordinates.</summary>
    Always,

    /// <summary>The residual engine only (the behaviour before Gram mode existed).</summary>
    Never,
}
