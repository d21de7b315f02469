namespace OptSuite.Objectives.Losses;

/// <summary>Squared ε-insensitive loss ½·max(0, |z − y| − ε)².</summary>
/// <remarks>The L2-loss SVR of Ho &amp; Lin (2012), scaled by ½ so that L = 1 (LIBLINEAR omits the ½).
/// ℓ′ = sign(r)(|r| − ε)₊, ℓ″ = 1 for |r| &gt; ε, 0 for |r| ≤ ε (0 at the kinks, as in LIBLINEAR's generalized
/// Hessian); ℓ*(y, u) = u²/2 + u·y + ε|u| on ℝ.</remarks>
public readonly struct SquaredEpsilonInsensitiveLoss : ILoss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="epsilon">Width ε ≥ 0 of the insensitive tube.</param>
    public SquaredEpsilonInsensitiveLoss(double epsilon)
    {
        if (!(epsilon >= 0) || !double.IsFinite(epsilon)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "Epsilon must be non-negative and finite.");
        Epsilon = epsilon;
    }

    /// <summary>Tube width ε.</summary>
    public double Epsilon { get; }
    /// <inheritdoc/>
    public LabelConvention LabelConvention => LabelConvention.Regression;
    /// <inheritdoc/>
    public void ValidateLabel(double label) => Objectives.Labels.Validate(LabelConvention.Regression, label);
    /// <inheritdoc/>
    public void ValidateParameters() { }
    /// <inheritdoc/>
    public double Value(double label, double score)
    {
        double e = Math.Max(0.0, Math.Abs(score - label) - Epsilon);
        return 0.5 * e * e;
    }
    /// <inheritdoc/>
    public double Derivative(double label, double score)
    {
        double r = score - label;
        return r > Epsilon ? r - Epsilon : (r < -Epsilon ? r + Epsilon : 0.0);
    }
    /// <inheritdoc/>
    public double SecondDerivative(double label, double score) => Math.Abs(score - label) > Epsilon ? 1.0 : 0.0;
    /// <inheritdoc/>
    public bool IsTwiceDifferentiable => false;
    /// <inheritdoc/>
    public double Conjugate(double label, double dual) => 0.5 * dual * dual + dual * label + Epsilon * Math.Abs(dual);
    /// <inheritdoc/>
    public Interval ConjugateDomain(double label) => Interval.All;
    /// <inheritdoc/>
    public double Smoothness => 1.0;
    /// <inheritdoc/>
    public bool IsConvex => true;
    /// <inheritdoc/>
    public bool IsQuadratic => false;
    /// <inheritdoc/>
    public DualCoordinateStep DualStep => DualCoordinateStep.None;
}
