using System.Diagnostics;
using OptSuite.LinearAlgebra;
using OptSuite.Models.Internal;
using OptSuite.Models.Paths;
using OptSuite.Objectives;
using OptSuite.Objectives.Metrics;
using OptSuite.Objectives.Survival;
using OptSuite.Solvers;

namespace OptSuite.Models;

/// <summary>
/// The elastic-net Cox path: <see cref="CoxRegression"/> solutions −(1/Σw)ℓ(Xβ) + λ(α‖β‖₁ + (1 − α)/2‖β‖²) over glmnet's
/// λ grid, warm-started, with cv.glmnet's grouped partial-likelihood deviance cross-validation. α = <see cref="L1Ratio"/>,
/// default 1 (glmnet's alpha). The shared path options (<see cref="LinearPath.PathLength"/>, <see cref="LinearPath.Lambdas"/>,
/// <see cref="LinearPath.Tolerance"/>, ...) apply; <see cref="LinearPath.FitIntercept"/> is ignored (the model has none).
/// </summary>
/// <remarks>
/// <para><b>Grid</b>: λ_k = λ_max·ε^{k/(L−1)} with λ_max = ‖Xᵀ∇L(0)‖_∞ / max(α, 10⁻³) (the smallest λ with β = 0 optimal; L the
/// normalised loss), ε = <see cref="LinearPath.LambdaMinRatio"/> (glmnet's 10⁻² when n &lt; p, else 10⁻⁴). Every point starts from
/// the previous one. Early stop (<see cref="LinearPath.StopEarly"/>, glmnet's rule from the fifth point of a generated grid): the
/// deviance explained 1 − (ℓ_sat − ℓ(β))/(ℓ_sat − ℓ(0)) exceeds 0.999 or grows by less than 10⁻⁵.</para>
/// <para><b>Cross-validation</b> (cv.glmnet's default for Cox, grouped = TRUE): the full-data path fixes the grid; fold
/// k's path is fitted on the other folds, and its loss at each λ is the deviance of the full data minus that of the
/// training folds at the training-fold coefficients, D(β₋ₖ; all) − D(β₋ₖ; −k) with D = 2(ℓ_sat − ℓ) and weights rescaled
/// to sum to the row count (coxnet.deviance's std.weights), divided by the event weight of fold k. The mean weights the
/// folds by their event weight, the standard error as cv.glmnet. <see cref="CrossValidationMetric.ConcordanceIndex"/> scores
/// each fold's held-out linear predictor by Harrell's C instead (cv.glmnet's type.measure = "C", folds weighted by their total
/// weight), kept as the loss 1 − C. The model is refitted on all data at the chosen λ.</para>
/// </remarks>
public sealed class CoxPath : LinearPath
{
    /// <summary>α ∈ [0, 1], the L1 share. Default 1.</summary>
    public double L1Ratio { get; set; } = 1;

    /// <summary>Tied event times. Default Breslow (glmnet's).</summary>
    public CoxTies Ties { get; set; } = CoxTies.Breslow;

    /// <inheritdoc/>
    public override string ModelName => "cox";

    private protected override LossKind Loss => LossKind.CoxPartialLikelihood;

    private protected override bool TakesPenaltyOptions => false;

    private protected override double Alpha => L1Ratio is >= 0 and <= 1 ? L1Ratio : throw new ArgumentOutOfRangeException(nameof(L1Ratio), L1Ratio, "The L1 ratio must lie in [0, 1].");

    /// <summary>Fits the path.</summary>
    /// <param name="x">The n×p features (never modified).</param>
    /// <param name="time">n times &gt; 0.</param>
    /// <param name="status">n event indicators (0/1).</param>
    /// <param name="sampleWeight">Optional n weights.</param>
    public RegularizationPath Fit(FeatureMatrix x, double[] time, int[] status, double[]? sampleWeight = null)
    {
        var loss = Check(x.Map, time, status, sampleWeight);
        using (LinearAlgebraSettings.UseThreads(Threads ?? LinearAlgebraSettings.Threads))
            return Run(x.Map, loss, Grid(x.Map, loss, out double lambdaMax, out double? ratio), lambdaMax, ratio, StopEarly && Lambdas is null);
    }

    /// <summary>k-fold cross-validation of λ by the grouped partial-likelihood deviance (see the remarks), then a
    /// <see cref="CoxRegression"/> refitted on all data at the chosen λ.</summary>
    /// <param name="x">The n×p features (never modified).</param>
    /// <param name="time">n times &gt; 0.</param>
    /// <param name="status">n event indicators.</param>
    /// <param name="sampleWeight">Optional n weights.</param>
    /// <param name="options">Folds and seed or fold ids (<see cref="CrossValidationOptions.FoldIds"/>: cv.glmnet's foldid minus 1),
    /// rule, and metric (Default or Deviance, or ConcordanceIndex).</param>
    public CrossValidationResult<CoxRegression> CrossValidate(FeatureMatrix x, double[] time, int[] status, double[]? sampleWeight = null,
        CrossValidationOptions? options = null)
    {
        options ??= new CrossValidationOptions();
        using var threads = LinearAlgebraSettings.UseThreads(Threads ?? LinearAlgebraSettings.Threads);
        var clock = Stopwatch.StartNew();
        ILinearMap a = x.Map;
        var full = Check(a, time, status, sampleWeight);
        if (options.Metric is not (CrossValidationMetric.Default or CrossValidationMetric.Deviance or CrossValidationMetric.ConcordanceIndex))
            throw new ArgumentException($"The {options.Metric} metric does not apply to cox; use Deviance (the partial-likelihood deviance) or ConcordanceIndex.", nameof(options));
        bool concordance = options.Metric == CrossValidationMetric.ConcordanceIndex;
        int n = a.Rows;
        options.Validate(n);
        int k = options.FoldCount;
        int[] folds = options.Assign(n, null);
        var path = Run(a, full, Grid(a, full, out double lambdaMax, out double? ratio), lambdaMax, ratio, StopEarly && Lambdas is null);
        double[] grid = path.Lambdas;
        var foldLoss = new double[k, grid.Length];
        var foldWeight = new double[k];
        double[] w = sampleWeight ?? Enumerable.Repeat(1.0, n).ToArray();
        var fullStd = Standardised(time, status, w);
        var eta = new double[n];
        for (int f = 0; f < k; f++)
        {
            int[] train = Enumerable.Range(0, n).Where(i => folds[i] != f).ToArray();
            int[] held = Enumerable.Range(0, n).Where(i => folds[i] == f).ToArray();
            // cv.glmnet weights a fold by its event weight for the deviance, by its total weight for C.
            foreach (int i in held) foldWeight[f] += concordance ? w[i] : w[i] * status[i];
            var xs = RowSubset.Take(a, train);
            double[] ts = [.. train.Select(i => time[i])], ws = [.. train.Select(i => w[i])];
            int[] ss = [.. train.Select(i => status[i])];
            var fold = Run(xs, new CoxPartialLikelihood(ts, ss, ws, Ties), grid, lambdaMax, ratio, stopEarly: false);
            var trainStd = Standardised(ts, ss, ws);
            var etaTrain = new double[train.Length];
            for (int t = 0; t < grid.Length; t++)
            {
                double[] b = t < fold.Points.Count ? fold.Coefficients(t) : fold.Coefficients(fold.Points.Count - 1);
                a.Apply(b, eta);
                if (concordance)
                {
                    // Harrell's C of the held-out rows' linear predictor, as glmnet's Cindex(pred[fold], y[fold], w[fold]).
                    double c = SurvivalMetrics.ConcordanceIndex([.. held.Select(i => time[i])], [.. held.Select(i => status[i])],
                        [.. held.Select(i => eta[i])], [.. held.Select(i => w[i])]);
                    foldLoss[f, t] = 1 - c;
                    continue;
                }
                xs.Apply(b, etaTrain);
                double devFull = 2 * (fullStd.SaturatedLogLikelihood - fullStd.LogLikelihood(eta));
                double devTrain = 2 * (trainStd.SaturatedLogLikelihood - trainStd.LogLikelihood(etaTrain));
                foldLoss[f, t] = foldWeight[f] > 0 ? (devFull - devTrain) / foldWeight[f] : double.NaN;
            }
        }
        var (mean, se) = Summarise(foldLoss, foldWeight);
        var result = CrossValidationResult.Choose(mean, se);
        double chosen = grid[options.Rule == LambdaRule.Minimum ? result.Min : result.OneStandardError];
        var model = new CoxRegression
        {
            Lambda = chosen, Penalty = Alpha == 1 ? Penalty.L1 : Alpha == 0 ? Penalty.L2 : Penalty.ElasticNet,
            L1Ratio = Alpha is 0 or 1 ? null : Alpha, Ties = Ties, Tolerance = Tolerance, MaxIterations = MaxIterations, Solver = Solver,
            WarmStart = false,
        };
        model.Fit(x, time, status, sampleWeight);
        clock.Stop();
        return new CrossValidationResult<CoxRegression>(path, folds, k, concordance ? CrossValidationMetric.ConcordanceIndex : CrossValidationMetric.Deviance, foldLoss, foldWeight, mean, se,
            options.Rule, clock.Elapsed, model);
    }

    /// <summary>The loss with weights rescaled to sum to the row count (coxnet.deviance's std.weights).</summary>
    private CoxPartialLikelihood Standardised(double[] time, int[] status, double[] w)
    {
        double total = w.Sum();
        return new CoxPartialLikelihood(time, status, w.Select(v => v * w.Length / total).ToArray(), Ties);
    }

    /// <summary>cv.glmnet's event-weighted mean and standard error √(Σ W_f (L_f − m)² / Σ W_f / (K − 1)).</summary>
    private static (double[] Mean, double[] Se) Summarise(double[,] loss, double[] weight)
    {
        int k = loss.GetLength(0), m = loss.GetLength(1);
        var mean = new double[m];
        var se = new double[m];
        double total = weight.Sum();
        for (int t = 0; t < m; t++)
        {
            double s = 0;
            for (int f = 0; f < k; f++) s += weight[f] * loss[f, t];
            mean[t] = s / total;
            double v = 0;
            for (int f = 0; f < k; f++) v += weight[f] * (loss[f, t] - mean[t]) * (loss[f, t] - mean[t]);
            se[t] = Math.Sqrt(v / total / (k - 1));
        }
        return (mean, se);
    }

    private CoxPartialLikelihood Check(ILinearMap x, double[] time, int[] status, double[]? sampleWeight)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(status);
        if (time.Length != x.Rows) throw new ArgumentException($"time has {time.Length} values for {x.Rows} rows of X.", nameof(time));
        if (status.Length != x.Rows) throw new ArgumentException($"status has {status.Length} values for {x.Rows} rows of X.", nameof(status));
        if (sampleWeight is not null && sampleWeight.Length != x.Rows)
            throw new ArgumentException($"sampleWeight has {sampleWeight.Length} values for {x.Rows} rows of X.", nameof(sampleWeight));
        if (PathLength < 1) throw new ArgumentOutOfRangeException(nameof(PathLength), PathLength, "The path needs at least one λ.");
        if (LambdaMinRatio is { } r && !(r > 0 && r < 1)) throw new ArgumentOutOfRangeException(nameof(LambdaMinRatio), r, "ε must lie in (0, 1).");
        if (Lambdas is { } l && (l.Length == 0 || l.Any(v => !(v >= 0 && double.IsFinite(v)))))
            throw new ArgumentException("Lambdas must hold at least one finite λ ≥ 0.", nameof(Lambdas));
        if (!(Tolerance >= 0 && double.IsFinite(Tolerance))) throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "The tolerance must be finite and ≥ 0.");
        _ = Alpha;
        RefusePenaltyOptions();
        InputChecks.Features(x);
        InputChecks.Weights(sampleWeight);
        return new CoxPartialLikelihood(time, status, sampleWeight, Ties);
    }

    private double[] Grid(ILinearMap x, CoxPartialLikelihood loss, out double lambdaMax, out double? ratio)
    {
        var g = new double[x.Columns];
        new PredictorObjective(x, loss, 0, 0).ValueAndGradient(new double[x.Columns], g);
        lambdaMax = g.Max(Math.Abs) / Math.Max(Alpha, 1e-3);
        ratio = null;
        if (Lambdas is { } given) return [.. given.OrderDescending()];
        if (!(lambdaMax > 0)) throw new ArgumentException("λ_max is 0: no feature is correlated with the partial likelihood's gradient at β = 0.", "x");
        ratio = LambdaMinRatio ?? LambdaGrid.DefaultMinRatio(x.Rows, x.Columns);
        return LambdaGrid.LogSpaced(lambdaMax, PathLength, ratio.Value);
    }

    private RegularizationPath Run(ILinearMap x, CoxPartialLikelihood loss, double[] grid, double lambdaMax, double? ratio, bool stopEarly)
    {
        var clock = Stopwatch.StartNew();
        double alpha = Alpha;
        int p = x.Columns;
        var settings = new SolverSettings { Tolerance = Tolerance, MaxIterations = MaxIterations, Seed = Seed, Cancellation = CancellationToken };
        double sat = loss.SaturatedLogLikelihood, nullLog = loss.LogLikelihood(new double[x.Rows]);
        var points = new List<PathPoint>(grid.Length);
        var end = PathTermination.Completed;
        double[] start = new double[p];
        double previous = 0;
        var eta = new double[x.Rows];
        for (int k = 0; k < grid.Length; k++)
        {
            FitProblem problem = CoxRegression.Pose(x, loss, grid[k], alpha);
            SolverKind solver = SolverRegistry.Resolve(Solver, problem.Traits, "cox");
            SolverResult r = problem.Solve(solver, settings, start);
            x.Apply(r.Solution, eta);
            double explained = sat - nullLog > 0 ? 1 - (sat - loss.LogLikelihood(eta)) / (sat - nullLog) : 0;
            points.Add(PathPoint.From(grid[k], r.Solution, 0, r.Objective, null, explained, r, solver));
            start = r.Solution;
            if (r.StopReason == StopReason.Cancelled) { end = PathTermination.Cancelled; break; }
            if (stopEarly && k + 1 >= PathRunner.PointsBeforeEarlyStop)
            {
                if (explained > PathRunner.SaturatedDevianceRatio) { end = PathTermination.DevianceSaturated; break; }
                if (explained - previous < PathRunner.SmallDevianceChange) { end = PathTermination.DevianceChangeSmall; break; }
            }
            previous = explained;
        }
        clock.Stop();
        return new RegularizationPath("cox", points, lambdaMax, ratio, alpha, false, x.Rows, p, end, clock.Elapsed, null);
    }
}
