namespace OptSuite.Objectives.Multiclass;

/// <summary>Crammer–Singer multiclass hinge loss ℓ(y, s) = max_r (s_r + 1[r ≠ y]) − s_y.</summary>
/// <remarks>Crammer &amp; Singer (2001); jaxopt's multiclass_hinge_loss. Subgradient e_r* − e_y with r* the first
/// maximiser (zero when r* = y).</remarks>
public readonly struct CrammerSingerHingeLoss : IMulticlassLoss
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
        // Start from the label so that ties with the label resolve to a zero subgradient.
        double best = scores[label];
        arg = label;
        for (int r = 0; r < scores.Length; r++)
        {
            double v = r == label ? scores[r] : scores[r] + 1.0;
            if (v > best) { best = v; arg = r; }
        }
        return best;
    }
}
