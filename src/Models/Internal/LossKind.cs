namespace OptSuite.Models.Internal;

/// <summary>The losses the estimators use (for solver selection and persistence).</summary>
internal enum LossKind
{
    Squared,
    Logistic,
    Hinge,
    SquaredHinge,
    Huber,
    Poisson,
    Multinomial,
    CrammerSinger,
    /// <summary>Squared loss summed over k tasks (multi-task lasso / elastic net, L2,1 penalty on the rows of W).</summary>
    MultiTaskSquared,
    /// <summary>The pinball loss of quantile regression (nonsmooth; interior-point method only).</summary>
    Quantile,
}

/// <summary>The penalty families (for solver selection).</summary>
internal enum PenaltyKind
{
    L2,
    L1,
    ElasticNet,
    Group,
}

/// <summary>What the solver choice depends on.</summary>
/// <param name="Loss">The loss.</param>
/// <param name="Penalty">The penalty family.</param>
/// <param name="FitIntercept">Whether an unpenalised intercept is fitted.</param>
/// <param name="Sparse">Whether the data are stored sparse.</param>
/// <param name="Samples">n.</param>
/// <param name="Features">p.</param>
internal readonly record struct ProblemShape(LossKind Loss, PenaltyKind Penalty, bool FitIntercept, bool Sparse, int Samples, int Features)
{
    /// <summary>False when X is the caller's own <see cref="LinearAlgebra.ILinearMap"/> (not dense, CSR or CSC): the
    /// coordinate methods, which need its columns (or rows) as stored arrays, cannot run; the gradient methods can.</summary>
    public bool ColumnAccess { get; init; } = true;

    /// <summary>This shape with <see cref="ColumnAccess"/> set from the type of <paramref name="x"/>.</summary>
    public ProblemShape For(LinearAlgebra.ILinearMap x) =>
        this with { ColumnAccess = x is LinearAlgebra.DenseMatrix or LinearAlgebra.CompressedMatrix };
}
