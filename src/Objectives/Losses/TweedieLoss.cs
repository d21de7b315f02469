namespace OptSuite.Objectives.Losses;

/// <summary>Tweedie deviance loss with power ρ ∈ (1, 2) and log link:
/// ℓ(y, z) = −y·e^((1−ρ)z)/(1 − ρ) + e^((2−ρ)z)/(2 − ρ).</summary>
/// <remarks>Jørgensen (1987); the compound Poisson–gamma family of scikit-learn/LightGBM (terms in y alone dropped).
/// Labels y ≥ 0. ℓ′ = e^((2−ρ)z) − y·e^((1−ρ)z), ℓ″ = (2 − ρ)e^((2−ρ)z) + (ρ − 1)y·e^((1−ρ)z) &gt; 0, L = +∞.
/// The conjugate has no closed form for y &gt; 0: it is evaluated by solving ℓ′(z) = u with safeguarded Newton steps
/// (domain ℝ); for y = 0, ℓ*(0, u) = u·z_u − u/(2 − ρ) with z_u = log(u)/(2 − ρ) on [0, ∞) (0 at u = 0).
/// Values overflow to +∞ where the exponentials do (|z| of several hundred).</remarks>
public readonly struct TweedieLoss : ILoss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="power">Power ρ in (1, 2).</param>
    public TweedieLoss(double power)
    {
        if (!(power > 1 && power < 2)) throw new ArgumentOutOfRangeException(nameof(power), power, "Power must lie in (1, 2).");
        Power = power;
    }

    /// <summary>Power ρ.</summary>
    public double Power { get; }
    /// <inheritdoc/>
    public LabelConvention LabelConvention => LabelConvention.Count;
    /// <inheritdoc/>
    public void ValidateLabel(double label) => Objectives.Labels.Validate(LabelConvention.Count, label);
    /// <inheritdoc/>
    public void ValidateParameters()
    {
        if (!(Power > 1 && Power < 2))
            throw new ArgumentException($"TweedieLoss needs a power ρ in (1, 2); found {Power} (default(TweedieLoss) is not a valid loss: create it with new TweedieLoss(power)).", "loss");
    }
    /// <inheritdoc/>
    public double Value(double label, double score)
    {
        double a = 1.0 - Power, b = 2.0 - Power;
        double grow = Math.Exp(b * score) / b;
        return label == 0.0 ? grow : grow - label * Math.Exp(a * score) / a;
    }
    /// <inheritdoc/>
    public double Derivative(double label, double score)
    {
        double grow = Math.Exp((2.0 - Power) * score);
        return label == 0.0 ? grow : grow - label * Math.Exp((1.0 - Power) * score);
    }
    /// <inheritdoc/>
    public double SecondDerivative(double label, double score)
    {
        double grow = (2.0 - Power) * Math.Exp((2.0 - Power) * score);
        return label == 0.0 ? grow : grow + (Power - 1.0) * label * Math.Exp((1.0 - Power) * score);
    }
    /// <inheritdoc/>
    public bool IsTwiceDifferentiable => true;
    /// <inheritdoc/>
    public double Conjugate(double label, double dual)
    {
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
    public Interval ConjugateDomain(double label) => label == 0.0 ? new(0.0, double.PositiveInfinity) : Interval.All;
    /// <inheritdoc/>
    public double Smoothness => double.PositiveInfinity;
    /// <inheritdoc/>
    public bool IsConvex => true;
    /// <inheritdoc/>
    public bool IsQuadratic => false;
    /// <inheritdoc/>
    public DualCoordinateStep DualStep => DualCoordinateStep.None;
}
