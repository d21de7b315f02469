using System.Text.Json.Nodes;
using Microsoft.ML;
using Microsoft.ML.Data;
using OptSuite.MLNet.Internal;
using OptSuite.Models;

namespace OptSuite.MLNet;

/// <summary>
/// A fitted OptSuite multiclass classifier in an ML.NET pipeline. It appends ML.NET's multiclass columns: <c>Score</c>,
/// a vector of Single with one slot per value of the label's key type (slot k − 1 for key k), and <c>PredictedLabel</c>,
/// a key of the same count carrying the label's key values, so <c>MapKeyToValue("PredictedLabel")</c> gives the
/// original labels back. Logistic regression's scores are class probabilities (softmax; [1 − σ(z), σ(z)] for a binary
/// model), as ML.NET's maximum-entropy trainers give; SVMs' are their raw scores (a binary SVM's z as (−z, z)). A class of
/// the key type that had no training row is never predicted: probability 0, raw score −∞.
/// </summary>
/// <typeparam name="TModel">The OptSuite classifier (LogisticRegression, MulticlassSvm, LinearSvm).</typeparam>
public sealed class OptSuiteMulticlassTransformer<TModel> : OptSuiteTransformer, ISingleFeaturePredictionTransformer<TModel>
    where TModel : LinearClassifier
{
    private readonly OutputColumn[] _outputs;
    private readonly int[] _slots;
    private readonly bool _probabilities;

    internal OptSuiteMulticlassTransformer(TModel model, string featureColumnName, int classCount, KeyValueNames? keyValues)
        : base(model, featureColumnName)
    {
        Model = model;
        ClassCount = classCount;
        KeyValues = keyValues;
        // OptSuite's classes are the key values seen in training, sorted; class c scores into slot (key − 1).
        _slots = model.Classes.Values.Select(v => (int)v - 1).ToArray();
        if (_slots.Any(s => s < 0 || s >= classCount))
            throw new ArgumentException($"The model's classes ({string.Join(", ", model.Classes.Names)}) are not keys 1..{classCount}.", nameof(model));
        _probabilities = Link.HasProbabilities(model);
        var scoreType = new VectorDataViewType(NumberDataViewType.Single, classCount);
        Action<DataViewSchema.Annotations.Builder>? scoreNames = keyValues is null ? null : b =>
        {
            if (keyValues.ItemType is TextDataViewType) keyValues.AddTo(b, ScoreAnnotations.SlotNames);
            keyValues.AddTo(b, ScoreAnnotations.TrainingLabelValues);
        };
        Action<DataViewSchema.Annotations.Builder>? labelNames = keyValues is null ? null : b => keyValues.AddTo(b, ScoreAnnotations.KeyValues);
        _outputs =
        [
            new("Score", scoreType, ScoreAnnotations.Score, scoreNames, s => (ValueGetter<VBuffer<float>>)((ref VBuffer<float> v) => Fill(s.Scores, ref v))),
            new("PredictedLabel", new KeyDataViewType(typeof(uint), classCount), ScoreAnnotations.PredictedLabel, labelNames,
                s => (ValueGetter<uint>)((ref uint v) => v = Predict(s.Scores))),
        ];
    }

    /// <summary>The fitted OptSuite model: coefficients (one column per class seen in training), intercepts, classes (the
    /// key values 1..K seen, sorted), fit report. The transformer scores with a copy of the coefficients taken when it was
    /// made, so refitting this object does not change it.</summary>
    public TModel Model { get; }

    /// <summary>K, the number of values of the training label's key type: the length of the Score vector.</summary>
    public int ClassCount { get; }

    /// <summary>The training label's key values, or null when its key type had none.</summary>
    internal KeyValueNames? KeyValues { get; }

    internal override LinearEstimator Estimator => Model;

    internal override string ScoreColumnKind => ScoreAnnotations.MulticlassClassification;

    internal override IReadOnlyList<OutputColumn> Outputs => _outputs;

    internal override string Task => "multiclass";

    internal override void Describe(JsonObject part)
    {
        part["class_count"] = ClassCount;
        if (KeyValues is { } names)
            part["key_values"] = new JsonObject { ["type"] = names.TypeName, ["values"] = new JsonArray([.. names.ToStrings().Select(v => (JsonNode?)v)]) };
    }

    /// <summary>What <see cref="Describe"/> wrote.</summary>
    internal static (int Count, KeyValueNames? Names) ReadPart(JsonObject part)
    {
        int count = part["class_count"] is JsonValue c && c.TryGetValue(out int k) && k >= 2 ? k
            : throw new InvalidDataException("A multiclass part has no class_count of at least 2.");
        if (part["key_values"] is not JsonObject kv) return (count, null);
        if (kv["type"] is not JsonValue t || !t.TryGetValue(out string? type) || kv["values"] is not JsonArray values)
            throw new InvalidDataException("A multiclass part's key_values has no type or no values.");
        var names = KeyValueNames.Parse(type, values.Select(v => v is JsonValue s && s.TryGetValue(out string? text) ? text
            : throw new InvalidDataException("A key value is not a string.")).ToArray());
        if (names.Count != count) throw new InvalidDataException($"A multiclass part has {names.Count} key values for {count} classes.");
        return (count, names);
    }

    private void Fill(ReadOnlySpan<double> s, ref VBuffer<float> dst)
    {
        var editor = VBufferEditor.Create(ref dst, ClassCount);
        var values = editor.Values;
        values.Fill(_probabilities ? 0f : float.NegativeInfinity);
        if (s.Length == 1)
        {
            double z = s[0];
            values[_slots[0]] = (float)(_probabilities ? Link.Sigmoid(-z) : -z);
            values[_slots[1]] = (float)(_probabilities ? Link.Sigmoid(z) : z);
        }
        else if (_probabilities)
        {
            double max = double.NegativeInfinity, sum = 0;
            foreach (double v in s) max = Math.Max(max, v);
            for (int c = 0; c < s.Length; c++) sum += Math.Exp(s[c] - max);
            for (int c = 0; c < s.Length; c++) values[_slots[c]] = (float)(Math.Exp(s[c] - max) / sum);
        }
        else
        {
            for (int c = 0; c < s.Length; c++) values[_slots[c]] = (float)s[c];
        }
        dst = editor.Commit();
    }

    /// <summary>The key (slot + 1) of the best class by the raw scores, ties to the first class as OptSuite's
    /// PredictIndices; 0 (a missing key) when a score is NaN (a NaN feature).</summary>
    private uint Predict(ReadOnlySpan<double> s)
    {
        foreach (double v in s) if (double.IsNaN(v)) return 0;
        if (s.Length == 1) return (uint)_slots[s[0] > 0 ? 1 : 0] + 1;
        int best = 0;
        for (int c = 1; c < s.Length; c++) if (s[c] > s[best]) best = c;
        return (uint)_slots[best] + 1;
    }
}
