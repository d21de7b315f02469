using System.Diagnostics;
using OptSuite.LinearAlgebra;
using OptSuite.Models.Paths;

namespace OptSuite.Models;

public abstract partial class LinearPath
{
    /// <summary>Cross-validates a regression path and refits <paramref name="model"/> at the chosen λ.</summary>
    private protected CrossValidationResult<TModel> CrossValidateRegression<TModel>(FeatureMatrix x, double[] y, double[]? weights,
        CrossValidationOptions? options, TModel model, double[]? offset = null) where TModel : LinearRegressor
    {
        ArgumentNullException.ThrowIfNull(y);
        CheckShapes(x.Map, y.Length, weights);
        offset = CheckedOffset(offset, x.Map.Rows);
        options ??= new CrossValidationOptions();
        var cv = CrossValidateCore(x.Map, y, weights, null, null, options, offset);
        int index = Chosen(cv.Table, options.Rule);
        Configure(model, cv.Path.Points[index].Lambda);
        SeedWarmStart(model, cv.Path, index);
        WithThreads(() => model.Fit(x, y, weights, offset));
        model.WarmStart = false;
        return Result(cv, options.Rule, model);
    }

    /// <summary>Cross-validates a binary classification path (±1 <paramref name="signs"/>, stratified by class) and refits
    /// <paramref name="model"/> on the original labels at the chosen λ.
    /// The folds' paths solve with <paramref name="pathWeights"/> (the caller's sample weights with class weights applied);
    /// the refit gets the caller's <paramref name="weights"/> and applies its class weights itself.</summary>
    private protected CrossValidationResult<TModel> CrossValidateClassifier<TModel, TLabel>(FeatureMatrix x, IReadOnlyList<TLabel> labels,
        double[] signs, ClassLabels classes, int[] classIndex, double[]? weights, double[]? pathWeights, CrossValidationOptions? options, TModel model)
        where TModel : LinearClassifier
    {
        options ??= new CrossValidationOptions();
        var cv = CrossValidateCore(x.Map, signs, pathWeights, classes, classIndex, options);
        int index = Chosen(cv.Table, options.Rule);
        Configure(model, cv.Path.Points[index].Lambda);
        SeedWarmStart(model, cv.Path, index);
        model.StoreClasses(classes);
        WithThreads(() => model.Fit(x, labels, weights));
        model.WarmStart = false;
        return Result(cv, options.Rule, model);
    }

    private (RegularizationPath Path, int[] Folds, CrossValidationMetric Metric, CrossValidationRunner.Table Table, Stopwatch Clock)
        CrossValidateCore(ILinearMap x, double[] y, double[]? weights, ClassLabels? classes, int[]? strata, CrossValidationOptions options,
            double[]? offset = null)
    {
        CheckOptions();
        options.Validate(y.Length);
        CrossValidationMetric metric = ResolveMetric(options.Metric);
        var clock = Stopwatch.StartNew();
        var problem = new PathProblem(x, y, weights, Loss, Alpha, FitIntercept, offset, PowerOfLoss, PenaltyOptions(x.Columns));
        if (strata is not null && options.FoldIds is null)
        {
            foreach (var g in strata.GroupBy(c => c))
                if (g.Count() < 2)
                    throw new ArgumentException($"Class {classes?.Names[g.Key]} has a single sample; stratified folds need at least 2 per class.", "y");
        }
        return WithThreads(() =>
        {
            var path = RunPath(problem, classes, out var settings);
            int[] folds = options.Assign(y.Length, strata);
            // Row-blocked X (a shard dataset): one fold at a time by default, so one pass — one shard and the one read
            // ahead — is in memory, not one per fold.
            int parallelism = options.MaxDegreeOfParallelism ?? (x is IRowBlockedMap ? 1 : Math.Min(options.FoldCount, Environment.ProcessorCount));
            // The folds are the parallelism: their kernels run on one thread unless Threads says otherwise, which also keeps
            // every fold's summation order, hence the table, the same whatever the number of parallel folds.
            using (LinearAlgebraSettings.UseThreads(Threads ?? 1))
            {
                var table = CrossValidationRunner.Run(problem, path.Lambdas, settings, folds, options.FoldCount, metric, parallelism);
                return (path, folds, metric, table, clock);
            }
        });
    }

    private static int Chosen(CrossValidationRunner.Table table, LambdaRule rule)
    {
        var (min, oneSe) = CrossValidationResult.Choose(table.Mean, table.StandardError);
        return rule == LambdaRule.Minimum ? min : oneSe;
    }

    private static CrossValidationResult<TModel> Result<TModel>(
        (RegularizationPath Path, int[] Folds, CrossValidationMetric Metric, CrossValidationRunner.Table Table, Stopwatch Clock) cv,
        LambdaRule rule, TModel model) where TModel : LinearEstimator
    {
        cv.Clock.Stop();
        return new CrossValidationResult<TModel>(cv.Path, cv.Folds, cv.Table.FoldLoss.GetLength(0), cv.Metric, cv.Table.FoldLoss,
            cv.Table.FoldWeight, cv.Table.Mean, cv.Table.StandardError, rule, cv.Clock.Elapsed, model);
    }

    /// <summary>Copies the shared options onto the estimator refitted after cross-validation.</summary>
    private void Configure(LinearEstimator model, double lambda)
    {
        model.Lambda = lambda;
        model.C = null;
        model.FitIntercept = FitIntercept;
        model.Solver = Solver;
        model.Tolerance = Tolerance;
        model.MaxIterations = MaxIterations;
        model.Seed = Seed;
        model.CancellationToken = CancellationToken;
        ConfigurePenalty(model);
    }

    /// <summary>Seeds <paramref name="model"/> with a path point so that its next fit warm-starts there.</summary>
    private static void SeedWarmStart(LinearEstimator model, RegularizationPath path, int index)
    {
        var point = path.Points[index];
        model.Store(point.ToDense(path.FeatureCount), [point.Intercept], path.FeatureCount, 1, null);
        model.WarmStart = true;
    }
}
