namespace OptSuite.Objectives.Losses;

/// <summary>Gamma deviance loss with log link ℓ(y, z) = y·e^(−z) + z (half the Gamma deviance up to a term in y).</summary>
/// <remarks>scikit-learn's <c>HalfGammaLoss</c> (the loss of its <c>GammaRegressor</c>; terms in y alone dropped): with
/// μ = eᶻ, ½·deviance = y/μ − log(y/μ) − 1 = ℓ(y, z) − log y − 1. Labels y &gt; 0 (amounts, durations, claim sizes).
/// ℓ′ = 1 − y·e^(−z), ℓ″ = y·e^(−z) &gt; 0, L = +∞ (the derivative is not Lipschitz). With s = 1 − u:
/// ℓ*(y, u) = s·(log(s/y) − 1) for s &gt; 0 (the sup is reached at z = log(y/s)), 0 for s = 0 (the limit z → +∞),
/// +∞ for s &lt; 0; domain (−∞, 1]. The value is +∞ where y·e^(−z) overflows (z below about log y − 709; the loss
/// itself is out of range there); y·e^(−z) is formed as e^(log y − z) outside the normal range of e^(−z), so a small
/// label does not overflow early and a large one does not lose its digits to a subnormal factor.</remarks>
public readonly struct GammaLoss : ILoss
{
    /// <inheritdoc/>
    public LabelConvention LabelConvention => LabelConvention.Positive;
    /// <inheritdoc/>
    public void ValidateLabel(double label) => Objectives.Labels.Validate(LabelConvention.Positive, label);
    /// <inheritdoc/>
    public void ValidateParameters() { }
    /// <inheritdoc/>
    public double Value(double label, double score) => Scaled(label, score) + score;
    /// <inheritdoc/>
    public double Derivative(double label, double score) => 1.0 - Scaled(label, score);
    /// <inheritdoc/>
    public double SecondDerivative(double label, double score) => Scaled(label, score);
    /// <inheritdoc/>
    public bool IsTwiceDifferentiable => true;
    /// <inheritdoc/>
    public double Conjugate(double label, double dual)
    {
        double s = 1.0 - dual;
        // log s − log y rather than log(s/y): the quotient overflows for s near 1e308 and a small label.
        if (s > 0) return s * (Math.Log(s) - Math.Log(label) - 1.0);
        return s == 0 ? 0.0 : double.PositiveInfinity;
    }
    /// <inheritdoc/>
    public Interval ConjugateDomain(double label) => new(double.NegativeInfinity, 1.0);
    /// <inheritdoc/>
    public double Smoothness => double.PositiveInfinity;
    /// <inheritdoc/>
    public bool IsConvex => true;
    /// <inheritdoc/>
    public bool IsQuadratic => false;
    /// <inheritdoc/>
    public DualCoordinateStep DualStep => DualCoordinateStep.None;

    /// <summary>y·e^(−z): one exp in the usual range; e^(log y − z) where e^(−z) overflows or is subnormal.</summary>
    private static double Scaled(double label, double score)
    {
        double e = Math.Exp(-score);
        return e is >= 1e-300 and <= 1e300 ? label * e : Math.Exp(Math.Log(label) - score);
    }
}
