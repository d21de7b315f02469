namespace OptSuite.Objectives;

/// <summary>Which labels a pointwise loss accepts.</summary>
public enum LabelConvention
{
    /// <summary>Any finite real label.</summary>
    Regression,

    /// <summary>Binary labels: {−1, +1} and {0, 1} are both accepted; 0 is mapped to −1.</summary>
    Binary,

    /// <summary>Non-negative finite labels (counts or rates), e.g. for the Poisson loss.</summary>
    Count,

    /// <summary>Strictly positive finite labels (amounts, durations, claim sizes), e.g. for the Gamma loss.</summary>
    Positive,
}
