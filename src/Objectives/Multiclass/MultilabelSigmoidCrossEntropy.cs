using OptSuite.Objectives.Functions;

namespace OptSuite.Objectives.Multiclass;

/// <summary>Multi-label loss: Σ_k of the sigmoid binary cross-entropy of target t_k ∈ [0, 1] and score s_k.</summary>
/// <remarks>Per label: softplus(s) − t·s = −t·log σ(s) − (1 − t)·log(1 − σ(s)), stable for any finite s;
/// gradient σ(s) − t. Targets outside [0, 1] are an <see cref="ArgumentException"/>.</remarks>
public static class MultilabelSigmoidCrossEntropy
{
    /// <summary>Loss value, writing the gradient with respect to the scores.</summary>
    /// <param name="targets">Targets t_k ∈ [0, 1] ({0, 1} for hard labels).</param>
    /// <param name="scores">Scores s_k, same length.</param>
    /// <param name="gradient">Destination of the gradient, same length.</param>
    /// <returns>The summed loss.</returns>
    public static double ValueAndGradient(ReadOnlySpan<double> targets, ReadOnlySpan<double> scores, Span<double> gradient)
    {
        if (scores.Length != targets.Length) throw new ArgumentException($"Scores length {scores.Length} differs from targets length {targets.Length}.", nameof(scores));
        MulticlassChecks.Gradient(scores.Length, gradient.Length);
        double sum = 0;
        for (int k = 0; k < scores.Length; k++)
        {
            double t = targets[k];
            if (!(t >= 0 && t <= 1)) throw new ArgumentException($"Target {k} must lie in [0, 1], got {t}.", nameof(targets));
            double s = scores[k];
            // softplus(s) − t·s = t·softplus(−s) + (1 − t)·softplus(s), each term non-negative: no cancellation.
            sum += (t == 0 ? 0 : t * StableFunctions.Softplus(-s)) + (t == 1 ? 0 : (1 - t) * StableFunctions.Softplus(s));
            gradient[k] = StableFunctions.Sigmoid(s) - t;
        }
        return sum;
    }
}
