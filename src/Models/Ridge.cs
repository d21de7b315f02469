using OptSuite.LinearAlgebra;
using OptSuite.Models.Internal;
using OptSuite.Objectives.Losses;

namespace OptSuite.Models;

/// <summary>
/// Ridge regression: (1/Σc)Σc_i ½(x_i·w + b − y_i)² + (λ/2)‖w‖². scikit-learn's Ridge(alpha) is λ = alpha/n
/// (it minimises ‖y − Xw‖² + alpha‖w‖²); default λ = 1/n, i.e. scikit-learn's alpha = 1.
/// </summary>
/// <remarks>Auto solver: coordinate descent (exact coordinate minimisation, certified by the duality gap), which also
/// solves badly conditioned problems where first-order and quasi-Newton methods stall (condition numbers ~1e16).</remarks>
public sealed class Ridge : LinearRegressor<Ridge>
{
    /// <inheritdoc/>
    public override string ModelName => "ridge";

    private protected override bool TakesPenaltyShape => true;

    private protected override FitProblem Pose(ILinearMap x, double[] y, double[]? w, double lambda) =>
        PenalisedProblem.Pose(x, y, default(SquaredLoss), lambda, 0, FitIntercept, w, Shape);

    internal override void WriteOptions(IDictionary<string, object?> options) { }

    internal override void ReadOptions(Persistence.ModelOptionsReader options) { }
}
