namespace OptSuite.Models;

/// <summary>A <see cref="CrossValidationResult"/> whose refitted <see cref="Model"/> has the concrete estimator type.</summary>
/// <typeparam name="TModel">The estimator (Lasso, ElasticNet, LogisticRegression).</typeparam>
public sealed class CrossValidationResult<TModel> : CrossValidationResult where TModel : LinearEstimator
{
    internal CrossValidationResult(RegularizationPath path, int[] folds, int foldCount, CrossValidationMetric metric,
        double[,] foldLoss, double[] foldWeight, double[] mean, double[] standardError, LambdaRule rule, TimeSpan elapsed, TModel model)
        : base(path, folds, foldCount, metric, foldLoss, foldWeight, mean, standardError, rule, elapsed) => Model = model;

    /// <summary>The model refitted on all data at <see cref="CrossValidationResult.ChosenLambda"/>.</summary>
    public new TModel Model { get; }

    private protected override LinearEstimator UntypedModel => Model;
}
