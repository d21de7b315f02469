using Microsoft.ML;
using OptSuite.MLNet.Internal;
using OptSuite.Models;

namespace OptSuite.MLNet;

/// <summary>
/// An ML.NET regression trainer that fits an OptSuite regressor: <c>Label</c> is Single, <c>Features</c> a vector of
/// Single. The fitted <see cref="OptSuiteRegressionTransformer{TModel}"/> writes <c>Score</c>, so
/// <c>mlContext.Regression.Evaluate</c> reads its output. Usually made by
/// <c>mlContext.Regression.Trainers.OptSuite(estimator)</c>.
/// </summary>
/// <typeparam name="TModel">The OptSuite regressor (Ridge, Lasso, ElasticNet, HuberRegressor, PoissonRegressor, ...).</typeparam>
public sealed class OptSuiteRegressionTrainer<TModel> : OptSuiteTrainer<TModel, OptSuiteRegressionTransformer<TModel>>
    where TModel : LinearRegressor
{
    /// <summary>A trainer fitting <paramref name="estimator"/> (a template of options: each fit fits a clone).</summary>
    /// <param name="mlContext">The ML.NET context.</param>
    /// <param name="estimator">The OptSuite regressor with its options, e.g. <c>new Lasso { Lambda = 0.01 }</c>.</param>
    /// <param name="labelColumnName">The Single label column.</param>
    /// <param name="featureColumnName">The feature column.</param>
    /// <param name="exampleWeightColumnName">The example weight column, or null.</param>
    /// <param name="offsetColumnName">The offset column (Single), or null: the log-link models (Poisson, Gamma, Tweedie;
    /// others refuse it here), e.g. log exposure. The fitted transformer then reads it from every row it scores.</param>
    public OptSuiteRegressionTrainer(MLContext mlContext, TModel estimator, string labelColumnName = "Label", string featureColumnName = "Features",
        string? exampleWeightColumnName = null, string? offsetColumnName = null)
        : this((mlContext ?? throw new ArgumentNullException(nameof(mlContext))).Regression.Trainers, estimator, labelColumnName,
            featureColumnName, exampleWeightColumnName, offsetColumnName)
    {
    }

    internal OptSuiteRegressionTrainer(RegressionCatalog.RegressionTrainers catalog, TModel estimator, string labelColumnName,
        string featureColumnName, string? exampleWeightColumnName, string? offsetColumnName)
        // Any of ML.NET's regression trainers declares the one Score column; SDCA's takes a weight column.
        : base(estimator, labelColumnName, featureColumnName, exampleWeightColumnName, offsetColumnName, LabelKind.Single,
            _ => catalog.Sdca(labelColumnName, featureColumnName, exampleWeightColumnName))
    {
    }

    private protected override void Train(TModel model, TrainingSet data) => model.Fit(data.Features, data.Labels, data.Weights, data.Offsets);

    private protected override OptSuiteRegressionTransformer<TModel> MakeTransformer(TModel model, DataViewSchema schema) => new(model, FeatureColumnName, OffsetColumnName);
}
