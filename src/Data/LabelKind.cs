namespace OptSuite.Data;

/// <summary>What a label column looks like (a guess from the values: files do not say).</summary>
public enum LabelKind
{
    /// <summary>No rows.</summary>
    None,

    /// <summary>A single distinct value.</summary>
    Constant,

    /// <summary>Two distinct values (±1, 0/1, ...).</summary>
    Binary,

    /// <summary>Three to <see cref="LabelSummary.MaxClasses"/> distinct integers.</summary>
    Multiclass,

    /// <summary>Non-integers, or more distinct integers than a class list would sensibly hold.</summary>
    Regression,

    /// <summary>A set of labels per row.</summary>
    MultiLabel,
}
