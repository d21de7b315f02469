namespace OptSuite.Objectives.Losses;

/// <summary>Modified Huber loss: max(0, 1 − m)² for m ≥ −1, −4m for m &lt; −1, m = y·z.</summary>
/// <remarks>Binary labels: {−1, +1} and {0, 1} are both accepted, 0 meaning −1; m = y·z is the margin.
/// Zhang (2004), scikit-learn's modified_huber. ℓ′ = −2y(1 − m)₊ for m ≥ −1, −4y for m &lt; −1; ℓ″ = 2 on [−1, 1), 0 elsewhere (0 at m = 1, 2 at m = −1), L = 2; with a = u·y: ℓ*(y, u) = a + a²/4 on [−4, 0].</remarks>
public readonly struct ModifiedHuberLoss : ILoss
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
        if (!(a >= -4.0 && a <= 0.0)) return double.PositiveInfinity;
        return a + 0.25 * a * a;
    }
    /// <inheritdoc/>
    public Interval ConjugateDomain(double label) => Objectives.Labels.Sign(label) > 0 ? new(-4.0, 0.0) : new(-(0.0), -(-4.0));
    /// <inheritdoc/>
    public double Smoothness => 2.0;
    /// <inheritdoc/>
    public bool IsConvex => true;
    /// <inheritdoc/>
    public bool IsQuadratic => false;
    /// <inheritdoc/>
    public DualCoordinateStep DualStep => DualCoordinateStep.None;

    private static double Of(double m) => m >= 1.0 ? 0.0 : (m >= -1.0 ? (1.0 - m) * (1.0 - m) : -4.0 * m);
    private static double Dm(double m) => m >= 1.0 ? 0.0 : (m >= -1.0 ? -2.0 * (1.0 - m) : -4.0);
    private static double D2(double m) => m >= -1.0 && m < 1.0 ? 2.0 : 0.0;
}
