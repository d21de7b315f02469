using Microsoft.ML;
using Microsoft.ML.Data;
using OptSuite.MLNet.Internal;
using OptSuite.Models;

namespace OptSuite.MLNet;

/// <summary>
/// A fitted OptSuite binary classifier in an ML.NET pipeline. It appends ML.NET's binary score columns: <c>Score</c>
/// (Single, the margin z = x·w + b; z &gt; 0 predicts true), <c>Probability</c> (Single, σ(z)) for logistic regression
/// only, and <c>PredictedLabel</c> (Boolean). SVMs have no probability: their transformer has no <c>Probability</c>
/// column, so evaluate them with <c>mlContext.BinaryClassification.EvaluateNonCalibrated</c> (as ML.NET's own LinearSvm).
/// </summary>
/// <typeparam name="TModel">The OptSuite classifier (LogisticRegression, LinearSvm, MulticlassSvm).</typeparam>
public sealed class OptSuiteBinaryTransformer<TModel> : OptSuiteTransformer, ISingleFeaturePredictionTransformer<TModel>
    where TModel : LinearClassifier
{
    private readonly OutputColumn[] _outputs;

    internal OptSuiteBinaryTransformer(TModel model, string featureColumnName, string? offsetColumnName = null) : base(model, featureColumnName, offsetColumnName)
    {
        if (model.Classes.Count != 2) throw new ArgumentException($"The model has {model.Classes.Count} classes; a binary transformer needs two.", nameof(model));
        Model = model;
        HasProbability = Link.HasProbabilities(model);
        var outputs = new List<OutputColumn>
        {
            new("Score", NumberDataViewType.Single, ScoreAnnotations.Score, null,
                s => (ValueGetter<float>)((ref float v) => v = (float)Link.Margin(s.Scores))),
        };
        if (HasProbability)
            outputs.Add(new("Probability", NumberDataViewType.Single, ScoreAnnotations.Probability, ScoreAnnotations.Normalized,
                s => (ValueGetter<float>)((ref float v) => v = (float)Link.Sigmoid(Link.Margin(s.Scores)))));
        outputs.Add(new("PredictedLabel", BooleanDataViewType.Instance, ScoreAnnotations.PredictedLabel, null,
            s => (ValueGetter<bool>)((ref bool v) => v = Link.Margin(s.Scores) > 0)));
        _outputs = [.. outputs];
    }

    /// <summary>The fitted OptSuite model: coefficients, intercept, classes (false, true as 0, 1), fit report. The
    /// transformer scores with a copy of the coefficients taken when it was made, so refitting this object does not
    /// change it.</summary>
    public TModel Model { get; }

    /// <summary>Whether the <c>Probability</c> column is written (logistic regression).</summary>
    public bool HasProbability { get; }

    internal override LinearEstimator Estimator => Model;

    internal override string ScoreColumnKind => ScoreAnnotations.BinaryClassification;

    internal override IReadOnlyList<OutputColumn> Outputs => _outputs;

    internal override string Task => "binary";
}
