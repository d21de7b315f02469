namespace OptSuite.Objectives.Losses;

/// <summary>Smoothed hinge loss with smoothing γ: 0 for m ≥ 1, 1 − m − γ/2 for m ≤ 1 − γ, (1 − m)²/(2γ) between.</summary>
/// <remarks>Binary labels: {−1, +1} and {0, 1} are both accepted, 0 meaning −1; m = y·z.
/// Shalev-Shwartz &amp; Zhang (2013, SDCA). ℓ′ = −y·clip((1 − m)/γ, 0, 1), ℓ″ = 1/γ on [1 − γ, 1], 0 elsewhere
/// (1/γ at the kinks), L = 1/γ; with a = u·y: ℓ*(y, u) = a + γa²/2 on [−1, 0].</remarks>
public readonly struct SmoothedHingeLoss : ILoss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="gamma">Smoothing γ &gt; 0.</param>
    public SmoothedHingeLoss(double gamma)
    {
        if (!(gamma > 0) || !double.IsFinite(gamma)) throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "Gamma must be positive and finite.");
        Gamma = gamma;
    }

    /// <summary>Smoothing γ.</summary>
    public double Gamma { get; }
    /// <inheritdoc/>
    public LabelConvention LabelConvention => LabelConvention.Binary;
    /// <inheritdoc/>
    public void ValidateLabel(double label) => Objectives.Labels.Validate(LabelConvention.Binary, label);
    /// <inheritdoc/>
    public void ValidateParameters()
    {
        if (!(Gamma > 0) || !double.IsFinite(Gamma))
            throw new ArgumentException($"SmoothedHingeLoss needs γ > 0 and finite; found {Gamma} (default(SmoothedHingeLoss) is not a valid loss: create it with new SmoothedHingeLoss(gamma)).", "loss");
    }
    /// <inheritdoc/>
    public double Value(double label, double score)
    {
        double m = Objectives.Labels.Sign(label) * score;
        if (m >= 1.0) return 0.0;
        if (m <= 1.0 - Gamma) return 1.0 - m - 0.5 * Gamma;
        return 0.5 * (1.0 - m) * (1.0 - m) / Gamma;
    }
    /// <inheritdoc/>
    public double Derivative(double label, double score)
    {
        double y = Objectives.Labels.Sign(label);
        return -y * Math.Clamp((1.0 - y * score) / Gamma, 0.0, 1.0);
    }
    /// <inheritdoc/>
    public double SecondDerivative(double label, double score)
    {
        double m = Objectives.Labels.Sign(label) * score;
        return m <= 1.0 && m >= 1.0 - Gamma ? 1.0 / Gamma : 0.0;
    }
    /// <inheritdoc/>
    public bool IsTwiceDifferentiable => false;
    /// <inheritdoc/>
    public double Conjugate(double label, double dual)
    {
        double a = Objectives.Labels.Sign(label) * dual;
        return a >= -1.0 && a <= 0.0 ? a + 0.5 * Gamma * a * a : double.PositiveInfinity;
    }
    /// <inheritdoc/>
    public Interval ConjugateDomain(double label) => Objectives.Labels.Sign(label) > 0 ? new(-1.0, 0.0) : new(0.0, 1.0);
    /// <inheritdoc/>
    public double Smoothness => 1.0 / Gamma;
    /// <inheritdoc/>
    public bool IsConvex => true;
    /// <inheritdoc/>
    public bool IsQuadratic => false;
    /// <inheritdoc/>
    public DualCoordinateStep DualStep => DualCoordinateStep.None;
}
