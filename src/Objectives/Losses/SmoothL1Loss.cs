namespace OptSuite.Objectives.Losses;

/// <summary>Smooth L1 loss with width β: r²/(2β) for |r| &lt; β, |r| − β/2 otherwise, r = z − y.</summary>
/// <remarks>Girshick (2015), PyTorch's smooth_l1_loss; equals Huber(β)/β. ℓ′ = clip(r/β, −1, 1),
/// ℓ″ = 1/β for |r| ≤ β else 0, L = 1/β; ℓ*(y, u) = β·u²/2 + u·y on [−1, 1].</remarks>
public readonly struct SmoothL1Loss : ILoss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="beta">Width β &gt; 0.</param>
    public SmoothL1Loss(double beta)
    {
        if (!(beta > 0) || !double.IsFinite(beta)) throw new ArgumentOutOfRangeException(nameof(beta), beta, "Beta must be positive and finite.");
        Beta = beta;
    }

    /// <summary>Width β.</summary>
    public double Beta { get; }
    /// <inheritdoc/>
    public LabelConvention LabelConvention => LabelConvention.Regression;
    /// <inheritdoc/>
    public void ValidateLabel(double label) => Objectives.Labels.Validate(LabelConvention.Regression, label);
    /// <inheritdoc/>
    public void ValidateParameters()
    {
        if (!(Beta > 0) || !double.IsFinite(Beta))
            throw new ArgumentException($"SmoothL1Loss needs β > 0 and finite; found {Beta} (default(SmoothL1Loss) is not a valid loss: create it with new SmoothL1Loss(beta)).", "loss");
    }
    /// <inheritdoc/>
    public double Value(double label, double score)
    {
        double a = Math.Abs(score - label);
        return a < Beta ? 0.5 * a * a / Beta : a - 0.5 * Beta;
    }
    /// <inheritdoc/>
    public double Derivative(double label, double score) => Math.Clamp((score - label) / Beta, -1.0, 1.0);
    /// <inheritdoc/>
    public double SecondDerivative(double label, double score) => Math.Abs(score - label) <= Beta ? 1.0 / Beta : 0.0;
    /// <inheritdoc/>
    public bool IsTwiceDifferentiable => false;
    /// <inheritdoc/>
    public double Conjugate(double label, double dual) => Math.Abs(dual) <= 1.0 ? 0.5 * Beta * dual * dual + dual * label : double.PositiveInfinity;
    /// <inheritdoc/>
    public Interval ConjugateDomain(double label) => new(-1.0, 1.0);
    /// <inheritdoc/>
    public double Smoothness => 1.0 / Beta;
    /// <inheritdoc/>
    public bool IsConvex => true;
    /// <inheritdoc/>
    public bool IsQuadratic => false;
    /// <inheritdoc/>
    public DualCoordinateStep DualStep => DualCoordinateStep.None;
}
