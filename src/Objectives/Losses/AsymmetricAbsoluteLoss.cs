namespace OptSuite.Objectives.Losses;

/// <summary>Asymmetric absolute loss: α·(z − y) for over-prediction z &gt; y, (y − z) for under-prediction.</summary>
/// <remarks>Over-prediction costs α per unit, under-prediction 1 (so α = 1 is the absolute loss; it is a rescaled
/// pinball loss with τ = 1/(1 + α)). ℓ′ = α for z &gt; y, −1 for z &lt; y, 0 at z = y; ℓ″ = 0, L = +∞;
/// ℓ*(y, u) = u·y on [−1, α].</remarks>
public readonly struct AsymmetricAbsoluteLoss : ILoss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="alpha">Cost α &gt; 0 of a unit of over-prediction.</param>
    public AsymmetricAbsoluteLoss(double alpha)
    {
        if (!(alpha > 0) || !double.IsFinite(alpha)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Alpha must be positive and finite.");
        Alpha = alpha;
    }

    /// <summary>Cost α of a unit of over-prediction.</summary>
    public double Alpha { get; }
    /// <inheritdoc/>
    public LabelConvention LabelConvention => LabelConvention.Regression;
    /// <inheritdoc/>
    public void ValidateLabel(double label) => Objectives.Labels.Validate(LabelConvention.Regression, label);
    /// <inheritdoc/>
    public void ValidateParameters()
    {
        if (!(Alpha > 0) || !double.IsFinite(Alpha))
            throw new ArgumentException($"AsymmetricAbsoluteLoss needs α > 0 and finite; found {Alpha} (default(AsymmetricAbsoluteLoss) is not a valid loss: create it with new AsymmetricAbsoluteLoss(alpha)).", "loss");
    }
    /// <inheritdoc/>
    public double Value(double label, double score)
    {
        double r = score - label;
        return r > 0 ? Alpha * r : -r;
    }
    /// <inheritdoc/>
    public double Derivative(double label, double score)
    {
        double r = score - label;
        return r > 0 ? Alpha : (r < 0 ? -1.0 : 0.0);
    }
    /// <inheritdoc/>
    public double SecondDerivative(double label, double score) => 0.0;
    /// <inheritdoc/>
    public bool IsTwiceDifferentiable => false;
    /// <inheritdoc/>
    public double Conjugate(double label, double dual) => dual >= -1.0 && dual <= Alpha ? dual * label : double.PositiveInfinity;
    /// <inheritdoc/>
    public Interval ConjugateDomain(double label) => new(-1.0, Alpha);
    /// <inheritdoc/>
    public double Smoothness => double.PositiveInfinity;
    /// <inheritdoc/>
    public bool IsConvex => true;
    /// <inheritdoc/>
    public bool IsQuadratic => false;
    /// <inheritdoc/>
    public DualCoordinateStep DualStep => DualCoordinateStep.None;
}
