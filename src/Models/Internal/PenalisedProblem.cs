using OptSuite.LinearAlgebra;
using OptSuite.Objectives;
using OptSuite.Prox.Regularizers;

namespace OptSuite.Models.Internal;

/// <summary>Builds λ(α‖w‖₁ + (1 − α)/2‖w‖²) problems: a zero regulariser plus ridge for α = 0 (so the dual and
/// quasi-Newton solvers see a smooth objective), an <see cref="L1Norm"/> plus ridge otherwise.</summary>
internal static class PenalisedProblem
{
    /// <summary>α for a penalty choice (L2 → 0, L1 → 1, elastic net → the checked L1 ratio).</summary>
    public static double Alpha(Penalty penalty, double l1Ratio) => penalty switch
    {
        Penalty.L2 => 0,
        Penalty.L1 => 1,
        Penalty.ElasticNet when l1Ratio >= 0 && l1Ratio <= 1 => l1Ratio,
        Penalty.ElasticNet => throw new ArgumentOutOfRangeException("L1Ratio", l1Ratio, "The L1 ratio must lie in [0, 1]."),
        _ => throw new ArgumentOutOfRangeException(nameof(penalty), penalty, "Not a Penalty value."),
    };

    public static PenaltyKind Kind(double alpha) => alpha == 0 ? PenaltyKind.L2 : alpha == 1 ? PenaltyKind.L1 : PenaltyKind.ElasticNet;

    public static FitOutcome Solve<TLoss>(ILinearMap x, double[] y, TLoss loss, double lambda, double alpha, bool intercept,
        double[]? w, FitSettings s, double[]? x0)
        where TLoss : struct, ILoss
    {
        if (alpha == 0)
            return SolverRunner.Run(new LinearObjective<TLoss, ZeroRegularizer>(x, y, loss, default, lambda, intercept, w), s, x0);
        return SolverRunner.Run(new LinearObjective<TLoss, L1Norm>(x, y, loss, new L1Norm(lambda * alpha), lambda * (1 - alpha), intercept, w), s, x0);
    }
}
