using OptSuite.LinearAlgebra;
using OptSuite.Models.Internal;
using OptSuite.Objectives.Losses;

namespace OptSuite.Models;

/// <summary>
/// The lasso: (1/Σc)Σc_i ½(x_i·w + b − y_i)² + λ‖w‖₁ (Tibshirani 1996). scikit-learn's Lasso(alpha) is λ = alpha;
/// glmnet's lambda (standardize = FALSE) is λ. Default λ = 1 (scikit-learn's default alpha).
/// </summary>
/// <remarks>Auto solver: cyclic coordinate descent with active-set cycling (Friedman, Hastie &amp; Tibshirani 2010),
/// stopped on the relative duality gap.</remarks>
public sealed class Lasso : LinearRegressor<Lasso>
{
    /// <inheritdoc/>
    public override string ModelName => "lasso";

    private protected override double DefaultLambda(long samples) => 1.0;

    private protected override bool TakesPenaltyShape => true;

    private protected override FitProblem Pose(ILinearMap x, double[] y, double[]? w, double lambda) =>
        PenalisedProblem.Pose(x, y, default(SquaredLoss), lambda, 1, FitIntercept, w, Shape);

    internal override void WriteOptions(IDictionary<string, object?> options) { }

    internal override void ReadOptions(Persistence.ModelOptionsReader options) { }
}
