using OptSuite.Objectives.Functions;

namespace OptSuite.Objectives.Multiclass;

/// <summary>Cross-entropy with label smoothing ε: ℓ(y, s) = logsumexp(s) − Σ_k q_k s_k, q = (1 − ε)e_y + ε/K.</summary>
/// <remarks>Szegedy et al. (2016). ∇ℓ = softmax(s) − q. ε = 0 is the multinomial logistic loss.</remarks>
public readonly struct LabelSmoothingCrossEntropyLoss : IMulticlassLoss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="epsilon">Smoothing ε in [0, 1].</param>
    public LabelSmoothingCrossEntropyLoss(double epsilon)
    {
        if (!(epsilon >= 0 && epsilon <= 1)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "Epsilon must lie in [0, 1].");
        Epsilon = epsilon;
    }

    /// <summary>Smoothing ε.</summary>
    public double Epsilon { get; }
    /// <inheritdoc/>
    public double Value(int label, ReadOnlySpan<double> scores)
    {
        double lse = SimplexFunctions.LogSumExp(scores);
        return lse - Target(label, scores);
    }
    /// <inheritdoc/>
    public double ValueAndGradient(int label, ReadOnlySpan<double> scores, Span<double> gradient)
    {
        MulticlassChecks.Gradient(scores.Length, gradient.Length);
        double lse = SimplexFunctions.Softmax(scores, gradient);
        double uniform = Epsilon / scores.Length;
        for (int k = 0; k < gradient.Length; k++) gradient[k] -= uniform;
        gradient[label] -= 1.0 - Epsilon;
        return lse - Target(label, scores);
    }
    /// <inheritdoc/>
    public void ValidateLabel(int label, int classCount) => MulticlassChecks.Label(label, classCount);
    /// <inheritdoc/>
    public bool IsConvex => true;
    /// <inheritdoc/>
    public bool IsDifferentiable => true;

    private double Target(int label, ReadOnlySpan<double> scores)
    {
        double sum = 0;
        foreach (double s in scores) sum += s;
        return (1.0 - Epsilon) * scores[label] + Epsilon * sum / scores.Length;
    }
}
