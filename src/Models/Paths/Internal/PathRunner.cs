using System.Diagnostics;
using OptSuite.Models.Internal;
using OptSuite.Solvers;

namespace OptSuite.Models.Paths;

/// <summary>Solves a <see cref="PathProblem"/> along a decreasing λ grid with warm starts and glmnet's early stop.</summary>
/// <remarks>
/// The first point starts from the null model (w = 0, b = b₀), which is optimal at λ_max; every later point starts
/// from the previous solution (Friedman, Hastie &amp; Tibshirani 2010, §2.5). Early stop (glmnet's rule, applied from the
/// fifth point on and only on a generated grid): stop once the deviance explained exceeds 0.999, or once it grows by
/// less than 10⁻⁵ — relatively for squared loss (glmnet's elnet), absolutely for logistic (glmnet's lognet).
/// </remarks>
internal static class PathRunner
{
    public const double SaturatedDevianceRatio = 0.999;
    public const double SmallDevianceChange = 1e-5;
    public const int PointsBeforeEarlyStop = 5;

    /// <summary>glmnet's early stop after point <paramref name="k"/> (0-based) with deviance explained <paramref name="explained"/>
    /// (<paramref name="previous"/> at the point before): from the fifth point on, saturation above 0.999, or a change below
    /// 10⁻⁵ — of the deviance explained itself when <paramref name="relative"/> (squared loss), else absolute; null to go on.</summary>
    public static PathTermination? EarlyStop(int k, double explained, double previous, bool relative)
    {
        if (k + 1 < PointsBeforeEarlyStop) return null;
        if (explained > SaturatedDevianceRatio) return PathTermination.DevianceSaturated;
        return explained - previous < (relative ? SmallDevianceChange * explained : SmallDevianceChange) ? PathTermination.DevianceChangeSmall : null;
    }

    public static RegularizationPath Run(string model, PathProblem problem, FitSettings settings, double lambdaMax,
        double[] grid, double? ratio, bool stopEarly, ClassLabels? classes)
    {
        var clock = Stopwatch.StartNew();
        int p = problem.Features;
        double[] start = problem.StartPoint(settings);
        var points = new List<PathPoint>(grid.Length);
        var end = PathTermination.Completed;
        double previous = 0;
        for (int k = 0; k < grid.Length; k++)
        {
            FitOutcome o = problem.Solve(grid[k], settings, start);
            double b = o.Intercepts.Length > 0 ? o.Intercepts[0] : 0;
            double explained = problem.DevianceExplained(o.Objective, grid[k], o.Coefficients);
            points.Add(PathPoint.From(grid[k], o.Coefficients, b, o.Objective, o.Gap, explained, o.Result, o.Solver));
            start = [.. o.Coefficients, .. o.Intercepts];
            if (o.Result.StopReason == StopReason.Cancelled) { end = PathTermination.Cancelled; break; }
            if (stopEarly && EarlyStop(k, explained, previous, relative: problem.Loss == LossKind.Squared) is { } stop) { end = stop; break; }
            previous = explained;
        }
        clock.Stop();
        return new RegularizationPath(model, points, lambdaMax, ratio, problem.Alpha, problem.FitIntercept, problem.Samples,
            p, end, clock.Elapsed, classes);
    }
}
