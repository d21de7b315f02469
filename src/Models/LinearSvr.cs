using OptSuite.LinearAlgebra;
using OptSuite.Models.Internal;
using OptSuite.Objectives.Losses;

namespace OptSuite.Models;

/// <summary>
/// Linear support vector regression: (1/Σc)Σc_i ℓ(y_i, x_i·w + b) + (λ/2)‖w‖² with the ε-insensitive loss
/// max(0, |z − y| − ε) (default) or its square max(0, |z − y| − ε)², real targets y. <see cref="LinearRegressor.Score(FeatureMatrix, double[])"/> is R².
/// </summary>
/// <remarks>
/// LIBLINEAR's and scikit-learn LinearSVR's C is λ = 1/(n·C) (default C = 1): the minimiser is that of LIBLINEAR's
/// ½‖w‖² + C·Σℓ_i (-s 13 for the ε-insensitive loss, -s 11/-s 12 for the squared one) and the reported objective is λ
/// times LIBLINEAR's.
/// <para><b>Epsilon.</b> Default 0.1, LIBLINEAR's <c>-p</c> default. scikit-learn's LinearSVR defaults to 0 and says the
/// right value depends on the scale of y; we follow LIBLINEAR because with ε = 0 the ε-insensitive loss is the absolute
/// loss, whose dual has no zero coordinates to shrink, and because the references this model is checked against are
/// LIBLINEAR's. Set it to the noise level of y.</para>
/// <para><b>Solvers.</b> Auto: dual coordinate descent (Ho &amp; Lin 2012; LIBLINEAR -s 13/-s 12, scikit-learn's default
/// dual = True) without an unpenalised intercept; for the squared loss with one, L-BFGS (trust-region Newton, LIBLINEAR
/// -s 11, takes it too). The ε-insensitive loss is not differentiable: only the dual method solves it.</para>
/// <para><b>Intercept.</b> As <see cref="LinearSvm"/>: the squared loss fits an unpenalised intercept; the ε-insensitive
/// loss by default fits it as LIBLINEAR's <c>-B 1</c> and LinearSVR's <c>intercept_scaling = 1</c> do, a constant feature
/// B whose weight is penalised like the others (<see cref="InterceptScaling"/>), because its dual cannot carry an
/// unpenalised intercept's constraint.</para>
/// </remarks>
public sealed class LinearSvr : LinearRegressor<LinearSvr>
{
    /// <summary>The loss. Default <see cref="SvrLoss.EpsilonInsensitive"/> (scikit-learn LinearSVR's default).</summary>
    public SvrLoss Loss { get; set; } = SvrLoss.EpsilonInsensitive;

    /// <summary>ε ≥ 0, finite: the half-width of the tube inside which residuals cost nothing. Default 0.1 (LIBLINEAR's
    /// <c>-p</c>; see the remarks).</summary>
    public double Epsilon { get; set; } = 0.1;

    /// <summary>
    /// LIBLINEAR's bias B (scikit-learn's <c>intercept_scaling</c>): with <see cref="LinearEstimator.FitIntercept"/>, the
    /// intercept becomes b = B·w_B for a constant feature B whose weight w_B is penalised like the others (the objective
    /// gains λ/2·w_B²), so the dual solver applies. Null (default): B = 1 for the ε-insensitive loss, an unpenalised
    /// intercept for the squared one. Must be finite and &gt; 0.
    /// </summary>
    public double? InterceptScaling { get; set; }

    /// <inheritdoc/>
    public override string ModelName => "svr";

    private double? Scaling => PenalisedBias.Effective(InterceptScaling, Loss == SvrLoss.EpsilonInsensitive);

    private protected override FitProblem Pose(ILinearMap x, double[] y, double[]? w, double lambda)
    {
        if (!(Epsilon >= 0 && double.IsFinite(Epsilon))) throw new ArgumentOutOfRangeException(nameof(Epsilon), Epsilon, "ε must be finite and ≥ 0.");
        if (!Enum.IsDefined(Loss)) throw new ArgumentOutOfRangeException(nameof(Loss), Loss, "Not an SvrLoss value.");
        if (!PenalisedBias.Applies(FitIntercept, Scaling)) return Pose(x, y, w, lambda, FitIntercept);
        double b = Scaling!.Value;
        return PenalisedBias.With(Pose(PenalisedBias.Append(x, b), y, w, lambda, false), b);
    }

    private FitProblem Pose(ILinearMap x, double[] y, double[]? w, double lambda, bool intercept) => Loss == SvrLoss.EpsilonInsensitive
        ? PenalisedProblem.Pose(x, y, new EpsilonInsensitiveLoss(Epsilon), lambda, 0, intercept, w)
        : PenalisedProblem.Pose(x, y, new SquaredEpsilonInsensitiveLoss(Epsilon), lambda, 0, intercept, w);

    internal override void WriteOptions(IDictionary<string, object?> options)
    {
        options["loss"] = SvrLossNames.ToName(Loss);
        options["epsilon"] = Epsilon;
        options["intercept_scaling"] = InterceptScaling;
    }

    internal override void ReadOptions(Persistence.ModelOptionsReader options)
    {
        Loss = SvrLossNames.Parse(options.String("loss"));
        Epsilon = options.Double("epsilon");
        InterceptScaling = options.DoubleOrNull("intercept_scaling");
    }
}
