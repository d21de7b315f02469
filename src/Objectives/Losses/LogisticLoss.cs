using OptSuite.Objectives.Functions;

namespace OptSuite.Objectives.Losses;

/// <summary>Logistic loss ℓ(y, z) = log(1 + e^−yz).</summary>
/// <remarks>Binary labels: {−1, +1} and {0, 1} are both accepted, 0 meaning −1; m = y·z is the margin.
/// Evaluated as softplus(−m) = max(−m, 0) + log1p(e^−|m|): no overflow for |z| up to 1e308 and full relative precision as the loss tends to 0. ℓ′ = −y·σ(−m), ℓ″ = σ(m)σ(−m), L = 1/4; with a = u·y: ℓ*(y, u) = t log t + (1 − t) log(1 − t), t = −a ∈ [0, 1] (0·log 0 = 0). Cox (1958).</remarks>
public readonly struct LogisticLoss : ILoss
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
        if (!(a >= -1.0 && a <= 0.0)) return double.PositiveInfinity;
        return StableFunctions.XLogX(-a) + StableFunctions.XLogX(1.0 + a);
    }
    /// <inheritdoc/>
    public Interval ConjugateDomain(double label) => Objectives.Labels.Sign(label) > 0 ? new(-1.0, 0.0) : new(-(0.0), -(-1.0));
    /// <inheritdoc/>
    public double Smoothness => 0.25;
    /// <inheritdoc/>
    public bool IsConvex => true;
    /// <inheritdoc/>
    public bool IsQuadratic => false;
    /// <inheritdoc/>
    public DualCoordinateStep DualStep => DualCoordinateStep.Logistic;

    private static double Of(double m) => StableFunctions.Softplus(-m);
    private static double Dm(double m) => -StableFunctions.Sigmoid(-m);
    private static double D2(double m) => StableFunctions.SigmoidDerivative(m);
}
