using OptSuite.Objectives.Functions;

namespace OptSuite.Objectives.Multiclass;

/// <summary>Multinomial logistic (softmax cross-entropy) loss ℓ(y, s) = logsumexp(s) − s_y.</summary>
/// <remarks>jaxopt's multiclass_logistic_loss. ∇ℓ = softmax(s) − e_y; logsumexp is shifted by max s.</remarks>
public readonly struct MultinomialLogisticLoss : IMulticlassLoss
{
    /// <inheritdoc/>
    public double Value(int label, ReadOnlySpan<double> scores) => SimplexFunctions.LogSumExp(scores) - scores[label];
    /// <inheritdoc/>
    public double ValueAndGradient(int label, ReadOnlySpan<double> scores, Span<double> gradient)
    {
        MulticlassChecks.Gradient(scores.Length, gradient.Length);
        double lse = SimplexFunctions.Softmax(scores, gradient);
        gradient[label] -= 1.0;
        return lse - scores[label];
    }
    /// <inheritdoc/>
    public void ValidateLabel(int label, int classCount) => MulticlassChecks.Label(label, classCount);
    /// <inheritdoc/>
    public bool IsConvex => true;
    /// <inheritdoc/>
    public bool IsDifferentiable => true;
}
