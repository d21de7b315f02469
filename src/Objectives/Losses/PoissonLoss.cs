namespace OptSuite.Objectives.Losses;

/// <summary>Poisson loss with log link ℓ(y, z) = eᶻ − y·z (negative log-likelihood up to a term in y).</summary>
/// <remarks>Labels are counts or rates y ≥ 0. ℓ′ = eᶻ − y, ℓ″ = eᶻ, L = +∞ (the derivative is not Lipschitz);
/// with v = u + y: ℓ*(y, u) = v log v − v for v &gt; 0, 0 for v = 0, +∞ for v &lt; 0, domain [−y, +∞).
/// The value is +∞ for z &gt; ~709 where eᶻ overflows (the loss itself is out of range there).</remarks>
public readonly struct PoissonLoss : ILoss
{
    /// <inheritdoc/>
    public LabelConvention LabelConvention => LabelConvention.Count;
    /// <inheritdoc/>
    public void ValidateLabel(double label) => Objectives.Labels.Validate(LabelConvention.Count, label);
    /// <inheritdoc/>
    public void ValidateParameters() { }
    /// <inheritdoc/>
    public double Value(double label, double score)
    {
        double e = Math.Exp(score);
        // Once eᶻ overflows the loss is +∞ (avoids ∞ − ∞ for huge scores).
        return label == 0.0 || double.IsPositiveInfinity(e) ? e : e - label * score;
    }
    /// <inheritdoc/>
    public double Derivative(double label, double score) => Math.Exp(score) - label;
    /// <inheritdoc/>
    public double SecondDerivative(double label, double score) => Math.Exp(score);
    /// <inheritdoc/>
    public bool IsTwiceDifferentiable => true;
    /// <inheritdoc/>
    public double Conjugate(double label, double dual)
    {
        double v = dual + label;
        if (v > 0) return v * Math.Log(v) - v;
        return v == 0 ? 0.0 : double.PositiveInfinity;
    }
    /// <inheritdoc/>
    public Interval ConjugateDomain(double label) => new(-label, double.PositiveInfinity);
    /// <inheritdoc/>
    public double Smoothness => double.PositiveInfinity;
    /// <inheritdoc/>
    public bool IsConvex => true;
    /// <inheritdoc/>
    public bool IsQuadratic => false;
    /// <inheritdoc/>
    public DualCoordinateStep DualStep => DualCoordinateStep.None;
}
