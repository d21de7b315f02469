namespace OptSuite.Objectives.Losses;

/// <summary>Squared loss ℓ(y, z) = ½(z − y)².</summary>
/// <remarks>ℓ′ = z − y, ℓ″ = 1, L = 1; ℓ*(y, u) = u²/2 + u·y on ℝ. Any finite label.</remarks>
public readonly struct SquaredLoss : ILoss
{
    /// <inheritdoc/>
    public LabelConvention LabelConvention => LabelConvention.Regression;
    /// <inheritdoc/>
    public void ValidateLabel(double label) => Objectives.Labels.Validate(LabelConvention.Regression, label);
    /// <inheritdoc/>
    public void ValidateParameters() { }
    /// <inheritdoc/>
    public double Value(double label, double score) { double r = score - label; return 0.5 * r * r; }
    /// <inheritdoc/>
    public double Derivative(double label, double score) => score - label;
    /// <inheritdoc/>
    public double SecondDerivative(double label, double score) => 1.0;
    /// <inheritdoc/>
    public bool IsTwiceDifferentiable => true;
    /// <inheritdoc/>
    public double Conjugate(double label, double dual) => 0.5 * dual * dual + dual * label;
    /// <inheritdoc/>
    public Interval ConjugateDomain(double label) => Interval.All;
    /// <inheritdoc/>
    public double Smoothness => 1.0;
    /// <inheritdoc/>
    public bool IsConvex => true;
    /// <inheritdoc/>
    public bool IsQuadratic => true;
    /// <inheritdoc/>
    public DualCoordinateStep DualStep => DualCoordinateStep.None;
}
