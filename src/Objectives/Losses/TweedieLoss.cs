namespace OptSuite.Objectives.Losses;

/// <summary>Tweedie deviance loss with power ρ ∈ [1, 2] and log link:
/// ℓ(y, z) = −y·e^((1−ρ)z)/(1 − ρ) + e^((2−ρ)z)/(2 − ρ) for ρ ∈ (1, 2), the limits eᶻ − y·z (ρ = 1, <see cref="PoissonLoss"/>)
/// and y·e^(−z) + z (ρ = 2, <see cref="GammaLoss"/>) at the ends.</summary>
/// <remarks>Jørgensen (1987); the compound Poisson–gamma family of scikit-learn/LightGBM. ℓ is half the Tweedie deviance
/// (scikit-learn's <c>HalfTweedieLoss</c>) minus its terms in y alone: max(y, 0)^(2−ρ)/((1−ρ)(2−ρ)) for ρ ∈ (1, 2), which
/// grows without bound as ρ → 1 or 2, so the end points take the Poisson and Gamma forms (whose dropped terms are
/// y − y·log y and 1 + log y) — the loss is not continuous in ρ, as in scikit-learn.
/// Labels y ≥ 0 (y &gt; 0 at ρ = 2). For ρ ∈ (1, 2): ℓ′ = e^((2−ρ)z) − y·e^((1−ρ)z),
/// ℓ″ = (2 − ρ)e^((2−ρ)z) + (ρ − 1)y·e^((1−ρ)z) &gt; 0, L = +∞.
/// The conjugate has no closed form for y &gt; 0: it is evaluated by solving ℓ′(z) = u with safeguarded Newton steps
/// (domain ℝ); for y = 0, ℓ*(0, u) = u·z_u − u/(2 − ρ) with z_u = log(u)/(2 − ρ) on [0, ∞) (0 at u = 0).
/// Other powers are outside this loss: ρ ∈ (0, 1) has no Tweedie distribution, and with the log link the deviance is
/// not convex in z for ρ &gt; 2 (ℓ″ &lt; 0 where e^z &gt; (ρ − 1)y/(ρ − 2)) nor for ρ = 0 (ℓ″ &lt; 0 where e^z &lt; y/2).
/// Values overflow to +∞ where the exponentials do (|z| of several hundred).</remarks>
public readonly struct TweedieLoss : ILoss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="power">Power ρ in [1, 2] (1: Poisson, 2: Gamma).</param>
    public TweedieLoss(double power)
    {
        if (!(power >= 1 && power <= 2)) throw new ArgumentOutOfRangeException(nameof(power), power, "Power must lie in [1, 2].");
        Power = power;
    }

    /// <summary>Power ρ.</summary>
    public double Power { get; }
    /// <inheritdoc/>
    public LabelConvention LabelConvention => Power == 2 ? LabelConvention.Positive : LabelConvention.Count;
    /// <inheritdoc/>
    public void ValidateLabel(double label) => Objectives.Labels.Validate(LabelConvention, label);
    /// <inheritdoc/>
    public void ValidateParameters()
    {
        if (!(Power >= 1 && Power <= 2))
            throw new ArgumentException($"TweedieLoss needs a power ρ in [1, 2]; found {Power} (default(TweedieLoss) is not a valid loss: create it with new TweedieLoss(power)).", "loss");
    }
    /// <inheritdoc/>
    public double Value(double label, double score)
    {
        if (Power == 1) return default(PoissonLoss).Value(label, score);
        if (Power == 2) return default(GammaLoss).Value(label, score);
        double a = 1.0 - Power, b = 2.0 - Power;
        double grow = Math.Exp(b * score) / b;
        return label == 0.0 ? grow : grow - label * Math.Exp(a * score) / a;
    }
    /// <inheritdoc/>
    public double Derivative(double label, double score)
    {
        if (Power == 1) return default(PoissonLoss).Derivative(label, score);
        if (Power == 2) return default(GammaLoss).Derivative(label, score);
        double grow = Math.Exp((2.0 - Power) * score);
        return label == 0.0 ? grow : grow - label * Math.Exp((1.0 - Power) * score);
    }
    /// <inheritdoc/>
    public double SecondDerivative(double label, double score)
    {
        if (Power == 1) return default(PoissonLoss).SecondDerivative(label, score);
        if (Power == 2) return default(GammaLoss).SecondDerivative(label, score);
        double grow = (2.0 - Power) * Math.Exp((2.0 - Power) * score);
        return label == 0.0 ? grow : grow + (Power - 1.0) * label * Math.Exp((1.0 - Power) * score);
    }
    /// <inheritdoc/>
    public bool IsTwiceDifferentiable => true;
    /// <inheritdoc/>
    public double Conjugate(double label, double dual)
    {
        if (Power == 1) return default(PoissonLoss).Conjugate(label, dual);
        if (Power == 2) return default(GammaLoss).Conjugate(label, dual);
        double b = 2.0 - Power;
        if (label == 0.0)
        {
            if (dual < 0) return double.PositiveInfinity;
            return dual == 0 ? 0.0 : dual * Math.Log(dual) / b - dual / b;
        }
        if (double.IsNaN(dual)) return double.NaN;
        // ℓ′ is increasing from −∞ to +∞: bracket the root of ℓ′(z) = u, then Newton steps kept inside the bracket.
        double lo = -1.0, hi = 1.0;
        while (Derivative(label, lo) > dual && lo > -1e6) lo *= 2;
        while (Derivative(label, hi) < dual && hi < 1e6) hi *= 2;
        double z = 0.5 * (lo + hi);
        for (int it = 0; it < 200; it++)
        {
            double g = Derivative(label, z) - dual;
            if (g == 0) break;
            if (g > 0) hi = z; else lo = z;
            double next = z - g / SecondDerivative(label, z);
            if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
            if (Math.Abs(next - z) <= 1e-15 * Math.Max(1.0, Math.Abs(z))) { z = next; break; }
            z = next;
        }
        return dual * z - Value(label, z);
    }
    /// <inheritdoc/>
    public Interval ConjugateDomain(double label) => Power == 1 ? default(PoissonLoss).ConjugateDomain(label)
        : Power == 2 ? default(GammaLoss).ConjugateDomain(label)
        : label == 0.0 ? new(0.0, double.PositiveInfinity) : Interval.All;
    /// <inheritdoc/>
    public double Smoothness => double.PositiveInfinity;
    /// <inheritdoc/>
    public bool IsConvex => true;
    /// <inheritdoc/>
    public bool IsQuadratic => false;
    /// <inheritdoc/>
    public DualCoordinateStep DualStep => DualCoordinateStep.None;
}
