using Microsoft.ML;
using OptSuite.MLNet.Internal;
using OptSuite.Models;

namespace OptSuite.MLNet;

/// <summary>
/// An ML.NET binary-classification trainer that fits an OptSuite classifier: <c>Label</c> is Boolean (true = the positive
/// class), <c>Features</c> a vector of Single. The fitted <see cref="OptSuiteBinaryTransformer{TModel}"/> writes
/// <c>Score</c>, <c>Probability</c> (logistic regression only) and <c>PredictedLabel</c>, so
/// <c>mlContext.BinaryClassification.Evaluate</c> (or <c>EvaluateNonCalibrated</c> for SVMs) reads its output.
/// Usually made by <c>mlContext.BinaryClassification.Trainers.OptSuite(estimator)</c>.
/// </summary>
/// <typeparam name="TModel">The OptSuite classifier (LogisticRegression, LinearSvm, MulticlassSvm).</typeparam>
public sealed class OptSuiteBinaryTrainer<TModel> : OptSuiteTrainer<TModel, OptSuiteBinaryTransformer<TModel>>
    where TModel : LinearClassifier
{
    /// <summary>A trainer fitting <paramref name="estimator"/> (a template of options: each fit fits a clone).</summary>
    /// <param name="mlContext">The ML.NET context.</param>
    /// <param name="estimator">The OptSuite classifier with its options, e.g. <c>new LogisticRegression { C = 1 }</c>.</param>
    /// <param name="labelColumnName">The Boolean label column.</param>
    /// <param name="featureColumnName">The feature column.</param>
    /// <param name="exampleWeightColumnName">The example weight column, or null.</param>
    /// <param name="offsetColumnName">The offset column (Single), or null: binary logistic regression only (other
    /// classifiers refuse it here). The fitted transformer then reads it from every row it scores.</param>
    public OptSuiteBinaryTrainer(MLContext mlContext, TModel estimator, string labelColumnName = "Label", string featureColumnName = "Features",
        string? exampleWeightColumnName = null, string? offsetColumnName = null)
        : this((mlContext ?? throw new ArgumentNullException(nameof(mlContext))).BinaryClassification.Trainers, estimator, labelColumnName,
            featureColumnName, exampleWeightColumnName, offsetColumnName)
    {
    }

    internal OptSuiteBinaryTrainer(BinaryClassificationCatalog.BinaryClassificationTrainers catalog, TModel estimator, string labelColumnName,
        string featureColumnName, string? exampleWeightColumnName, string? offsetColumnName)
        // ML.NET's calibrated linear trainer declares Score, Probability, PredictedLabel; its LinearSvm Score, PredictedLabel.
        : base(estimator, labelColumnName, featureColumnName, exampleWeightColumnName, offsetColumnName, LabelKind.Boolean, e => Link.HasProbabilities(e)
            ? catalog.LbfgsLogisticRegression(labelColumnName, featureColumnName, exampleWeightColumnName)
            : catalog.LinearSvm(labelColumnName, featureColumnName, exampleWeightColumnName))
    {
    }

    private protected override void Train(TModel model, TrainingSet data) => model.Fit(data.Features, data.Labels, data.Weights, data.Offsets);

    private protected override OptSuiteBinaryTransformer<TModel> MakeTransformer(TModel model, DataViewSchema schema) => new(model, FeatureColumnName, OffsetColumnName);
}
