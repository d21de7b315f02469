using OptSuite.Models;

namespace OptSuite.MLNet.Internal;

/// <summary>The maps from raw scores to what the score columns hold.</summary>
internal static class Link
{
    /// <summary>Whether a classifier's scores are log-odds, so its transformers write probabilities: the logistic loss's
    /// (an SVM's margin is no log-odds; ML.NET's LinearSvm has no Probability column either). The one place this is
    /// decided, for the trainers' declared columns and the transformers' written ones.</summary>
    public static bool HasProbabilities(LinearEstimator model) => model is LogisticRegression;

    /// <summary>σ(z) = 1/(1 + e^{−z}) without overflow for large |z| (the form LogisticRegression.PredictProbability uses).</summary>
    public static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    /// <summary>The binary margin of a model with one score column (z) or two (s₁ − s₀: class 1 wins when it is positive).</summary>
    public static double Margin(ReadOnlySpan<double> s) => s.Length == 1 ? s[0] : s[1] - s[0];
}
