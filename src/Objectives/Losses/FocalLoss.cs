using OptSuite.Objectives.Functions;

namespace OptSuite.Objectives.Losses;

/// <summary>Binary focal loss ℓ(y, z) = −(1 − p)^γ·log p with p = σ(y·z). Not convex for γ &gt; 0.</summary>
/// <remarks>Lin et al. (2017). Binary labels: {−1, +1} and {0, 1} are both accepted, 0 meaning −1; m = y·z,
/// q = 1 − p = σ(−m), log p = −softplus(−m). ℓ′ = y·(γ·p·q^γ·log p − q^(γ+1)),
/// ℓ″ = p·q^γ·[γ(q − γp)·log p + (2γ + 1)·q]. γ = 0 is the logistic loss. <see cref="IsConvex"/> is false (for
/// γ &gt; 0) so solvers that need convexity reject it; <see cref="Conjugate"/> has no closed form and throws
/// <see cref="NotSupportedException"/>; <see cref="Smoothness"/> is reported as +∞ (not computed).</remarks>
public readonly struct FocalLoss : ILoss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="gamma">Focusing parameter γ ≥ 0.</param>
    public FocalLoss(double gamma)
    {
        if (!(gamma >= 0) || !double.IsFinite(gamma)) throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "Gamma must be non-negative and finite.");
        Gamma = gamma;
    }

    /// <summary>Focusing parameter γ.</summary>
    public double Gamma { get; }
    /// <inheritdoc/>
    public LabelConvention LabelConvention => LabelConvention.Binary;
    /// <inheritdoc/>
    public void ValidateLabel(double label) => Objectives.Labels.Validate(LabelConvention.Binary, label);
    /// <inheritdoc/>
    public void ValidateParameters() { }
    /// <inheritdoc/>
    public double Value(double label, double score)
    {
        double m = Objectives.Labels.Sign(label) * score;
        double q = StableFunctions.Sigmoid(-m);
        return Math.Pow(q, Gamma) * StableFunctions.Softplus(-m);
    }
    /// <inheritdoc/>
    public double Derivative(double label, double score)
    {
        double y = Objectives.Labels.Sign(label);
        double m = y * score;
        double p = StableFunctions.Sigmoid(m), q = StableFunctions.Sigmoid(-m);
        double pLogP = p == 0.0 ? 0.0 : -p * StableFunctions.Softplus(-m);
        return y * (Gamma * pLogP * Math.Pow(q, Gamma) - Math.Pow(q, Gamma + 1.0));
    }
    /// <inheritdoc/>
    public double SecondDerivative(double label, double score)
    {
        double m = Objectives.Labels.Sign(label) * score;
        double p = StableFunctions.Sigmoid(m), q = StableFunctions.Sigmoid(-m);
        double pLogP = p == 0.0 ? 0.0 : -p * StableFunctions.Softplus(-m);
        double qg = Math.Pow(q, Gamma);
        return qg * (Gamma * (q - Gamma * p) * pLogP + (2.0 * Gamma + 1.0) * p * q);
    }
    /// <inheritdoc/>
    public bool IsTwiceDifferentiable => true;
    /// <inheritdoc/>
    public double Conjugate(double label, double dual) => throw new NotSupportedException("The focal loss is not convex; its conjugate is not provided.");
    /// <inheritdoc/>
    public Interval ConjugateDomain(double label) => Objectives.Labels.Sign(label) > 0 ? new(-1.0, 0.0) : new(0.0, 1.0);
    /// <inheritdoc/>
    public double Smoothness => double.PositiveInfinity;
    /// <inheritdoc/>
    public bool IsConvex => Gamma == 0.0;
    /// <inheritdoc/>
    public bool IsQuadratic => false;
    /// <inheritdoc/>
    public DualCoordinateStep DualStep => DualCoordinateStep.None;
}
