namespace OptSuite.Objectives.Losses;

/// <summary>Absolute loss ℓ(y, z) = |z − y|.</summary>
/// <remarks>ℓ′ = sign(z − y) (0 at the kink z = y), ℓ″ = 0 everywhere (0 at the kink), L = +∞;
/// ℓ*(y, u) = u·y on [−1, 1].</remarks>
public readonly struct AbsoluteLoss : ILoss
{
    /// <inheritdoc/>
    public LabelConvention LabelConvention => LabelConvention.Regression;
    /// <inheritdoc/>
    public void ValidateLabel(double label) => Objectives.Labels.Validate(LabelConvention.Regression, label);
    /// <inheritdoc/>
    public void ValidateParameters() { }
    /// <inheritdoc/>
    public double Value(double label, double score) => Math.Abs(score - label);
    /// <inheritdoc/>
    public double Derivative(double label, double score) { double r = score - label; return r > 0 ? 1.0 : (r < 0 ? -1.0 : 0.0); }
    /// <inheritdoc/>
    public double SecondDerivative(double label, double score) => 0.0;
    /// <inheritdoc/>
    public bool IsTwiceDifferentiable => false;
    /// <inheritdoc/>
    public double Conjugate(double label, double dual) => Math.Abs(dual) <= 1.0 ? dual * label : double.PositiveInfinity;
    /// <inheritdoc/>
    public Interval ConjugateDomain(double label) => new(-1.0, 1.0);
    /// <inheritdoc/>
    public double Smoothness => double.PositiveInfinity;
    /// <inheritdoc/>
    public bool IsConvex => true;
    /// <inheritdoc/>
    public bool IsQuadratic => false;
    /// <inheritdoc/>
    public DualCoordinateStep DualStep => DualCoordinateStep.None;
}
