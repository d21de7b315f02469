namespace OptSuite.Models;

/// <summary>Which cross-validated λ the final model is refitted at.</summary>
public enum LambdaRule
{
    /// <summary>λ_min: the λ with the smallest mean held-out loss (the largest such λ on ties).</summary>
    Minimum,

    /// <summary>λ_1se: the largest λ whose mean held-out loss is within one standard error of the minimum
    /// (Hastie, Tibshirani &amp; Friedman, The Elements of Statistical Learning, §7.10): a sparser model as good within noise.</summary>
    OneStandardError,
}
