using OptSuite.LinearAlgebra;
using OptSuite.Models.Internal;
using OptSuite.Objectives.Losses;

namespace OptSuite.Models;

/// <summary>
/// Tweedie regression with power ρ ∈ {0} ∪ [1, ∞) as scikit-learn's TweedieRegressor with link "auto":
/// (1/Σc)Σc_i ℓ_ρ(y_i, z_i) + λ(α‖w‖₁ + (1 − α)/2‖w‖²), z_i = x_i·w + b. For ρ ≥ 1 the link is the log and
/// ℓ_ρ(y, z) = e^((2−ρ)z)/(2 − ρ) − y·e^((1−ρ)z)/(1 − ρ) (half the Tweedie deviance up to terms in y;
/// <see cref="TweedieLoss"/>): ρ = 1 is <see cref="PoissonRegressor"/>, ρ = 2 <see cref="GammaRegressor"/>, ρ ∈ (1, 2)
/// the compound Poisson–Gamma distribution (claim amounts with exact zeros), ρ = 3 the inverse Gaussian. ρ = 0 is the
/// normal distribution with the identity link: ℓ₀ = ½(y − z)², the <see cref="SquaredLoss"/> of <see cref="Ridge"/>,
/// <see cref="Lasso"/> and <see cref="ElasticNet"/> (the same objective at the same λ and α). scikit-learn's
/// TweedieRegressor(power = ρ, alpha) is the L2 case with λ = alpha; default λ = 1 (its default alpha).
/// <see cref="LinearRegressor.Predict"/> returns the mean: e^z, or z for ρ = 0.
/// </summary>
/// <remarks>
/// Targets: any finite y for ρ = 0, y ≥ 0 for ρ ∈ [1, 2), y &gt; 0 for ρ ≥ 2 (scikit-learn's rules). ρ ∈ (0, 1) has no
/// Tweedie distribution and is refused, as are negative powers. The default power is 1.5, not scikit-learn's 0.
/// <para>For ρ &gt; 2 the loss is <b>not convex</b> in z: ℓ″ &lt; 0 where e^z &gt; (ρ − 1)y/(ρ − 2), i.e. where the
/// fitted mean exceeds (ρ − 1)/(ρ − 2) times the target (twice it for ρ = 3). So there is no duality gap: the fit is
/// certified by <see cref="FitReport.Stationarity"/> (‖∇F‖∞ for L2, the prox-gradient KKT residual for L1 and the elastic
/// net), which proves a stationary point, not the global minimum. The solver registry reads the loss's convexity
/// (<see cref="ProblemTraits.NonConvex"/>) and offers L-BFGS (Auto for L2), ISTA (Auto for L1 and the elastic net) and
/// OWL-QN; coordinate descent, trust-region Newton, FISTA and the dual method refuse it.</para>
/// Auto solver otherwise: L-BFGS for L2, coordinate descent (prox-Newton coordinate steps) for L1 and elastic net, as for
/// Poisson and Gamma; coordinate descent for ρ = 0, as for ridge and lasso. <see cref="Score(FeatureMatrix, double[])"/>
/// is D² with the Tweedie deviance of power ρ (scikit-learn's d2_tweedie_score, its score for this model; R² at ρ = 0).
/// </remarks>
public sealed class TweedieRegressor : LinearRegressor<TweedieRegressor>, IPenaltyChoice
{
    private Penalty? _penalty;

    /// <summary>The power ρ of the variance function V(μ) = μ^ρ: 0 (normal, identity link) or ρ ≥ 1 (log link; not
    /// convex above 2). Default 1.5.</summary>
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

    internal override LinkFunction Link => Power == 0 ? LinkFunction.Identity : LinkFunction.Log;

    private void CheckPower()
    {
        double p = Power;
        if (p == 0 || (p >= 1 && double.IsFinite(p))) return;
        string why = p > 0 && p < 1 ? "no Tweedie distribution has a power in (0, 1)"
            : "it must be 0 or a finite number ≥ 1";
        throw new ArgumentOutOfRangeException(nameof(Power), p,
            $"The Tweedie power must be 0 (normal, identity link) or ≥ 1 (1: Poisson, 2: Gamma, between: compound Poisson–Gamma, 3: inverse Gaussian); {why}.");
    }

    private protected override void CheckTargets(double[] y)
    {
        CheckPower();
        if (Power == 0)
        {
            InputChecks.SquaredTargets(y);
            return;
        }
        bool positive = Power >= 2;
        double sum = 0;
        for (int i = 0; i < y.Length; i++)
        {
            if (positive ? !(y[i] > 0) : !(y[i] >= 0))
                throw new ArgumentException($"y[{i}] = {y[i]}; Tweedie targets must be {(positive ? "> 0 for a power ≥ 2" : "≥ 0 for a power below 2")}.", nameof(y));
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

    /// <summary>The unit Tweedie deviance d_ρ(y, μ) (scikit-learn's mean_tweedie_deviance per sample; (y − μ)² at ρ = 0).</summary>
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
        return Power == 0
            ? PenalisedProblem.Pose(x, y, default(SquaredLoss), lambda, Alpha, FitIntercept, w, Shape, FitOffset)
            : PenalisedProblem.Pose(x, y, new TweedieLoss(Power), lambda, Alpha, FitIntercept, w, Shape, FitOffset);
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
