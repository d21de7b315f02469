namespace OptSuite.Objectives.Losses;

/// <summary>Huber loss with threshold δ: ½r² for |r| ≤ δ, δ(|r| − δ/2) otherwise, r = z − y.</summary>
/// <remarks>Huber (1964). ℓ′ = clip(r, −δ, δ), ℓ″ = 1 for |r| &lt; δ else 0 (1 at |r| = δ), L = 1;
/// ℓ*(y, u) = u²/2 + u·y on [−δ, δ].</remarks>
public readonly struct HuberLoss : ILoss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="delta">Threshold δ &gt; 0.</param>
    public HuberLoss(double delta)
    {
        if (!(delta > 0) || !double.IsFinite(delta)) throw new ArgumentOutOfRangeException(nameof(delta), delta, "Delta must be positive and finite.");
        Delta = delta;
    }

    /// <summary>Threshold δ.</summary>
    public double Delta { get; }
    /// <inheritdoc/>
    public LabelConvention LabelConvention => LabelConvention.Regression;
    /// <inheritdoc/>
    public void ValidateLabel(double label) => Objectives.Labels.Validate(LabelConvention.Regression, label);
    /// <inheritdoc/>
    public void ValidateParameters()
    {
        if (!(Delta > 0) || !double.IsFinite(Delta))
            throw new ArgumentException($"HuberLoss needs δ > 0 and finite; found {Delta} (default(HuberLoss) is not a valid loss: create it with new HuberLoss(delta)).", "loss");
    }
    /// <inheritdoc/>
    public double Value(double label, double score)
    {
        double a = Math.Abs(score - label);
        return a <= Delta ? 0.5 * a * a : Delta * (a - 0.5 * Delta);
    }
    /// <inheritdoc/>
    public double Derivative(double label, double score) => Math.Clamp(score - label, -Delta, Delta);
    /// <inheritdoc/>
    public double SecondDerivative(double label, double score) => Math.Abs(score - label) <= Delta ? 1.0 : 0.0;
    /// <inheritdoc/>
    public bool IsTwiceDifferentiable => false;
    /// <inheritdoc/>
    public double Conjugate(double label, double dual) => Math.Abs(dual) <= Delta ? 0.5 * dual * dual + dual * label : double.PositiveInfinity;
    /// <inheritdoc/>
    public Interval ConjugateDomain(double label) => new(-Delta, Delta);
    /// <inheritdoc/>
    public double Smoothness => 1.0;
    /// <inheritdoc/>
    public bool IsConvex => true;
    /// <inheritdoc/>
    public bool IsQuadratic => false;
    /// <inheritdoc/>
    public DualCoordinateStep DualStep => DualCoordinateStep.None;
}
