namespace OptSuite.MLNet.Internal;

/// <summary>The maps from raw scores to what the score columns hold.</summary>
internal static class Link
{
    /// <summary>σ(z) = 1/(1 + e^{−z}) without overflow for large |z| (the form LogisticRegression.PredictProbability uses).</summary>
    public static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    /// <summary>The binary margin of a model with one score column (z) or two (s₁ − s₀: class 1 wins when it is positive).</summary>
    public static double Margin(ReadOnlySpan<double> s) => s.Length == 1 ? s[0] : s[1] - s[0];
}
