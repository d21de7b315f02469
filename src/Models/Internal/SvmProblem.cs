using OptSuite.LinearAlgebra;
using OptSuite.Objectives.Losses;

namespace OptSuite.Models.Internal;

/// <summary>The binary and one-vs-rest problems of the SVM estimators.</summary>
internal static class SvmProblem
{
    /// <summary>The ±1 problem with the hinge or squared hinge loss.</summary>
    public static FitProblem Binary(ILinearMap x, double[] signs, SvmLoss loss, double lambda, double alpha, bool intercept, double[]? w) => loss switch
    {
        SvmLoss.Hinge => PenalisedProblem.Pose(x, signs, default(HingeLoss), lambda, alpha, intercept, w),
        SvmLoss.SquaredHinge => PenalisedProblem.Pose(x, signs, default(SquaredHingeLoss), lambda, alpha, intercept, w),
        _ => throw new ArgumentOutOfRangeException("Loss", loss, "Not an SvmLoss value."),
    };

    /// <summary>One binary problem per class: class c against the rest; with class weights (<paramref name="weighting"/>)
    /// each problem weighs its rows and takes its λ as LIBLINEAR's one-vs-rest does (<see cref="OneVsRestWeights"/>).</summary>
    public static IReadOnlyList<FitProblem> OneVsRest(ILinearMap x, int[] y, int classes, SvmLoss loss, double lambda, double alpha,
        bool intercept, double[]? w, OneVsRestWeights? weighting)
    {
        var parts = new FitProblem[classes];
        for (int c = 0; c < classes; c++)
        {
            var signs = new double[y.Length];
            for (int i = 0; i < y.Length; i++) signs[i] = y[i] == c ? 1.0 : -1.0;
            parts[c] = weighting is null ? Binary(x, signs, loss, lambda, alpha, intercept, w)
                : Binary(x, signs, loss, weighting.Lambdas[c], alpha, intercept, weighting.For(c, y));
        }
        return parts;
    }

    /// <summary>Whether the loss is the (nonsmooth) hinge, whose default intercept is a penalised bias.</summary>
    public static bool Nonsmooth(SvmLoss loss) => loss == SvmLoss.Hinge;
}
