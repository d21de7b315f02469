using Microsoft.ML;
using Microsoft.ML.Data;

namespace OptSuite.MLNet.Internal;

/// <summary>
/// One column a fitted transformer appends: its name and type, its role among the score columns (ML.NET's
/// ScoreValueKind: "Score", "Probability", "PredictedLabel"), any annotations of its own (IsNormalized, slot names, key
/// values), and how to make its getter over a row's raw scores.
/// </summary>
internal sealed record OutputColumn(
    string Name,
    DataViewType Type,
    string ValueKind,
    Action<DataViewSchema.Annotations.Builder>? Annotate,
    Func<RowScorer, Delegate> Getter);
