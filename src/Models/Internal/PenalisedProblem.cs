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

    /// <summary>α of the elastic net when no L1 ratio is given (scikit-learn's and glmnet's 0.5).</summary>
    public const double DefaultL1Ratio = 0.5;

    /// <summary>
    /// The penalty an estimator uses: the one set, else the elastic net when an L1 ratio is set (so <c>L1Ratio = 0.3</c>
    /// alone means what <c>--l1-ratio 0.3</c> means on the command line), else <paramref name="fallback"/>.
    /// </summary>
    public static Penalty Effective(Penalty? penalty, double? l1Ratio, Penalty fallback) =>
        penalty ?? (l1Ratio is null ? fallback : Penalty.ElasticNet);

    /// <summary>α for an estimator's penalty settings (see <see cref="Effective"/>), checked: an L1 ratio beside an
    /// explicit L1 or L2 penalty that it contradicts (anything but 1 for L1, 0 for L2) is an
    /// <see cref="ArgumentException"/> naming L1Ratio.</summary>
    public static double Alpha(Penalty? penalty, double? l1Ratio, Penalty fallback)
    {
        if (penalty is { } p && p != Penalty.ElasticNet && l1Ratio is { } r && r != Alpha(p, r))
            throw new ArgumentException(
                $"L1Ratio = {r.ToString(System.Globalization.CultureInfo.InvariantCulture)} contradicts Penalty = {p}: the L1 ratio mixes the elastic net. " +
                "Set Penalty = ElasticNet (or leave Penalty unset: L1Ratio alone selects the elastic net), or drop L1Ratio.", "L1Ratio");
        return Alpha(Effective(penalty, l1Ratio, fallback), l1Ratio ?? DefaultL1Ratio);
    }

    /// <summary>(1/Σc)Σc_iℓ(y_i, x_i·w + b) + λ(α‖w‖₁ + (1 − α)/2‖w‖²): the zero regulariser plus ridge for α = 0 (a smooth
    /// objective, for the quasi-Newton, Newton and dual solvers), an <see cref="L1Norm"/> plus ridge otherwise.</summary>
    /// <remarks>With penalty factors v (<paramref name="shape"/>) the penalty is λ Σ_j v_j(α|w_j| + (1 − α)/2·w_j²): a weighted
    /// <see cref="L1Norm"/> for α = 1 (OWL-QN's form), otherwise the weighted <see cref="Prox.Regularizers.ElasticNet"/>,
    /// which holds the per-feature L2 part itself (the objective's ridge term is one scalar μ). <paramref name="offset"/>
    /// (z = x·w + b + o) for the models that take offsets; null for none.</remarks>
    public static FitProblem Pose<TLoss>(ILinearMap x, double[] y, TLoss loss, double lambda, double alpha, bool intercept, double[]? w,
        PenaltyShape? shape = null, double[]? offset = null)
        where TLoss : struct, ILoss
    {
        if (shape is { Bounded: true })
            return new LinearProblem<TLoss, BoundedElasticNet>(new(x, y, loss, new BoundedElasticNet(lambda, alpha, shape.Factors, shape.Lower, shape.Upper), 0, intercept, w, offset));
        if (shape is not null)
            return alpha == 1
                ? new LinearProblem<TLoss, L1Norm>(new(x, y, loss, new L1Norm(lambda, shape.Factors), 0, intercept, w, offset))
                : new LinearProblem<TLoss, Prox.Regularizers.ElasticNet>(new(x, y, loss, new Prox.Regularizers.ElasticNet(lambda, alpha, shape.Factors), 0, intercept, w, offset));
        return alpha == 0
            ? new LinearProblem<TLoss, ZeroRegularizer>(new(x, y, loss, default, lambda, intercept, w, offset))
            : new LinearProblem<TLoss, L1Norm>(new(x, y, loss, new L1Norm(lambda * alpha), lambda * (1 - alpha), intercept, w, offset));
    }

    /// <summary>Poses and solves in one call (the paths' per-λ solve).</summary>
    public static FitOutcome Solve<TLoss>(ILinearMap x, double[] y, TLoss loss, double lambda, double alpha, bool intercept,
        double[]? w, FitSettings s, double[]? x0, double[]? offset = null, PenaltyShape? shape = null)
        where TLoss : struct, ILoss => SolverRunner.Run(Pose(x, y, loss, lambda, alpha, intercept, w, shape, offset), s, x0);
}
