using OptSuite.Objectives.Functions;

namespace OptSuite.Objectives.Multiclass;

/// <summary>Multinomial logistic (softmax cross-entropy) loss ℓ(y, s) = logsumexp(s) − s_y.</summary>
/// <remarks>jaxopt's multiclass_logistic_loss. ∇ℓ = softmax(s) − e_y; evaluated as (max s − s_y) + log Σ exp(s_k − max s), so no eps·|max s| error.</remarks>
public readonly struct MultinomialLogisticLoss : IMulticlassLoss
{
    /// <inheritdoc/>
    public double Value(int label, ReadOnlySpan<double> scores) => SimplexFunctions.LogSumExpMinus(scores, scores[label]);
    /// <inheritdoc/>
    public double ValueAndGradient(int label, ReadOnlySpan<double> scores, Span<double> gradient)
    {
        MulticlassChecks.Gradient(scores.Length, gradient.Length);
        SimplexFunctions.Softmax(scores, gradient, out double max, out double logSum);
        gradient[label] -= 1.0;
        return (max - scores[label]) + logSum;
    }
    /// <inheritdoc/>
    public void ValidateLabel(int label, int classCount) => MulticlassChecks.Label(label, classCount);
    /// <inheritdoc/>
    public bool IsConvex => true;
    /// <inheritdoc/>
    public bool IsDifferentiable => true;
}
