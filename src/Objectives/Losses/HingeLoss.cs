namespace OptSuite.Objectives.Losses;

/// <summary>Hinge loss ℓ(y, z) = max(0, 1 − y·z).</summary>
/// <remarks>Binary labels: {−1, +1} and {0, 1} are both accepted, 0 meaning −1; m = y·z is the margin.
/// ℓ′ = −y for m &lt; 1, 0 for m ≥ 1 (0 at the kink); ℓ″ = 0, L = +∞; with a = u·y: ℓ*(y, u) = a on a ∈ [−1, 0]. Cortes &amp; Vapnik (1995).</remarks>
public readonly struct HingeLoss : ILoss
{
    /// <inheritdoc/>
    public LabelConvention LabelConvention => LabelConvention.Binary;
    /// <inheritdoc/>
    public void ValidateLabel(double label) => Objectives.Labels.Validate(LabelConvention.Binary, label);
    /// <inheritdoc/>
    public void ValidateParameters() { }
    /// <inheritdoc/>
    public double Value(double label, double score) => Of(Objectives.Labels.Sign(label) * score);
    /// <inheritdoc/>
    public double Derivative(double label, double score) { double y = Objectives.Labels.Sign(label); return y * Dm(y * score); }
    /// <inheritdoc/>
    public double SecondDerivative(double label, double score) => D2(Objectives.Labels.Sign(label) * score);
    /// <inheritdoc/>
    public bool IsTwiceDifferentiable => false;
    /// <inheritdoc/>
    public double Conjugate(double label, double dual)
    {
        double a = Objectives.Labels.Sign(label) * dual;
        if (!(a >= -1.0 && a <= 0.0)) return double.PositiveInfinity;
        return a;
    }
    /// <inheritdoc/>
    public Interval ConjugateDomain(double label) => Objectives.Labels.Sign(label) > 0 ? new(-1.0, 0.0) : new(-(0.0), -(-1.0));
    /// <inheritdoc/>
    public double Smoothness => double.PositiveInfinity;
    /// <inheritdoc/>
    public bool IsConvex => true;
    /// <inheritdoc/>
    public bool IsQuadratic => false;
    /// <inheritdoc/>
    public DualCoordinateStep DualStep => DualCoordinateStep.BoxQuadratic(1.0, 0.0);

    private static double Of(double m) => Math.Max(0.0, 1.0 - m);
    private static double Dm(double m) => m < 1.0 ? -1.0 : 0.0;
    private static double D2(double m) => 0.0;
}
