namespace OptSuite.Objectives.Multiclass;

/// <summary>Multiclass perceptron loss ℓ(y, s) = max_r s_r − s_y.</summary>
/// <remarks>jaxopt's multiclass_perceptron_loss. Subgradient e_r* − e_y with r* the maximiser (y preferred on ties).</remarks>
public readonly struct MulticlassPerceptronLoss : IMulticlassLoss
{
    /// <inheritdoc/>
    public double Value(int label, ReadOnlySpan<double> scores) => Max(label, scores, out _) - scores[label];
    /// <inheritdoc/>
    public double ValueAndGradient(int label, ReadOnlySpan<double> scores, Span<double> gradient)
    {
        MulticlassChecks.Gradient(scores.Length, gradient.Length);
        double max = Max(label, scores, out int arg);
        gradient.Clear();
        gradient[arg] += 1.0;
        gradient[label] -= 1.0;
        return max - scores[label];
    }
    /// <inheritdoc/>
    public void ValidateLabel(int label, int classCount) => MulticlassChecks.Label(label, classCount);
    /// <inheritdoc/>
    public bool IsConvex => true;
    /// <inheritdoc/>
    public bool IsDifferentiable => false;

    private static double Max(int label, ReadOnlySpan<double> scores, out int arg)
    {
        double best = scores[label];
        arg = label;
        for (int r = 0; r < scores.Length; r++)
            if (scores[r] > best) { best = scores[r]; arg = r; }
        return best;
    }
}
