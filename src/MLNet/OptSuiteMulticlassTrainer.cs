using Microsoft.ML;
using Microsoft.ML.Data;
using OptSuite.MLNet.Internal;
using OptSuite.Models;

namespace OptSuite.MLNet;

/// <summary>
/// An ML.NET multiclass trainer that fits an OptSuite classifier: <c>Label</c> is a key (as
/// <c>mlContext.Transforms.Conversion.MapValueToKey</c> makes), <c>Features</c> a vector of Single. The fitted
/// <see cref="OptSuiteMulticlassTransformer{TModel}"/> writes <c>Score</c> (one slot per key value) and
/// <c>PredictedLabel</c> (a key with the label's values), so <c>mlContext.MulticlassClassification.Evaluate</c> reads its
/// output and <c>MapKeyToValue("PredictedLabel")</c> restores the original labels. Usually made by
/// <c>mlContext.MulticlassClassification.Trainers.OptSuite(estimator)</c>.
/// </summary>
/// <typeparam name="TModel">The OptSuite classifier (LogisticRegression: multinomial; MulticlassSvm; LinearSvm: one-vs-rest).</typeparam>
public sealed class OptSuiteMulticlassTrainer<TModel> : OptSuiteTrainer<TModel, OptSuiteMulticlassTransformer<TModel>>
    where TModel : LinearClassifier
{
    /// <summary>A trainer fitting <paramref name="estimator"/> (a template of options: each fit fits a clone).</summary>
    /// <param name="mlContext">The ML.NET context.</param>
    /// <param name="estimator">The OptSuite classifier with its options, e.g. <c>new MulticlassSvm { C = 1 }</c>.</param>
    /// <param name="labelColumnName">The key-typed label column.</param>
    /// <param name="featureColumnName">The feature column.</param>
    /// <param name="exampleWeightColumnName">The example weight column, or null.</param>
    public OptSuiteMulticlassTrainer(MLContext mlContext, TModel estimator, string labelColumnName = "Label", string featureColumnName = "Features",
        string? exampleWeightColumnName = null)
        : this((mlContext ?? throw new ArgumentNullException(nameof(mlContext))).MulticlassClassification.Trainers, estimator, labelColumnName,
            featureColumnName, exampleWeightColumnName)
    {
    }

    internal OptSuiteMulticlassTrainer(MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, TModel estimator,
        string labelColumnName, string featureColumnName, string? exampleWeightColumnName)
        // ML.NET's multiclass linear trainer declares Score (with the label's names) and PredictedLabel (a key with its values).
        : base(estimator, labelColumnName, featureColumnName, exampleWeightColumnName, null, LabelKind.Key,
            _ => catalog.LbfgsMaximumEntropy(labelColumnName, featureColumnName, exampleWeightColumnName))
    {
    }

    private protected override void Train(TModel model, TrainingSet data) => model.Fit(data.Features, data.Labels, data.Weights);

    private protected override OptSuiteMulticlassTransformer<TModel> MakeTransformer(TModel model, DataViewSchema schema)
    {
        var label = schema[LabelColumnName];
        ulong count = ((KeyDataViewType)label.Type).Count;
        if (count > int.MaxValue) throw new ArgumentException($"The label column '{LabelColumnName}' has {count} key values; at most {int.MaxValue} are scored.", "input");
        return new OptSuiteMulticlassTransformer<TModel>(model, FeatureColumnName, (int)count, KeyValueNames.Of(label));
    }
}
