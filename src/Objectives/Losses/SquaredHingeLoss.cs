namespace OptSuite.Objectives.Losses;

/// <summary>Squared hinge loss ℓ(y, z) = max(0, 1 − y·z)² (the L2-SVM loss, without a ½ as in LIBLINEAR).</summary>
/// <remarks>Binary labels: {−1, +1} and {0, 1} are both accepted, 0 meaning −1; m = y·z is the margin.
/// ℓ′ = −2y(1 − m)₊, ℓ″ = 2 for m &lt; 1, 0 for m ≥ 1 (0 at the kink: LIBLINEAR's generalized Hessian), L = 2; with a = u·y: ℓ*(y, u) = a + a²/4 on a ≤ 0. Fan et al. (2008).</remarks>
public readonly struct SquaredHingeLoss : ILoss
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
        if (!(a >= double.NegativeInfinity && a <= 0.0)) return double.PositiveInfinity;
        return a + 0.25 * a * a;
    }
    /// <inheritdoc/>
    public Interval ConjugateDomain(double label) => Objectives.Labels.Sign(label) > 0 ? new(double.NegativeInfinity, 0.0) : new(-(0.0), -(double.NegativeInfinity));
    /// <inheritdoc/>
    public double Smoothness => 2.0;
    /// <inheritdoc/>
    public bool IsConvex => true;
    /// <inheritdoc/>
    public bool IsQuadratic => false;
    /// <inheritdoc/>
    public DualCoordinateStep DualStep => DualCoordinateStep.BoxQuadratic(double.PositiveInfinity, 0.5);

    private static double Of(double m) => m < 1.0 ? (1.0 - m) * (1.0 - m) : 0.0;
    private static double Dm(double m) => m < 1.0 ? -2.0 * (1.0 - m) : 0.0;
    private static double D2(double m) => m < 1.0 ? 2.0 : 0.0;
}
