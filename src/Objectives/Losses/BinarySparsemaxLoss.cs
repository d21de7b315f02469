using OptSuite.Objectives.Functions;

namespace OptSuite.Objectives.Losses;

/// <summary>Binary sparsemax loss ℓ(y, z) = sparse_plus(−y·z) (jaxopt's binary_sparsemax_loss).</summary>
/// <remarks>Binary labels: {−1, +1} and {0, 1} are both accepted, 0 meaning −1; m = y·z is the margin.
/// Martins &amp; Astudillo (2016). ℓ = 0 for m ≥ 1, (1 − m)²/4 for |m| &lt; 1, −m for m ≤ −1; ℓ′ = −y·sparse_sigmoid(−m), ℓ″ = ½ for |m| &lt; 1 else 0 (½ at the kinks), L = ½; with a = u·y: ℓ*(y, u) = a + a² on [−1, 0].</remarks>
public readonly struct BinarySparsemaxLoss : ILoss
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
        return a + a * a;
    }
    /// <inheritdoc/>
    public Interval ConjugateDomain(double label) => Objectives.Labels.Sign(label) > 0 ? new(-1.0, 0.0) : new(-(0.0), -(-1.0));
    /// <inheritdoc/>
    public double Smoothness => 0.5;
    /// <inheritdoc/>
    public bool IsConvex => true;
    /// <inheritdoc/>
    public bool IsQuadratic => false;
    /// <inheritdoc/>
    public DualCoordinateStep DualStep => DualCoordinateStep.None;

    private static double Of(double m) => StableFunctions.SparsePlus(-m);
    private static double Dm(double m) => -StableFunctions.SparseSigmoid(-m);
    private static double D2(double m) => Math.Abs(m) <= 1.0 ? 0.5 : 0.0;
}
