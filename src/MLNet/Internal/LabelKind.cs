namespace OptSuite.MLNet.Internal;

/// <summary>The label column type a trainer takes: ML.NET's conventions for each task.</summary>
internal enum LabelKind
{
    /// <summary>Boolean, true = the positive class (binary classification).</summary>
    Boolean,

    /// <summary>A key (1..K; 0 is a missing value), as MapValueToKey produces (multiclass classification).</summary>
    Key,

    /// <summary>Single (regression).</summary>
    Single,
}
