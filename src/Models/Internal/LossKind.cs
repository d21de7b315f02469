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
internal readonly record struct ProblemShape(LossKind Loss, PenaltyKind Penalty, bool FitIntercept, bool Sparse, int Samples, int Features);
