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
/// <remarks>LIBLINEAR's C is λ = 1/(n·C) (default C = 1). Crammer–Singer has no exact solver with unpenalised
/// intercepts (the dual method cannot carry their constraints): fit it with <see cref="LinearEstimator.FitIntercept"/>
/// false (add a constant feature for LIBLINEAR's penalised bias), or use one-vs-rest.</remarks>
public sealed class MulticlassSvm : LinearClassifier<MulticlassSvm>
{
    /// <summary>How classes are combined. Default <see cref="MulticlassStrategy.CrammerSinger"/>.</summary>
    public MulticlassStrategy Strategy { get; set; } = MulticlassStrategy.CrammerSinger;

    /// <summary>The binary loss of one-vs-rest. Default <see cref="SvmLoss.SquaredHinge"/>.</summary>
    public SvmLoss Loss { get; set; } = SvmLoss.SquaredHinge;

    /// <inheritdoc/>
    public override string ModelName => "multiclass-svm";

    private protected override int Outputs(int classes) => classes;

    private protected override ProblemShape Shape(bool sparse, int samples, int features, int classes) =>
        new(Strategy == MulticlassStrategy.CrammerSinger ? LossKind.CrammerSinger : SvmProblem.Kind(Loss), PenaltyKind.L2,
            FitIntercept, sparse, samples, features);

    private protected override IReadOnlyList<FitOutcome> Solve(ILinearMap x, int[] y, int classes, double[]? w, double lambda,
        FitSettings settings, double[]? x0) => Strategy switch
        {
            MulticlassStrategy.CrammerSinger => [SolverRunner.Run(
                new MulticlassLinearObjective<CrammerSingerHingeLoss, ZeroRegularizer>(x, y, classes, default, default, lambda, false, w), settings)],
            MulticlassStrategy.OneVsRest => SvmProblem.OneVsRest(x, y, classes, Loss, lambda, 0, FitIntercept, w, settings, x0),
            _ => throw new ArgumentOutOfRangeException(nameof(Strategy), Strategy, "Not a MulticlassStrategy value."),
        };

    internal override void WriteOptions(IDictionary<string, object?> options)
    {
        options["strategy"] = Strategy == MulticlassStrategy.CrammerSinger ? "crammer-singer" : "ovr";
        options["loss"] = SvmLossNames.ToName(Loss);
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
    }
}
