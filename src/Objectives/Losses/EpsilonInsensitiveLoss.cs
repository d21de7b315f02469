namespace OptSuite.Objectives.Losses;

/// <summary>ε-insensitive loss of support vector regression: max(0, |z − y| − ε).</summary>
/// <remarks>Vapnik (1995). ℓ′ = sign(r) for |r| &gt; ε, 0 otherwise (0 at the kinks); ℓ″ = 0, L = +∞;
/// ℓ*(y, u) = u·y + ε|u| on [−1, 1].</remarks>
public readonly struct EpsilonInsensitiveLoss : ILoss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="epsilon">Width ε ≥ 0 of the insensitive tube.</param>
    public EpsilonInsensitiveLoss(double epsilon)
    {
        if (!(epsilon >= 0) || !double.IsFinite(epsilon)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "Epsilon must be non-negative and finite.");
        Epsilon = epsilon;
    }

    /// <summary>Tube width ε.</summary>
    public double Epsilon { get; }
    /// <inheritdoc/>
    public LabelConvention LabelConvention => LabelConvention.Regression;
    /// <inheritdoc/>
    public void ValidateLabel(double label) => Objectives.Labels.Validate(LabelConvention.Regression, label);
    /// <inheritdoc/>
    public void ValidateParameters() { }
    /// <inheritdoc/>
    public double Value(double label, double score) => Math.Max(0.0, Math.Abs(score - label) - Epsilon);
    /// <inheritdoc/>
    public double Derivative(double label, double score)
    {
        double r = score - label;
        return r > Epsilon ? 1.0 : (r < -Epsilon ? -1.0 : 0.0);
    }
    /// <inheritdoc/>
    public double SecondDerivative(double label, double score) => 0.0;
    /// <inheritdoc/>
    public bool IsTwiceDifferentiable => false;
    /// <inheritdoc/>
    public double Conjugate(double label, double dual) => Math.Abs(dual) <= 1.0 ? dual * label + Epsilon * Math.Abs(dual) : double.PositiveInfinity;
    /// <inheritdoc/>
    public Interval ConjugateDomain(double label) => new(-1.0, 1.0);
    /// <inheritdoc/>
    public double Smoothness => double.PositiveInfinity;
    /// <inheritdoc/>
    public bool IsConvex => true;
    /// <inheritdoc/>
    public bool IsQuadratic => false;
    /// <inheritdoc/>
    public DualCoordinateStep DualStep => DualCoordinateStep.EpsilonInsensitive(1, 0, Epsilon);
}
