using OptSuite.Objectives.Functions;

namespace OptSuite.Objectives.Losses;

/// <summary>Exponential loss ℓ(y, z) = e^−y·z (AdaBoost).</summary>
/// <remarks>Binary labels: {−1, +1} and {0, 1} are both accepted, 0 meaning −1; m = y·z is the margin.
/// Freund &amp; Schapire (1997). ℓ′ = −y·e^−m, ℓ″ = e^−m, L = +∞; the value is +∞ once e^−m overflows (m &lt; −709). With a = u·y and t = −a: ℓ*(y, u) = t log t − t on a ≤ 0.</remarks>
public readonly struct ExponentialLoss : ILoss
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
    public bool IsTwiceDifferentiable => true;
    /// <inheritdoc/>
    public double Conjugate(double label, double dual)
    {
        double a = Objectives.Labels.Sign(label) * dual;
        if (!(a >= double.NegativeInfinity && a <= 0.0)) return double.PositiveInfinity;
        return StableFunctions.XLogX(-a) + a;
    }
    /// <inheritdoc/>
    public Interval ConjugateDomain(double label) => Objectives.Labels.Sign(label) > 0 ? new(double.NegativeInfinity, 0.0) : new(-(0.0), -(double.NegativeInfinity));
    /// <inheritdoc/>
    public double Smoothness => double.PositiveInfinity;
    /// <inheritdoc/>
    public bool IsConvex => true;
    /// <inheritdoc/>
    public bool IsQuadratic => false;
    /// <inheritdoc/>
    public DualCoordinateStep DualStep => DualCoordinateStep.None;

    private static double Of(double m) => Math.Exp(-m);
    private static double Dm(double m) => -Math.Exp(-m);
    private static double D2(double m) => Math.Exp(-m);
}
