namespace OptSuite.Objectives.Pairs;

/// <summary>Contrastive loss of a pair: y·d² + (1 − y)·max(0, m − d)², d = ‖a − b‖, y = 1 for similar pairs.</summary>
/// <remarks>Hadsell, Chopra &amp; LeCun (2006). Labels are 0 (dissimilar) or 1 (similar); anything else is an
/// <see cref="ArgumentException"/>. ∂/∂d = 2y·d − 2(1 − y)(m − d)₊; ∂/∂a = (∂/∂d)·(a − b)/d, and at d = 0 the zero
/// subgradient is returned (the dissimilar term is a cone there). ∂/∂b = −∂/∂a.</remarks>
public readonly struct ContrastiveLoss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="margin">Margin m &gt; 0.</param>
    public ContrastiveLoss(double margin)
    {
        if (!(margin > 0) || !double.IsFinite(margin)) throw new ArgumentOutOfRangeException(nameof(margin), margin, "Margin must be positive and finite.");
        Margin = margin;
    }

    /// <summary>Margin m.</summary>
    public double Margin { get; }

    /// <summary>Throws unless the label is 0 or 1.</summary>
    /// <param name="label">Pair label.</param>
    public static void ValidateLabel(double label)
    {
        if (label != 0.0 && label != 1.0) throw new ArgumentException($"Contrastive label must be 0 (dissimilar) or 1 (similar), got {label}.", nameof(label));
    }

    /// <summary>Loss as a function of the distance.</summary>
    /// <param name="label">0 or 1.</param>
    /// <param name="distance">d ≥ 0.</param>
    /// <returns>The loss.</returns>
    public double Value(double label, double distance)
    {
        double h = Math.Max(0.0, Margin - distance);
        return label * distance * distance + (1.0 - label) * h * h;
    }

    /// <summary>∂loss/∂d.</summary>
    /// <param name="label">0 or 1.</param>
    /// <param name="distance">d ≥ 0.</param>
    /// <returns>The derivative.</returns>
    public double DistanceDerivative(double label, double distance)
        => 2.0 * label * distance - 2.0 * (1.0 - label) * Math.Max(0.0, Margin - distance);

    /// <summary>Loss of the pair (a, b), writing ∂/∂a (∂/∂b is its negative).</summary>
    /// <param name="label">0 or 1 (validated).</param>
    /// <param name="a">First embedding.</param>
    /// <param name="b">Second embedding, same length.</param>
    /// <param name="gradientA">Destination for ∂loss/∂a, same length.</param>
    /// <returns>The loss.</returns>
    public double ValueAndGradient(double label, ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> gradientA)
    {
        ValidateLabel(label);
        if (b.Length != a.Length) throw new ArgumentException($"Length of b ({b.Length}) differs from length of a ({a.Length}).", nameof(b));
        if (gradientA.Length != a.Length) throw new ArgumentException("Gradient length differs from the vectors.", nameof(gradientA));
        double d2 = 0;
        for (int i = 0; i < a.Length; i++) { double r = a[i] - b[i]; d2 += r * r; }
        double d = Math.Sqrt(d2);
        double scale = d == 0 ? 0.0 : DistanceDerivative(label, d) / d;
        for (int i = 0; i < a.Length; i++) gradientA[i] = scale * (a[i] - b[i]);
        return Value(label, d);
    }
}
