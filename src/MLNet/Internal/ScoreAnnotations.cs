using Microsoft.ML;
using Microsoft.ML.Data;

namespace OptSuite.MLNet.Internal;

/// <summary>
/// The annotations ML.NET's scorers put on score columns (Microsoft.ML.Data AnnotationUtils, internal there, so the
/// names are repeated here): every output column carries ScoreColumnSetId (one more than the largest in the input, so
/// scores of several models stay apart), ScoreColumnKind (the task) and ScoreValueKind (the column's role). Evaluators,
/// MapKeyToValue and the permutation feature importance read them.
/// </summary>
internal static class ScoreAnnotations
{
    public const string ScoreColumnSetId = "ScoreColumnSetId";
    public const string ScoreColumnKind = "ScoreColumnKind";
    public const string ScoreValueKind = "ScoreValueKind";
    public const string IsNormalized = "IsNormalized";
    public const string SlotNames = "SlotNames";
    public const string KeyValues = "KeyValues";
    public const string TrainingLabelValues = "TrainingLabelValues";

    public const string BinaryClassification = "BinaryClassification";
    public const string MulticlassClassification = "MulticlassClassification";
    public const string Regression = "Regression";

    public const string Score = "Score";
    public const string Probability = "Probability";
    public const string PredictedLabel = "PredictedLabel";

    /// <summary>ML.NET's type of the set id: a uint key of count int.MaxValue.</summary>
    private static readonly KeyDataViewType SetIdType = new(typeof(uint), int.MaxValue);

    /// <summary>The set id of new score columns: one more than the largest among the input's columns (0 when none).</summary>
    public static uint NextSetId(DataViewSchema input)
    {
        uint max = 0;
        foreach (var column in input)
        {
            if (column.Annotations.Schema.GetColumnOrNull(ScoreColumnSetId) is not { Type: KeyDataViewType key } || key.RawType != typeof(uint)) continue;
            uint id = 0;
            column.Annotations.GetValue(ScoreColumnSetId, ref id);
            max = Math.Max(max, id);
        }
        return checked(max + 1);
    }

    public static DataViewSchema.Annotations For(OutputColumn column, string scoreColumnKind, uint setId)
    {
        var builder = new DataViewSchema.Annotations.Builder();
        column.Annotate?.Invoke(builder);
        builder.AddPrimitiveValue(ScoreColumnSetId, SetIdType, setId);
        builder.AddPrimitiveValue(ScoreColumnKind, TextDataViewType.Instance, scoreColumnKind.AsMemory());
        builder.AddPrimitiveValue(ScoreValueKind, TextDataViewType.Instance, column.ValueKind.AsMemory());
        return builder.ToAnnotations();
    }

    /// <summary>IsNormalized = true (a probability column).</summary>
    public static void Normalized(DataViewSchema.Annotations.Builder builder) =>
        builder.AddPrimitiveValue(IsNormalized, BooleanDataViewType.Instance, true);
}
