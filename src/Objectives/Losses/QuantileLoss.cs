namespace OptSuite.Objectives.Losses;

/// <summary>Quantile (pinball) loss at level τ: τ·(y − z) for z ≤ y, (1 − τ)·(z − y) for z &gt; y.</summary>
/// <remarks>Koenker &amp; Bassett (1978). ℓ′ = −τ for z &lt; y, 1 − τ for z &gt; y, and 0 (inside the subdifferential
/// [−τ, 1 − τ]) at z = y; ℓ″ = 0, L = +∞; ℓ*(y, u) = u·y on [−τ, 1 − τ].</remarks>
public readonly struct QuantileLoss : ILoss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="tau">Quantile level τ in (0, 1).</param>
    public QuantileLoss(double tau)
    {
        if (!(tau > 0 && tau < 1)) throw new ArgumentOutOfRangeException(nameof(tau), tau, "Tau must lie in (0, 1).");
        Tau = tau;
    }

    /// <summary>Quantile level τ.</summary>
    public double Tau { get; }
    /// <inheritdoc/>
    public LabelConvention LabelConvention => LabelConvention.Regression;
    /// <inheritdoc/>
    public void ValidateLabel(double label) => Objectives.Labels.Validate(LabelConvention.Regression, label);
    /// <inheritdoc/>
    public void ValidateParameters()
    {
        if (!(Tau > 0 && Tau < 1))
            throw new ArgumentException($"QuantileLoss needs τ in (0, 1); found {Tau} (default(QuantileLoss) is not a valid loss: create it with new QuantileLoss(tau)).", "loss");
    }
    /// <inheritdoc/>
    public double Value(double label, double score)
    {
        double r = score - label;
        return r > 0 ? (1.0 - Tau) * r : -Tau * r;
    }
    /// <inheritdoc/>
    public double Derivative(double label, double score)
    {
        double r = score - label;
        return r > 0 ? 1.0 - Tau : (r < 0 ? -Tau : 0.0);
    }
    /// <inheritdoc/>
    public double SecondDerivative(double label, double score) => 0.0;
    /// <inheritdoc/>
    public bool IsTwiceDifferentiable => false;
    /// <inheritdoc/>
    public double Conjugate(double label, double dual) => dual >= -Tau && dual <= 1.0 - Tau ? dual * label : double.PositiveInfinity;
    /// <inheritdoc/>
    public Interval ConjugateDomain(double label) => new(-Tau, 1.0 - Tau);
    /// <inheritdoc/>
    public double Smoothness => double.PositiveInfinity;
    /// <inheritdoc/>
    public bool IsConvex => true;
    /// <inheritdoc/>
    public bool IsQuadratic => false;
    /// <inheritdoc/>
    public DualCoordinateStep DualStep => DualCoordinateStep.None;
}
