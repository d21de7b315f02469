using System.Runtime.ExceptionServices;
using OptSuite.LinearAlgebra;
using OptSuite.Models.Internal;

namespace OptSuite.Models.Paths;

/// <summary>The held-out losses of k fold paths on a shared λ grid, and their mean and standard error per λ.</summary>
/// <remarks>
/// As cv.glmnet: every fold solves the full-data grid (no early stop), so the folds line up λ by λ. Fold f writes only
/// its own row of the loss table, and each fold's path is a deterministic computation, so the result is independent of
/// the number of threads and of their timing. Mean and standard error weight fold f by W_f, the sample weight it holds
/// out: m = Σ W_f L_f / Σ W_f, se = √(Σ W_f (L_f − m)² / Σ W_f / (K − 1)) (cv.glmnet's cvm and cvsd).
/// </remarks>
internal static class CrossValidationRunner
{
    public sealed record Table(double[,] FoldLoss, double[] FoldWeight, double[] Mean, double[] StandardError);

    public static Table Run(PathProblem full, double[] grid, FitSettings settings, int[] fold, int folds,
        CrossValidationMetric metric, int parallelism) =>
        Run(folds, grid.Length, parallelism, settings.Cancellation, (f, loss, weight) => FitFold(full, grid, settings, fold, f, metric, loss, weight));

    /// <summary>
    /// The fold loop every path's cross-validation runs: <paramref name="fitFold"/>(f, loss, weight) fits fold f, writes
    /// row f of the loss table and its held-out weight, and returns false when cancelled; the folds run
    /// <paramref name="parallelism"/> at a time, the first fold's exception is rethrown as it was, and a cancelled fold
    /// cancels the whole (a partial table chooses nothing).
    /// </summary>
    public static Table Run(int folds, int lambdas, int parallelism, CancellationToken cancellation, Func<int, double[,], double[], bool> fitFold)
    {
        var loss = new double[folds, lambdas];
        var weight = new double[folds];
        bool cancelled = false;
        try
        {
            Parallel.For(0, folds, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, f =>
            {
                if (!fitFold(f, loss, weight)) Volatile.Write(ref cancelled, true);
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        if (cancelled) throw new OperationCanceledException("Cross-validation was cancelled.", cancellation);

        var (mean, se) = Summarise(loss, weight);
        return new Table(loss, weight, mean, se);
    }

    /// <summary>The training rows (every fold but <paramref name="f"/>) and the held-out rows of fold f, increasing.</summary>
    public static (int[] Train, int[] Test) Split(int[] fold, int f)
    {
        var train = new List<int>();
        var test = new List<int>();
        for (int i = 0; i < fold.Length; i++) (fold[i] == f ? test : train).Add(i);
        return ([.. train], [.. test]);
    }

    /// <summary>Per λ, the fold-weighted mean of the held-out losses and its standard error (cv.glmnet's cvm and cvsd).</summary>
    public static (double[] Mean, double[] StandardError) Summarise(double[,] loss, double[] weight)
    {
        int folds = loss.GetLength(0), L = loss.GetLength(1);
        var mean = new double[L];
        var se = new double[L];
        double total = weight.Sum();
        int used = weight.Count(w => w > 0);
        for (int t = 0; t < L; t++)
        {
            double m = 0;
            for (int f = 0; f < folds; f++) if (weight[f] > 0) m += weight[f] * loss[f, t];
            m /= total;
            double v = 0;
            for (int f = 0; f < folds; f++) if (weight[f] > 0) v += weight[f] * (loss[f, t] - m) * (loss[f, t] - m);
            mean[t] = m;
            se[t] = used > 1 ? Math.Sqrt(v / total / (used - 1)) : double.NaN;
        }
        return (mean, se);
    }

    /// <summary>Fits fold <paramref name="f"/>'s path and scores it; false when cancelled.</summary>
    private static bool FitFold(PathProblem full, double[] grid, FitSettings settings, int[] fold, int f,
        CrossValidationMetric metric, double[,] loss, double[] weight)
    {
        var (trainRows, testRows) = Split(fold, f);
        var problem = new PathProblem(RowSubset.Take(full.X, trainRows), Pick(full.Y, trainRows),
            full.Weights is null ? null : Pick(full.Weights, trainRows), full.Loss, full.Alpha, full.FitIntercept,
            full.Offset is null ? null : Pick(full.Offset, trainRows), full.Power, full.Options);
        var path = PathRunner.Run("fold", problem, settings, double.NaN, grid, null, stopEarly: false, classes: null);
        if (path.Termination == PathTermination.Cancelled) return false;

        var x = RowSubset.Take(full.X, testRows);
        double[] y = Pick(full.Y, testRows);
        double[]? o = full.Offset is null ? null : Pick(full.Offset, testRows);
        double[] c = full.Weights is null ? Enumerable.Repeat(1.0, testRows.Length).ToArray() : Pick(full.Weights, testRows);
        double wsum = c.Sum();
        weight[f] = wsum;
        // Every λ's held-out loss in one pass over the held-out rows' blocks (data in memory: one block).
        var w = new double[grid.Length][];
        for (int t = 0; t < grid.Length; t++) w[t] = path.Points[t].ToDense(full.Features);
        var z = new double[testRows.Length];
        var sums = new double[grid.Length];
        foreach (var (first, rows) in Blocks(x))
            for (int t = 0; t < grid.Length; t++)
            {
                Span<double> zb = z.AsSpan(first, rows.Rows);
                rows.Apply(w[t], zb);
                for (int i = 0; i < zb.Length; i++)
                    sums[t] += c[first + i] * PointLoss(full, metric, y[first + i], zb[i] + path.Points[t].Intercept + (o is null ? 0 : o[first + i]));
            }
        for (int t = 0; t < grid.Length; t++) loss[f, t] = wsum > 0 ? sums[t] / wsum : 0;
        return true;
    }

    private static IEnumerable<(int First, ILinearMap Rows)> Blocks(ILinearMap x)
    {
        if (x is not IRowBlockedMap blocks)
        {
            yield return (0, x);
            yield break;
        }
        foreach (var b in blocks.ReadBlocks()) yield return (b.FirstRow, b.Rows);
    }

    private static double PointLoss(PathProblem problem, CrossValidationMetric metric, double y, double z) => metric switch
    {
        CrossValidationMetric.MeanSquaredError => (y - z) * (y - z),
        CrossValidationMetric.Deviance => problem.UnitDeviance(y, z),
        CrossValidationMetric.Misclassification => (z > 0 ? 1.0 : -1.0) == y ? 0 : 1,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Not a resolved metric."),
    };

    private static double[] Pick(double[] v, int[] rows)
    {
        var r = new double[rows.Length];
        for (int i = 0; i < rows.Length; i++) r[i] = v[rows[i]];
        return r;
    }
}
