using System.Diagnostics;
using OptSuite.LinearAlgebra;
using OptSuite.Models.Internal;
using OptSuite.Models.Paths;
using OptSuite.Solvers;

namespace OptSuite.Models;

/// <summary>
/// The multinomial logistic-regression path (glmnet's <c>family = "multinomial"</c>, its default ungrouped penalty):
/// <see cref="LogisticRegression"/> with <see cref="LogisticRegression.Multinomial"/> solutions
/// (1/Σc)Σc_i(logsumexp(x_iW + b) − (x_iW + b)_{y_i}) + λ(α‖W‖₁ + (1 − α)/2‖W‖²_F) over glmnet's λ grid, warm-started,
/// with stratified k-fold cross-validation by multinomial deviance or misclassification. α = <see cref="L1Ratio"/>,
/// default 1 (glmnet's alpha).
/// </summary>
/// <remarks>
/// Every point is the estimator's own fit at that λ (its solver and tolerance), warm-started from the previous point.
/// λ_max = max_{j,c} |Σ_i a_i x_ij(π_c − [y_i = c])| / max(α, 10⁻³), a = c/Σc, with π the weighted class shares (the
/// null model's softmax; 1/k without intercepts), so W = 0 at λ_max. The points hold p×k coefficients (row-major, entry
/// j·k + c; <see cref="RegularizationPath.OutputCount"/> = k) and k intercepts (<see cref="PathPoint.Intercepts"/>); the
/// deviance explained is 1 − D/D₀ against the intercept-only model. Early stop as <see cref="LogisticPath"/>'s.
/// The coefficients are unique under the penalty; the intercepts only up to a common shift (the softmax is unchanged),
/// so compare them centred (glmnet centres its a0).
/// </remarks>
public sealed class MultinomialPath : LinearPath
{
    /// <summary>α ∈ [0, 1], the L1 share of the penalty. Default 1 (glmnet's default alpha).</summary>
    public double L1Ratio { get; set; } = 1;

    /// <summary>Class weights as <see cref="LinearClassifier.ClassWeight"/> (applied to the sample weights; carried into folds).</summary>
    public ClassWeights? ClassWeight { get; set; }

    /// <inheritdoc/>
    public override string ModelName => "multinomial";

    private protected override LossKind Loss => LossKind.Multinomial;

    private protected override bool TakesPenaltyOptions => false;

    private protected override double Alpha => PenalisedProblem.Alpha(Penalty.ElasticNet, L1Ratio);

    /// <summary>Fits the path.</summary>
    /// <typeparam name="TLabel">string, bool or any numeric type.</typeparam>
    /// <param name="x">The n×p features (never modified).</param>
    /// <param name="y">The n labels (two or more classes).</param>
    /// <param name="sampleWeight">Optional n weights c_i ≥ 0 with a positive sum.</param>
    public RegularizationPath Fit<TLabel>(FeatureMatrix x, IReadOnlyList<TLabel> y, double[]? sampleWeight = null)
    {
        var (classes, index, weights) = Prepare(x, y, sampleWeight);
        CheckOptions();
        return WithThreads(() => Run(x, y, classes, index, weights, null, StopEarly && Lambdas is null, null));
    }

    /// <summary>Stratified k-fold cross-validation of λ (multinomial deviance 2·(−log p̂_{i,y_i}) per sample by default, or
    /// misclassification), then a multinomial <see cref="LogisticRegression"/> refitted on all data at the chosen λ.</summary>
    /// <typeparam name="TLabel">string, bool or any numeric type.</typeparam>
    /// <param name="x">The n×p features (never modified).</param>
    /// <param name="y">The n labels.</param>
    /// <param name="sampleWeight">Optional n weights (they also weight the held-out losses).</param>
    /// <param name="options">Folds, seed or fold ids, parallelism, metric and rule.</param>
    public CrossValidationResult<LogisticRegression> CrossValidate<TLabel>(FeatureMatrix x, IReadOnlyList<TLabel> y,
        double[]? sampleWeight = null, CrossValidationOptions? options = null)
    {
        var (classes, index, weights) = Prepare(x, y, sampleWeight);
        CheckOptions();
        options ??= new CrossValidationOptions();
        options.Validate(index.Length);
        var metric = ResolveMetric(options.Metric);
        var clock = Stopwatch.StartNew();
        if (options.FoldIds is null)
            foreach (var g in index.GroupBy(c => c))
                if (g.Count() < 2)
                    throw new ArgumentException($"Class {classes.Names[g.Key]} has a single sample; stratified folds need at least 2 per class.", nameof(y));
        var path = WithThreads(() => Run(x, y, classes, index, weights, null, StopEarly && Lambdas is null, null));
        double[] grid = path.Lambdas;
        int[] fold = options.Assign(index.Length, index);
        int k = options.FoldCount;
        int parallelism = options.MaxDegreeOfParallelism ?? Math.Min(k, Environment.ProcessorCount);
        // The shared fold loop (CrossValidationRunner): a fold's path runs on one kernel thread unless Threads says otherwise.
        var table = CrossValidationRunner.Run(k, grid.Length, parallelism, CancellationToken, (f, loss, held) =>
        {
            var (train, test) = CrossValidationRunner.Split(fold, f);
            var missing = Enumerable.Range(0, classes.Count).Except(train.Select(i => index[i])).ToArray();
            if (missing.Length > 0)
                throw new ArgumentException($"Fold {f}'s training rows hold no sample of class {classes.Names[missing[0]]}; every class needs samples outside each fold.", nameof(options));
            using (LinearAlgebraSettings.UseThreads(Threads ?? 1))
                return FitFold(x.SelectRows(train), train.Select(i => y[i]).ToArray(), weights is null ? null : train.Select(i => weights[i]).ToArray(),
                    x.SelectRows(test), test.Select(i => index[i]).ToArray(), weights is null ? null : test.Select(i => weights[i]).ToArray(),
                    grid, metric, f, loss, held);
        });
        var (mean, se) = (table.Mean, table.StandardError);
        var (min, oneSe) = CrossValidationResult.Choose(mean, se);
        int chosen = options.Rule == LambdaRule.Minimum ? min : oneSe;
        var model = Estimator(grid[chosen]);
        var point = path.Points[chosen];
        model.StoreClasses(classes);
        model.Store(point.ToDense(path.FeatureCount * classes.Count), point.Intercepts, path.FeatureCount, classes.Count, null);
        model.WarmStart = true;
        WithThreads(() => model.Fit(x, y, sampleWeight));
        model.WarmStart = false;
        clock.Stop();
        return new CrossValidationResult<LogisticRegression>(path, fold, k, metric, table.FoldLoss, table.FoldWeight, mean, se, options.Rule, clock.Elapsed, model);
    }

    private (ClassLabels Classes, int[] Index, double[]? Weights) Prepare<TLabel>(FeatureMatrix x, IReadOnlyList<TLabel> y, double[]? sampleWeight)
    {
        ArgumentNullException.ThrowIfNull(y);
        CheckShapes(x.Map, y.Count, sampleWeight);
        var classes = ClassLabels.Fit(y, out int[] index, nameof(y));
        if (classes.Count < 2) throw new ArgumentException($"y has {classes.Count} class; a multinomial path needs at least two.", nameof(y));
        return (classes, index, ClassWeight is { } cw ? cw.Apply(classes, index, sampleWeight) : sampleWeight);
    }

    /// <summary>The estimator of one point: the path's options, λ, the penalty of α. The class weights are already in the
    /// sample weights the path passes, so the points' estimators take none (the refit after CV takes them itself).</summary>
    private LogisticRegression Estimator(double lambda, bool classWeights = true)
    {
        double alpha = Alpha;
        return new LogisticRegression
        {
            Multinomial = true,
            Lambda = lambda,
            Penalty = alpha == 1 ? Penalty.L1 : alpha == 0 ? Penalty.L2 : Penalty.ElasticNet,
            L1Ratio = alpha is 0 or 1 ? null : alpha,
            FitIntercept = FitIntercept,
            Solver = Solver,
            Tolerance = Tolerance,
            MaxIterations = MaxIterations,
            Seed = Seed,
            CancellationToken = CancellationToken,
            ClassWeight = classWeights ? ClassWeight : null,
        };
    }

    /// <summary>The path on <paramref name="foldGrid"/> (a fold's: the full path's λ values, no early stop) or, when null, on
    /// the shared grid (<see cref="LinearPath.Lambdas"/> or glmnet's from λ_max).</summary>
    private RegularizationPath Run<TLabel>(FeatureMatrix x, IReadOnlyList<TLabel> y, ClassLabels classes, int[] index, double[]? weights,
        double[]? foldGrid, bool stopEarly, Action<int, LogisticRegression>? each)
    {
        var clock = Stopwatch.StartNew();
        int n = index.Length, p = x.Columns, k = classes.Count;
        double alpha = Alpha;
        var (lambdaMax, nullData) = NullModel(x.Map, index, k, weights, alpha);
        double? ratio = null;
        double[] grid = foldGrid ?? Grid(lambdaMax, n, p, out ratio);
        var model = Estimator(0, classWeights: false);
        model.WarmStart = true;
        var points = new List<PathPoint>(grid.Length);
        var end = PathTermination.Completed;
        double previous = 0;
        for (int t = 0; t < grid.Length; t++)
        {
            model.Lambda = grid[t];
            try { model.Fit(x, y, weights); }
            catch (OperationCanceledException) { end = PathTermination.Cancelled; break; }
            var report = model.Report!;
            double[] w = model.Coefficients;
            double l1 = 0, l2 = 0;
            foreach (double v in w) { l1 += Math.Abs(v); l2 += v * v; }
            double dataTerm = report.Objective - grid[t] * (alpha * l1 + 0.5 * (1 - alpha) * l2);
            double explained = nullData > 0 ? 1 - dataTerm / nullData : 0;
            points.Add(PathPoint.From(grid[t], w, model.Intercepts[0], report.Objective, report.DualityGap, explained, model.Result!, report.Solver)
                with { Intercepts = model.Intercepts });
            each?.Invoke(t, model);
            if (report.StopReason == StopReason.Cancelled) { end = PathTermination.Cancelled; break; }
            if (stopEarly && PathRunner.EarlyStop(t, explained, previous, relative: false) is { } stop) { end = stop; break; }
            previous = explained;
        }
        clock.Stop();
        return new RegularizationPath(ModelName, points, lambdaMax, ratio, alpha, FitIntercept, n, p, end, clock.Elapsed, classes, k);
    }

    /// <summary>λ_max and the null model's data term −Σ_c π_c log π_c (log k without intercepts).</summary>
    private (double LambdaMax, double DataTerm) NullModel(ILinearMap x, int[] index, int k, double[]? weights, double alpha)
    {
        int n = index.Length;
        var a = new double[n];
        for (int i = 0; i < n; i++) a[i] = weights?[i] ?? 1.0;
        double total = a.Sum();
        for (int i = 0; i < n; i++) a[i] /= total;
        var share = new double[k];
        if (FitIntercept) for (int i = 0; i < n; i++) share[index[i]] += a[i];
        else Array.Fill(share, 1.0 / k);
        double dataTerm = 0;
        for (int i = 0; i < n; i++) dataTerm -= a[i] * Math.Log(share[index[i]]);
        var u = new double[n];
        var g = new double[x.Columns];
        double max = 0;
        for (int c = 0; c < k; c++)
        {
            for (int i = 0; i < n; i++) u[i] = a[i] * (share[c] - (index[i] == c ? 1 : 0));
            x.ApplyTranspose(u, g);
            foreach (double v in g) max = Math.Max(max, Math.Abs(v));
        }
        return (max / Math.Max(alpha, LambdaGrid.L1RatioFloor), dataTerm);
    }

    /// <summary>Fits fold <paramref name="f"/>'s path on the grid and writes its held-out losses; false when cancelled.</summary>
    private bool FitFold<TLabel>(FeatureMatrix xTrain, TLabel[] yTrain, double[]? wTrain, FeatureMatrix xTest, int[] truth, double[]? wTest,
        double[] grid, CrossValidationMetric metric, int f, double[,] loss, double[] held)
    {
        double total = wTest?.Sum() ?? truth.Length;
        held[f] = total;
        var classes = ClassLabels.Fit(yTrain, out _, "y");
        return Run(xTrain, yTrain, classes, classes.IndicesOf(yTrain), wTrain, grid, stopEarly: false, (t, model) =>
        {
            double[,] prob = model.PredictProbability(xTest);
            double sum = 0;
            for (int r = 0; r < truth.Length; r++)
            {
                double c = wTest?[r] ?? 1;
                if (metric == CrossValidationMetric.Deviance) sum += c * -2 * Math.Log(Math.Max(prob[r, truth[r]], double.Epsilon));
                else
                {
                    int best = 0;
                    for (int j = 1; j < prob.GetLength(1); j++) if (prob[r, j] > prob[r, best]) best = j;
                    sum += best == truth[r] ? 0 : c;
                }
            }
            loss[f, t] = total > 0 ? sum / total : 0;
        }).Termination != PathTermination.Cancelled;
    }
}
