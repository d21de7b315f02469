namespace OptSuite.Objectives.Multiclass;

/// <summary>One-vs-all (Weston–Watkins) hinge loss ℓ(y, s) = Σ_{r≠y} max(0, 1 + s_r − s_y).</summary>
/// <remarks>Weston &amp; Watkins (1999). Subgradient: +1 at each active r (1 + s_r − s_y &gt; 0), minus their count at y.</remarks>
public readonly struct WestonWatkinsHingeLoss : IMulticlassLoss
{
    /// <inheritdoc/>
    public double Value(int label, ReadOnlySpan<double> scores)
    {
        double sy = scores[label], sum = 0;
        for (int r = 0; r < scores.Length; r++)
            if (r != label) sum += Math.Max(0.0, 1.0 + scores[r] - sy);
        return sum;
    }
    /// <inheritdoc/>
    public double ValueAndGradient(int label, ReadOnlySpan<double> scores, Span<double> gradient)
    {
        MulticlassChecks.Gradient(scores.Length, gradient.Length);
        double sy = scores[label], sum = 0;
        int active = 0;
        for (int r = 0; r < scores.Length; r++)
        {
            double slack = r == label ? 0.0 : 1.0 + scores[r] - sy;
            if (slack > 0) { sum += slack; gradient[r] = 1.0; active++; }
            else gradient[r] = 0.0;
        }
        gradient[label] = -active;
        return sum;
    }
    /// <inheritdoc/>
    public void ValidateLabel(int label, int classCount) => MulticlassChecks.Label(label, classCount);
    /// <inheritdoc/>
    public bool IsConvex => true;
    /// <inheritdoc/>
    public bool IsDifferentiable => false;
}
