namespace OptSuite.Objectives.Losses;

/// <summary>Tweedie deviance loss with power ρ ≥ 1 and log link:
/// ℓ(y, z) = −y·e^((1−ρ)z)/(1 − ρ) + e^((2−ρ)z)/(2 − ρ) for ρ ∈ (1, 2) and ρ &gt; 2, the limits eᶻ − y·z (ρ = 1,
/// <see cref="PoissonLoss"/>) and y·e^(−z) + z (ρ = 2, <see cref="GammaLoss"/>) at the ends.</summary>
/// <remarks>Jørgensen (1987); the compound Poisson–gamma family of scikit-learn/LightGBM. ℓ is half the Tweedie deviance
/// (scikit-learn's <c>HalfTweedieLoss</c>) minus its terms in y alone: max(y, 0)^(2−ρ)/((1−ρ)(2−ρ)) for ρ ∈ (1, 2), which
/// grows without bound as ρ → 1 or 2, so the end points take the Poisson and Gamma forms (whose dropped terms are
/// y − y·log y and 1 + log y) — the loss is not continuous in ρ, as in scikit-learn.
/// Labels y ≥ 0 (y &gt; 0 at ρ = 2). For ρ ∈ (1, 2): ℓ′ = e^((2−ρ)z) − y·e^((1−ρ)z),
/// ℓ″ = (2 − ρ)e^((2−ρ)z) + (ρ − 1)y·e^((1−ρ)z) &gt; 0, L = +∞.
/// The conjugate has no closed form for y &gt; 0: it is evaluated by solving ℓ′(z) = u with safeguarded Newton steps
/// (domain ℝ); for y = 0, ℓ*(0, u) = u·z_u − u/(2 − ρ) with z_u = log(u)/(2 − ρ) on [0, ∞) (0 at u = 0).
/// <para>For ρ &gt; 2 (ρ = 3: the inverse Gaussian) labels must be y &gt; 0 and the loss is <b>not convex</b>:
/// ℓ″ = (2 − ρ)e^((2−ρ)z) + (ρ − 1)y·e^((1−ρ)z) &lt; 0 where e^z &gt; (ρ − 1)y/(ρ − 2). <see cref="IsConvex"/> is then
/// false, so an objective built on it has no duality gap (its solvers certify a stationary point by the gradient or KKT
/// norm instead) and <see cref="Conjugate"/> throws, as for <see cref="FocalLoss"/>.</para>
/// ρ ∈ (0, 1) has no Tweedie distribution; ρ = 0 with its identity link is the squared loss (<see cref="SquaredLoss"/>),
/// not a log-link loss, so both are outside this type. Values overflow to +∞ where the exponentials do (|z| of several
/// hundred); for ρ &gt; 2 and z &lt; 0 the dominant e^((1−ρ)z) is factored out, so values overflow to ±∞, never to ∞ − ∞.</remarks>
public readonly struct TweedieLoss : ILoss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="power">Power ρ ≥ 1, finite (1: Poisson, 2: Gamma, 3: inverse Gaussian; non-convex above 2).</param>
    public TweedieLoss(double power)
    {
        if (!(power >= 1 && double.IsFinite(power)))
            throw new ArgumentOutOfRangeException(nameof(power), power, "Power must be finite and ≥ 1 (ρ = 0, the normal distribution, is the squared loss).");
        Power = power;
    }

    /// <summary>Power ρ.</summary>
    public double Power { get; }
    /// <inheritdoc/>
    public LabelConvention LabelConvention => Power >= 2 ? LabelConvention.Positive : LabelConvention.Count;
    /// <inheritdoc/>
    public void ValidateLabel(double label) => Objectives.Labels.Validate(LabelConvention, label);
    /// <inheritdoc/>
    public void ValidateParameters()
    {
        if (!(Power >= 1 && double.IsFinite(Power)))
            throw new ArgumentException($"TweedieLoss needs a finite power ρ ≥ 1; found {Power} (default(TweedieLoss) is not a valid loss: create it with new TweedieLoss(power)).", "loss");
    }
    /// <inheritdoc/>
    public double Value(double label, double score)
    {
        if (Power == 1) return default(PoissonLoss).Value(label, score);
        if (Power == 2) return default(GammaLoss).Value(label, score);
        double a = 1.0 - Power, b = 2.0 - Power;
        if (Power > 2 && score < 0) return Math.Exp(a * score) * (Math.Exp(score) / b - label / a);   // no ∞ − ∞
        double grow = Math.Exp(b * score) / b;
        return label == 0.0 ? grow : grow - label * Math.Exp(a * score) / a;
    }
    /// <inheritdoc/>
    public double Derivative(double label, double score)
    {
        if (Power == 1) return default(PoissonLoss).Derivative(label, score);
        if (Power == 2) return default(GammaLoss).Derivative(label, score);
        if (Power > 2 && score < 0) return Math.Exp((1.0 - Power) * score) * (Math.Exp(score) - label);
        double grow = Math.Exp((2.0 - Power) * score);
        return label == 0.0 ? grow : grow - label * Math.Exp((1.0 - Power) * score);
    }
    /// <inheritdoc/>
    public double SecondDerivative(double label, double score)
    {
        if (Power == 1) return default(PoissonLoss).SecondDerivative(label, score);
        if (Power == 2) return default(GammaLoss).SecondDerivative(label, score);
        if (Power > 2 && score < 0) return Math.Exp((1.0 - Power) * score) * ((2.0 - Power) * Math.Exp(score) + (Power - 1.0) * label);
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
        if (Power > 2) throw new NotSupportedException($"The Tweedie loss with power {Power} > 2 is not convex in the score; its conjugate is not provided.");
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
        : Power > 2 ? new(double.NegativeInfinity, 0.0)   // sup_z (uz − ℓ) is finite for u ≤ 0 only: ℓ → 0 as z → +∞
        : label == 0.0 ? new(0.0, double.PositiveInfinity) : Interval.All;
    /// <inheritdoc/>
    public double Smoothness => double.PositiveInfinity;
    /// <inheritdoc/>
    public bool IsConvex => Power <= 2;
    /// <inheritdoc/>
    public bool IsQuadratic => false;
    /// <inheritdoc/>
    public DualCoordinateStep DualStep => DualCoordinateStep.None;
}
