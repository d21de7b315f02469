using OptSuite.LinearAlgebra;
using OptSuite.Models.Internal;
using OptSuite.Objectives;
using OptSuite.Objectives.Multiclass;
using OptSuite.Prox.Regularizers;

namespace OptSuite.Models;

/// <summary>
/// A multiclass linear SVM with k score columns. <see cref="MulticlassStrategy.CrammerSinger"/> (default):
/// (1/Σc)Σc_i max_r(s_{i,r} + 1[r ≠ y_i]) − s_{i,y_i} + (λ/2)‖W‖²_F (Crammer &amp; Singer 2001), solved by the sequential
/// dual method (Keerthi et al. 2008; LIBLINEAR -s 4). <see cref="MulticlassStrategy.OneVsRest"/>: k binary SVMs with
/// <see cref="Loss"/>; the objective reported is their sum.
/// </summary>
/// <remarks>LIBLINEAR's C is λ = 1/(n·C) (default C = 1). <b>Intercepts.</b> The Crammer–Singer and hinge losses are
/// solved only by their dual methods, which cannot carry unpenalised intercepts' constraints, so by default they fit
/// LIBLINEAR's penalised bias (<c>-B 1</c>, as scikit-learn's LinearSVC with intercept_scaling = 1): a constant feature
/// B = 1 per class whose weights are penalised like the others (<see cref="InterceptScaling"/>); the objective then
/// includes (λ/2)‖w_B‖². One-vs-rest with the squared hinge fits unpenalised intercepts. Set
/// <see cref="LinearEstimator.FitIntercept"/> false for none.</remarks>
public sealed class MulticlassSvm : LinearClassifier<MulticlassSvm>
{
    /// <summary>How classes are combined. Default <see cref="MulticlassStrategy.CrammerSinger"/>.</summary>
    public MulticlassStrategy Strategy { get; set; } = MulticlassStrategy.CrammerSinger;

    /// <summary>The binary loss of one-vs-rest. Default <see cref="SvmLoss.SquaredHinge"/>.</summary>
    public SvmLoss Loss { get; set; } = SvmLoss.SquaredHinge;

    /// <summary>
    /// LIBLINEAR's bias B (<c>-B</c>; scikit-learn's <c>intercept_scaling</c>): with <see cref="LinearEstimator.FitIntercept"/>,
    /// each class's intercept is b_r = B·w_{B,r} for a constant feature B whose weights are penalised like the others
    /// (the objective gains (λ/2)‖w_B‖²), so the Crammer–Singer dual applies. Null (default): B = 1 for Crammer–Singer and
    /// the one-vs-rest hinge (LIBLINEAR's <c>-B 1</c>, see the remarks), unpenalised intercepts for the one-vs-rest squared
    /// hinge. Must be finite and &gt; 0.
    /// </summary>
    public double? InterceptScaling { get; set; }

    /// <inheritdoc/>
    public override string ModelName => "multiclass-svm";

    private protected override int Outputs(int classes) => classes;

    private double? Scaling => PenalisedBias.Effective(InterceptScaling, Strategy == MulticlassStrategy.CrammerSinger || SvmProblem.Nonsmooth(Loss));

    private protected override IReadOnlyList<FitProblem> Pose(ILinearMap x, int[] y, int classes, double[]? w, double lambda)
    {
        if (!PenalisedBias.Applies(FitIntercept, Scaling)) return Pose(x, y, classes, w, lambda, FitIntercept);
        double b = Scaling!.Value;
        return Pose(PenalisedBias.Append(x, b), y, classes, w, lambda, false).Select(p => PenalisedBias.With(p, b)).ToArray();
    }

    private IReadOnlyList<FitProblem> Pose(ILinearMap x, int[] y, int classes, double[]? w, double lambda, bool intercept) => Strategy switch
    {
        MulticlassStrategy.CrammerSinger => [new CrammerSingerProblem(
            new MulticlassLinearObjective<CrammerSingerHingeLoss, ZeroRegularizer>(x, y, classes, default, default, lambda, intercept, w))],
        MulticlassStrategy.OneVsRest => SvmProblem.OneVsRest(x, y, classes, Loss, lambda, 0, intercept, w, OneVsRestWeighting),
        _ => throw new ArgumentOutOfRangeException(nameof(Strategy), Strategy, "Not a MulticlassStrategy value."),
    };

    internal override void WriteOptions(IDictionary<string, object?> options)
    {
        options["strategy"] = Strategy == MulticlassStrategy.CrammerSinger ? "crammer-singer" : "ovr";
        options["loss"] = SvmLossNames.ToName(Loss);
        options["intercept_scaling"] = InterceptScaling;
    }

    internal override void ReadOptions(Persistence.ModelOptionsReader options)
    {
        Strategy = options.String("strategy") switch
        {
            "crammer-singer" => MulticlassStrategy.CrammerSinger,
            "ovr" => MulticlassStrategy.OneVsRest,
            var s => throw new InvalidDataException($"Unknown multiclass strategy '{s}'."),
        };
        Loss = SvmLossNames.Parse(options.String("loss"));
        InterceptScaling = options.DoubleOrNull("intercept_scaling");
    }
}
