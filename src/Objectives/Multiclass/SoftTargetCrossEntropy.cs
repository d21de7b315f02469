using OptSuite.Objectives.Functions;

namespace OptSuite.Objectives.Multiclass;

/// <summary>Cross-entropy between a target distribution q and softmax(s): −Σ_k q_k log softmax(s)_k.</summary>
/// <remarks>Equals logsumexp(s) − ⟨q, s⟩ when Σq = 1; gradient softmax(s) − q. Targets must be non-negative and sum
/// to 1 within 1e-9 (else <see cref="ArgumentException"/>).</remarks>
public static class SoftTargetCrossEntropy
{
    /// <summary>Loss value, writing the gradient with respect to the scores.</summary>
    /// <param name="targets">Target probabilities q.</param>
    /// <param name="scores">Scores s, same length.</param>
    /// <param name="gradient">Destination of the gradient, same length (must not alias the inputs).</param>
    /// <returns>The cross-entropy.</returns>
    public static double ValueAndGradient(ReadOnlySpan<double> targets, ReadOnlySpan<double> scores, Span<double> gradient)
    {
        if (scores.Length != targets.Length) throw new ArgumentException($"Scores length {scores.Length} differs from targets length {targets.Length}.", nameof(scores));
        MulticlassChecks.Gradient(scores.Length, gradient.Length);
        double total = 0, inner = 0;
        for (int k = 0; k < targets.Length; k++)
        {
            if (!(targets[k] >= 0)) throw new ArgumentException($"Target {k} must be non-negative, got {targets[k]}.", nameof(targets));
            total += targets[k];
            if (targets[k] != 0) inner += targets[k] * scores[k];
        }
        if (Math.Abs(total - 1.0) > 1e-9) throw new ArgumentException($"Targets must sum to 1, got {total}.", nameof(targets));
        double lse = SimplexFunctions.Softmax(scores, gradient);
        for (int k = 0; k < gradient.Length; k++) gradient[k] -= targets[k];
        return lse - inner;
    }
}
