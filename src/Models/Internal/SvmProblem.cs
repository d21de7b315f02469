using OptSuite.LinearAlgebra;
using OptSuite.Objectives.Losses;

namespace OptSuite.Models.Internal;

/// <summary>Binary and one-vs-rest linear SVM problems (hinge or squared hinge, ±1 labels).</summary>
internal static class SvmProblem
{
    public static LossKind Kind(SvmLoss loss) => loss switch
    {
        SvmLoss.Hinge => LossKind.Hinge,
        SvmLoss.SquaredHinge => LossKind.SquaredHinge,
        _ => throw new ArgumentOutOfRangeException(nameof(loss), loss, "Not an SvmLoss value."),
    };

    public static FitOutcome Binary(ILinearMap x, double[] signs, SvmLoss loss, double lambda, double alpha, bool intercept,
        double[]? w, FitSettings s, double[]? x0) => loss == SvmLoss.Hinge
        ? PenalisedProblem.Solve(x, signs, default(HingeLoss), lambda, alpha, intercept, w, s, x0)
        : PenalisedProblem.Solve(x, signs, default(SquaredHingeLoss), lambda, alpha, intercept, w, s, x0);

    /// <summary>k problems, class c (+1) against the rest (−1); warm starts are the columns of a p×k start.</summary>
    public static IReadOnlyList<FitOutcome> OneVsRest(ILinearMap x, int[] y, int classes, SvmLoss loss, double lambda, double alpha,
        bool intercept, double[]? w, FitSettings s, double[]? x0)
    {
        int p = x.Columns;
        var parts = new FitOutcome[classes];
        for (int c = 0; c < classes; c++)
        {
            var signs = new double[y.Length];
            for (int i = 0; i < y.Length; i++) signs[i] = y[i] == c ? 1.0 : -1.0;
            double[]? start = null;
            if (x0 is not null)
            {
                start = new double[p + (intercept ? 1 : 0)];
                for (int j = 0; j < p; j++) start[j] = x0[j * classes + c];
                if (intercept) start[p] = x0[p * classes + c];
            }
            parts[c] = Binary(x, signs, loss, lambda, alpha, intercept, w, s, start);
        }
        return parts;
    }
}
