using OptSuite.LinearAlgebra;
using OptSuite.Models.Internal;
using OptSuite.Objectives.Losses;

namespace OptSuite.Models;

/// <summary>
/// The elastic net: (1/Σc)Σc_i ½(x_i·w + b − y_i)² + λ(α‖w‖₁ + (1 − α)/2‖w‖²) (Zou &amp; Hastie 2005) with α =
/// <see cref="L1Ratio"/>. scikit-learn's ElasticNet(alpha, l1_ratio) is λ = alpha, α = l1_ratio; glmnet's (lambda, alpha)
/// likewise. Default λ = 1, α = 0.5 (scikit-learn's defaults).
/// </summary>
/// <remarks>Auto solver: coordinate descent, stopped on the relative duality gap.</remarks>
public sealed class ElasticNet : LinearRegressor<ElasticNet>
{
    /// <summary>α ∈ [0, 1], the L1 share of the penalty. Default 0.5.</summary>
    public double L1Ratio { get; set; } = 0.5;

    /// <inheritdoc/>
    public override string ModelName => "elastic-net";

    private protected override double DefaultLambda(long samples) => 1.0;

    private double Alpha => PenalisedProblem.Alpha(Penalty.ElasticNet, L1Ratio);

    private protected override bool TakesPenaltyShape => true;

    private protected override FitProblem Pose(ILinearMap x, double[] y, double[]? w, double lambda) =>
        PenalisedProblem.Pose(x, y, default(SquaredLoss), lambda, Alpha, FitIntercept, w, Shape);

    internal override void WriteOptions(IDictionary<string, object?> options) => options["l1_ratio"] = L1Ratio;

    internal override void ReadOptions(Persistence.ModelOptionsReader options) => L1Ratio = options.Double("l1_ratio");
}
