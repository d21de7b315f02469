using OptSuite.LinearAlgebra;
using OptSuite.Models.Internal;

namespace OptSuite.Models;

/// <summary>
/// A linear support vector machine: (1/Σc)Σc_i ℓ(y_i, x_i·w + b) + λ(α‖w‖₁ + (1 − α)/2‖w‖²) with the hinge or (default)
/// squared hinge loss, y = ±1 (the larger class +1); more than two classes are fitted one-vs-rest.
/// </summary>
/// <remarks>
/// LIBLINEAR's and scikit-learn LinearSVC's C is λ = 1/(n·C) (default C = 1). Auto solver: dual coordinate descent
/// (Hsieh et al. 2008; LIBLINEAR -s 1/-s 3) without intercept or with the hinge loss's penalised bias; L-BFGS for squared
/// hinge with an unpenalised intercept; coordinate descent for the L1 penalty (squared hinge only).
/// <para><b>Intercept.</b> The squared hinge fits an unpenalised intercept. The hinge loss is not differentiable, so only
/// the dual method solves it, and its dual cannot carry an unpenalised intercept's constraint; so by default the hinge
/// loss fits its intercept as LIBLINEAR (<c>-B 1</c>) and LinearSVC (<c>intercept_scaling=1</c>) do: a constant feature
/// B = 1 whose weight w_B is penalised like the others, b = B·w_B (<see cref="InterceptScaling"/>). The objective then
/// includes λ/2·w_B². Set <see cref="LinearEstimator.FitIntercept"/> false for no intercept.</para>
/// </remarks>
public sealed class LinearSvm : LinearClassifier<LinearSvm>, IPenaltyChoice
{
    /// <summary>The loss. Default <see cref="SvmLoss.SquaredHinge"/> (scikit-learn's default).</summary>
    public SvmLoss Loss { get; set; } = SvmLoss.SquaredHinge;

    internal override double SearchStartFactor => Loss == SvmLoss.SquaredHinge ? 2 : 1;

    private Penalty? _penalty;

    /// <summary>The penalty (L1 and elastic net need the squared hinge). Default <see cref="Models.Penalty.L2"/>, or
    /// <see cref="Models.Penalty.ElasticNet"/> when only <see cref="L1Ratio"/> is set (as <c>--l1-ratio</c> on the command
    /// line). An explicit L1 or L2 penalty with an <see cref="L1Ratio"/> other than 1 or 0 is a contradiction, refused by
    /// Fit.</summary>
    public Penalty Penalty { get => PenalisedProblem.Effective(_penalty, L1Ratio, Penalty.L2); set => _penalty = value; }

    /// <summary>α ∈ [0, 1], the L1 share of the elastic net λ(α‖w‖₁ + (1 − α)/2‖w‖²). Setting it selects the elastic net
    /// unless <see cref="Penalty"/> is set too (it must then be <see cref="Models.Penalty.ElasticNet"/>). Null (default):
    /// 0.5 for the elastic net.</summary>
    public double? L1Ratio { get; set; }

    /// <summary>
    /// LIBLINEAR's bias B (scikit-learn's <c>intercept_scaling</c>): with <see cref="LinearEstimator.FitIntercept"/>, the
    /// intercept becomes b = B·w_B for a constant feature B whose weight w_B is penalised like the others, so the
    /// objective gains λ(1 − α)/2·w_B² (+ λα|w_B|). That problem has no intercept constraint, so the hinge loss and the dual
    /// solver apply. Null (default): B = 1 for the hinge loss (LIBLINEAR's <c>-B 1</c>; its only solver is the dual method,
    /// see the remarks), an unpenalised intercept for the squared hinge. Must be finite and &gt; 0.
    /// </summary>
    public double? InterceptScaling { get; set; }

    /// <inheritdoc/>
    public override string ModelName => "linear-svm";

    private double Alpha => PenalisedProblem.Alpha(_penalty, L1Ratio, Penalty.L2);

    private protected override int Outputs(int classes) => classes == 2 ? 1 : classes;

    private double? Scaling => PenalisedBias.Effective(InterceptScaling, SvmProblem.Nonsmooth(Loss));

    private protected override IReadOnlyList<FitProblem> Pose(ILinearMap x, int[] y, int classes, double[]? w, double lambda)
    {
        if (!PenalisedBias.Applies(FitIntercept, Scaling)) return Pose(x, y, classes, w, lambda, FitIntercept);
        double b = Scaling!.Value;
        return Pose(PenalisedBias.Append(x, b), y, classes, w, lambda, false).Select(p => PenalisedBias.With(p, b)).ToArray();
    }

    private IReadOnlyList<FitProblem> Pose(ILinearMap x, int[] y, int classes, double[]? w, double lambda, bool intercept) => classes == 2
        ? [SvmProblem.Binary(x, Signs(y, 1), Loss, lambda, Alpha, intercept, w)]
        : SvmProblem.OneVsRest(x, y, classes, Loss, lambda, Alpha, intercept, w, OneVsRestWeighting);

    internal override void WriteOptions(IDictionary<string, object?> options)
    {
        options["loss"] = SvmLossNames.ToName(Loss);
        PenaltyChoice.Write(this, options);
        options["intercept_scaling"] = InterceptScaling;
    }

    internal override void ReadOptions(Persistence.ModelOptionsReader options)
    {
        Loss = SvmLossNames.Parse(options.String("loss"));
        PenaltyChoice.Read(this, options);
        InterceptScaling = options.DoubleOrNull("intercept_scaling");
    }
}
