namespace OptSuite.Models;

/// <summary>The held-out loss cross-validation averages (weighted by the sample weights of the held-out rows).</summary>
public enum CrossValidationMetric
{
    /// <summary>The model's default: <see cref="MeanSquaredError"/> for regression, <see cref="Deviance"/> for logistic.</summary>
    Default,

    /// <summary>(y − ŷ)², regression (glmnet's type.measure = "mse").</summary>
    MeanSquaredError,

    /// <summary>The binomial deviance −2 log p̂(y) = 2 log(1 + e^{−yz}), logistic (glmnet's "deviance").</summary>
    Deviance,

    /// <summary>The misclassification rate, 1 when sign(z) ≠ y (z = 0 counts as the negative class), logistic
    /// (glmnet's "class").</summary>
    Misclassification,

    /// <summary>Harrell's concordance index C of the held-out linear predictor, Cox (glmnet's "C"), kept as the loss 1 − C
    /// so that λ_min minimises it (cv.glmnet maximises C: the same λ).</summary>
    ConcordanceIndex,
}
