using OptSuite.LinearAlgebra;
using OptSuite.Models.Internal;

namespace OptSuite.Models;

/// <summary>
/// A linear support vector machine: (1/Σc)Σc_i ℓ(y_i, x_i·w + b) + λ(α‖w‖₁ + (1 − α)/2‖w‖²) with the hinge or (default)
/// squared hinge loss, y = ±1 (the larger class +1); more than two classes are fitted one-vs-rest.
/// </summary>
/// <remarks>
/// LIBLINEAR's and scikit-learn LinearSVC's C is λ = 1/(n·C) (default C = 1). Auto solver: dual coordinate descent
/// (Hsieh et al. 2008; LIBLINEAR -s 1/-s 3) without intercept; L-BFGS for squared hinge with an unpenalised intercept;
/// coordinate descent for the L1 penalty (squared hinge only). The hinge loss with an unpenalised intercept has no exact
/// solver here (the dual cannot carry the intercept's constraint), which is an error rather than a silently different
/// problem. LIBLINEAR and LinearSVC penalise their "intercept" instead (a constant feature B, <c>-B</c> /
/// <c>intercept_scaling</c>): set <see cref="InterceptScaling"/> to get exactly that problem, solved by the dual method.
/// </remarks>
public sealed class LinearSvm : LinearClassifier<LinearSvm>
{
    /// <summary>The loss. Default <see cref="SvmLoss.SquaredHinge"/> (scikit-learn's default).</summary>
    public SvmLoss Loss { get; set; } = SvmLoss.SquaredHinge;

    /// <summary>The penalty (L1 and elastic net need the squared hinge). Default <see cref="Models.Penalty.L2"/>.</summary>
    public Penalty Penalty { get; set; } = Penalty.L2;

    /// <summary>α for <see cref="Models.Penalty.ElasticNet"/>. Default 0.5.</summary>
    public double L1Ratio { get; set; } = 0.5;

    /// <summary>
    /// LIBLINEAR's bias B (scikit-learn's <c>intercept_scaling</c>): with <see cref="LinearEstimator.FitIntercept"/>, the
    /// intercept becomes b = B·w_B for a constant feature B whose weight w_B is penalised like the others, so the
    /// objective gains λ(1 − α)/2·w_B² (+ λα|w_B|). That problem has no intercept constraint, so the hinge loss and the dual
    /// solver apply. Null (default): the intercept is unpenalised. Must be finite and &gt; 0.
    /// </summary>
    public double? InterceptScaling { get; set; }

    /// <inheritdoc/>
    public override string ModelName => "linear-svm";

    private double Alpha => PenalisedProblem.Alpha(Penalty, L1Ratio);

    private protected override int Outputs(int classes) => classes == 2 ? 1 : classes;

    private protected override ProblemShape Shape(bool sparse, int samples, int features, int classes) =>
        new(SvmProblem.Kind(Loss), PenalisedProblem.Kind(Alpha), FitIntercept && !PenalisedBias.Applies(FitIntercept, InterceptScaling),
            sparse, samples, features);

    private protected override IReadOnlyList<FitOutcome> Solve(ILinearMap x, int[] y, int classes, double[]? w, double lambda,
        FitSettings settings, double[]? x0)
    {
        if (!PenalisedBias.Applies(FitIntercept, InterceptScaling)) return Solve(x, y, classes, w, lambda, settings, x0, FitIntercept);
        double b = InterceptScaling!.Value;
        int p = x.Columns;
        var parts = Solve(PenalisedBias.Append(x, b), y, classes, w, lambda, settings, PenalisedBias.Start(x0, p, Outputs(classes), b), false);
        return parts.Select(o => PenalisedBias.Split(o, p, b)).ToArray();
    }

    private IReadOnlyList<FitOutcome> Solve(ILinearMap x, int[] y, int classes, double[]? w, double lambda, FitSettings settings,
        double[]? x0, bool intercept) => classes == 2
        ? [SvmProblem.Binary(x, Signs(y, 1), Loss, lambda, Alpha, intercept, w, settings, x0)]
        : SvmProblem.OneVsRest(x, y, classes, Loss, lambda, Alpha, intercept, w, settings, x0);

    internal override void WriteOptions(IDictionary<string, object?> options)
    {
        options["loss"] = SvmLossNames.ToName(Loss);
        options["penalty"] = PenaltyNames.ToName(Penalty);
        options["l1_ratio"] = L1Ratio;
        options["intercept_scaling"] = InterceptScaling;
    }

    internal override void ReadOptions(Persistence.ModelOptionsReader options)
    {
        Loss = SvmLossNames.Parse(options.String("loss"));
        Penalty = PenaltyNames.Parse(options.String("penalty"));
        L1Ratio = options.Double("l1_ratio");
        InterceptScaling = options.DoubleOrNull("intercept_scaling");
    }
}
