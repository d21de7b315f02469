namespace OptSuite.Objectives.Losses;

/// <summary>Squared ε-insensitive loss max(0, |z − y| − ε)² (the L2-loss SVR, without a ½ as in LIBLINEAR).</summary>
/// <remarks>Ho &amp; Lin (2012), LIBLINEAR -s 11/-s 12 and scikit-learn's squared_epsilon_insensitive: with r = z − y,
/// ℓ′ = 2 sign(r)(|r| − ε)₊, ℓ″ = 2 for |r| &gt; ε, 0 for |r| ≤ ε (0 at the kinks, as in LIBLINEAR's generalized
/// Hessian), L = 2; ℓ*(y, u) = u²/4 + u·y + ε|u| on ℝ. Dual coordinate step: β_i unbounded, diagonal shift 1/(2C_i).</remarks>
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
        return e * e;
    }
    /// <inheritdoc/>
    public double Derivative(double label, double score)
    {
        double r = score - label;
        return r > Epsilon ? 2 * (r - Epsilon) : (r < -Epsilon ? 2 * (r + Epsilon) : 0.0);
    }
    /// <inheritdoc/>
    public double SecondDerivative(double label, double score) => Math.Abs(score - label) > Epsilon ? 2.0 : 0.0;
    /// <inheritdoc/>
    public bool IsTwiceDifferentiable => false;
    /// <inheritdoc/>
    public double Conjugate(double label, double dual) => 0.25 * dual * dual + dual * label + Epsilon * Math.Abs(dual);
    /// <inheritdoc/>
    public Interval ConjugateDomain(double label) => Interval.All;
    /// <inheritdoc/>
    public double Smoothness => 2.0;
    /// <inheritdoc/>
    public bool IsConvex => true;
    /// <inheritdoc/>
    public bool IsQuadratic => false;
    /// <inheritdoc/>
    public DualCoordinateStep DualStep => DualCoordinateStep.EpsilonInsensitive(double.PositiveInfinity, 0.5, Epsilon);
}
