using OptSuite.LinearAlgebra;
using OptSuite.Models.Internal;
using OptSuite.Objectives.Losses;

namespace OptSuite.Models;

/// <summary>
/// Tweedie regression with log link and power ρ ∈ [1, 2]: (1/Σc)Σc_i ℓ_ρ(y_i, z_i) + λ(α‖w‖₁ + (1 − α)/2‖w‖²),
/// z_i = x_i·w + b, ℓ_ρ(y, z) = e^((2−ρ)z)/(2 − ρ) − y·e^((1−ρ)z)/(1 − ρ) (half the Tweedie deviance up to terms in y;
/// <see cref="TweedieLoss"/>). ρ = 1 is <see cref="PoissonRegressor"/>, ρ = 2 <see cref="GammaRegressor"/>, ρ ∈ (1, 2)
/// the compound Poisson–Gamma distribution (claim amounts with exact zeros). scikit-learn's
/// TweedieRegressor(power = ρ, alpha, link = "log") is the L2 case with λ = alpha; default λ = 1 (its default alpha).
/// <see cref="LinearRegressor.Predict"/> returns the mean e^z.
/// </summary>
/// <remarks>
/// Targets y ≥ 0 for ρ &lt; 2 and y &gt; 0 for ρ = 2 (scikit-learn's rules). Powers scikit-learn also takes are refused:
/// ρ ∈ (0, 1) has no Tweedie distribution, and with the log link the deviance is not convex in the linear predictor for
/// ρ &gt; 2 (inverse Gaussian, ρ = 3, included) nor for ρ = 0 (normal), while every OptSuite objective and its certificate
/// need a convex loss. For the same reason the default power is 1.5, not scikit-learn's 0 (which with its default link
/// is ordinary ridge regression: <see cref="Ridge"/>). Auto solver: L-BFGS for L2, coordinate descent (prox-Newton
/// coordinate steps) for L1 and elastic net, as for Poisson and Gamma. <see cref="Score(FeatureMatrix, double[])"/> is D²
/// with the Tweedie deviance of power ρ (scikit-learn's d2_tweedie_score, its score for this model).
/// </remarks>
public sealed class TweedieRegressor : LinearRegressor<TweedieRegressor>, IPenaltyChoice
{
    private Penalty? _penalty;

    /// <summary>The power ρ ∈ [1, 2] of the variance function V(μ) = μ^ρ. Default 1.5.</summary>
    public double Power { get; set; } = 1.5;

    /// <summary>The penalty. Default <see cref="Models.Penalty.L2"/>, or <see cref="Models.Penalty.ElasticNet"/> when only
    /// <see cref="L1Ratio"/> is set. An explicit L1 or L2 penalty with an <see cref="L1Ratio"/> other than 1 or 0 is a
    /// contradiction, refused by Fit.</summary>
    public Penalty Penalty { get => PenalisedProblem.Effective(_penalty, L1Ratio, Penalty.L2); set => _penalty = value; }

    /// <summary>α ∈ [0, 1], the L1 share of the elastic net; null (default): 0.5 for the elastic net.</summary>
    public double? L1Ratio { get; set; }

    /// <inheritdoc/>
    public override string ModelName => "tweedie";

    /// <inheritdoc/>
    public override string ScoreName => "d2_tweedie";

    private double Alpha => PenalisedProblem.Alpha(_penalty, L1Ratio, Penalty.L2);

    private protected override double DefaultLambda(long samples) => 1.0;

    internal override LinkFunction Link => LinkFunction.Log;

    private void CheckPower()
    {
        double p = Power;
        if (p >= 1 && p <= 2) return;
        string why = p > 0 && p < 1 ? "no Tweedie distribution has a power in (0, 1)"
            : p > 2 || p == 0 ? "with the log link the Tweedie deviance is not convex in the linear predictor for ρ > 2 or ρ = 0, and OptSuite's objectives need a convex loss"
            : "the power must be a number in [1, 2]";
        throw new ArgumentOutOfRangeException(nameof(Power), p, $"The Tweedie power must lie in [1, 2] (1: Poisson, 2: Gamma, between: compound Poisson–Gamma); {why}.");
    }

    private protected override void CheckTargets(double[] y)
    {
        CheckPower();
        bool positive = Power == 2;
        double sum = 0;
        for (int i = 0; i < y.Length; i++)
        {
            if (positive ? !(y[i] > 0) : !(y[i] >= 0))
                throw new ArgumentException($"y[{i}] = {y[i]}; Tweedie targets must be {(positive ? "> 0 for power 2" : "≥ 0 for a power below 2")}.", nameof(y));
            sum += y[i] * (1 + Math.Log(1 + y[i]));
        }
        if (!double.IsFinite(sum))
            throw new ArgumentException("The targets are so large that the Tweedie deviance overflows double precision; rescale y.", nameof(y));
    }

    /// <summary>D² = 1 − D(y, μ̂)/D(y, ȳ) with the Tweedie deviance of power ρ,
    /// D(y, μ) = 2Σ(y^(2−ρ)/((1−ρ)(2−ρ)) − y·μ^(1−ρ)/(1−ρ) + μ^(2−ρ)/(2−ρ)) (Poisson's at ρ = 1, Gamma's at ρ = 2).</summary>
    /// <param name="x">The features.</param>
    /// <param name="y">The true targets.</param>
    public override double Score(FeatureMatrix x, double[] y)
    {
        ArgumentNullException.ThrowIfNull(y);
        return Explained(x, y, Predict(x), UnitDeviance);
    }

    private protected override Func<double, double, double> UnitDeviance
    {
        get
        {
            double p = Power;
            return (t, m) => Deviance(p, t, m);
        }
    }

    /// <summary>The unit Tweedie deviance d_ρ(y, μ) (scikit-learn's mean_tweedie_deviance per sample).</summary>
    internal static double Deviance(double p, double y, double mu)
    {
        if (p == 1) return 2 * ((y > 0 ? y * Math.Log(y / mu) : 0) - y + mu);
        if (p == 2) return 2 * (Math.Log(mu / y) + y / mu - 1);
        return 2 * (Math.Pow(y, 2 - p) / ((1 - p) * (2 - p)) - y * Math.Pow(mu, 1 - p) / (1 - p) + Math.Pow(mu, 2 - p) / (2 - p));
    }

    private protected override bool TakesPenaltyShape => true;

    private protected override FitProblem Pose(ILinearMap x, double[] y, double[]? w, double lambda)
    {
        CheckPower();
        return PenalisedProblem.Pose(x, y, new TweedieLoss(Power), lambda, Alpha, FitIntercept, w, Shape, FitOffset);
    }

    private protected override string? OffsetRefusal => null;

    internal override void WriteOptions(IDictionary<string, object?> options)
    {
        options["power"] = Power;
        PenaltyChoice.Write(this, options);
    }

    internal override void ReadOptions(Persistence.ModelOptionsReader options)
    {
        Power = options.Double("power");
        PenaltyChoice.Read(this, options);
    }
}
