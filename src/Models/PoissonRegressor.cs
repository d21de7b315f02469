using OptSuite.LinearAlgebra;
using OptSuite.Models.Internal;
using OptSuite.Objectives.Losses;

namespace OptSuite.Models;

/// <summary>
/// Poisson regression with log link: (1/Σc)Σc_i (e^{z_i} − y_i z_i) + λ(α‖w‖₁ + (1 − α)/2‖w‖²), z_i = x_i·w + b, targets
/// y ≥ 0. scikit-learn's PoissonRegressor(alpha) is the L2 case with λ = alpha (its half deviance differs by a constant);
/// default λ = 1 (its default alpha). <see cref="LinearRegressor.Predict"/> returns the mean e^z.
/// </summary>
/// <remarks>Auto solver: L-BFGS for L2, coordinate descent (prox-Newton coordinate steps) for L1 and elastic net.
/// <see cref="Score(FeatureMatrix, double[])"/> is D², the fraction of Poisson deviance explained (scikit-learn's score for this model).</remarks>
public sealed class PoissonRegressor : LinearRegressor<PoissonRegressor>, IPenaltyChoice
{
    private Penalty? _penalty;

    /// <summary>The penalty. Default <see cref="Models.Penalty.L2"/>, or
    /// <see cref="Models.Penalty.ElasticNet"/> when only <see cref="L1Ratio"/> is set (as <c>--l1-ratio</c> on the command
    /// line). An explicit L1 or L2 penalty with an <see cref="L1Ratio"/> other than 1 or 0 is a contradiction, refused by
    /// Fit.</summary>
    public Penalty Penalty { get => PenalisedProblem.Effective(_penalty, L1Ratio, Penalty.L2); set => _penalty = value; }

    /// <summary>α ∈ [0, 1], the L1 share of the elastic net λ(α‖w‖₁ + (1 − α)/2‖w‖²). Setting it selects the elastic net
    /// unless <see cref="Penalty"/> is set too (it must then be <see cref="Models.Penalty.ElasticNet"/>). Null (default):
    /// 0.5 for the elastic net.</summary>
    public double? L1Ratio { get; set; }

    /// <inheritdoc/>
    public override string ModelName => "poisson";

    private double Alpha => PenalisedProblem.Alpha(_penalty, L1Ratio, Penalty.L2);

    private protected override double DefaultLambda(long samples) => 1.0;

    internal override LinkFunction Link => LinkFunction.Log;

    /// <inheritdoc/>
    public override string ScoreName => "d2_poisson";

    private protected override void CheckTargets(double[] y)
    {
        double sum = 0;
        for (int i = 0; i < y.Length; i++)
        {
            if (!(y[i] >= 0)) throw new ArgumentException($"y[{i}] = {y[i]}; Poisson targets must be ≥ 0.", nameof(y));
            sum += y[i] * (1 + Math.Log(1 + y[i]));
        }
        // The loss holds y·z with z up to log(max y): counts whose log-likelihood overflows cannot be fitted.
        if (!double.IsFinite(sum))
            throw new ArgumentException("The counts are so large that the Poisson log-likelihood overflows double precision; rescale y.", nameof(y));
    }

    /// <summary>D² = 1 − D(y, μ̂)/D(y, ȳ) with the Poisson deviance D(y, μ) = 2Σ(y log(y/μ) − y + μ).</summary>
    /// <param name="x">The features.</param>
    /// <param name="y">The true counts (≥ 0).</param>
    public override double Score(FeatureMatrix x, double[] y)
    {
        ArgumentNullException.ThrowIfNull(y);
        return Explained(x, y, Predict(x), Deviance);
    }

    private protected override Func<double, double, double> UnitDeviance => Deviance;

    private static double Deviance(double y, double mu) => 2 * ((y > 0 ? y * Math.Log(y / mu) : 0) - y + mu);

    private protected override bool TakesPenaltyShape => true;

    private protected override FitProblem Pose(ILinearMap x, double[] y, double[]? w, double lambda) =>
        PenalisedProblem.Pose(x, y, default(PoissonLoss), lambda, Alpha, FitIntercept, w, Shape, FitOffset);

    private protected override string? OffsetRefusal => null;

    internal override void WriteOptions(IDictionary<string, object?> options) => PenaltyChoice.Write(this, options);

    internal override void ReadOptions(Persistence.ModelOptionsReader options) => PenaltyChoice.Read(this, options);
}
