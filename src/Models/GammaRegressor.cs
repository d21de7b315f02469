using OptSuite.LinearAlgebra;
using OptSuite.Models.Internal;
using OptSuite.Objectives.Losses;

namespace OptSuite.Models;

/// <summary>
/// Gamma regression with log link: (1/Σc)Σc_i (y_i e^{−z_i} + z_i) + λ(α‖w‖₁ + (1 − α)/2‖w‖²), z_i = x_i·w + b, targets
/// y &gt; 0 (half the Gamma deviance up to terms in y). scikit-learn's GammaRegressor(alpha) is the L2 case with λ = alpha;
/// default λ = 1 (its default alpha). glmnet's family = Gamma(link = "log") with standardize = FALSE is the L1 and
/// elastic-net case. <see cref="LinearRegressor.Predict"/> returns the mean e^z.
/// </summary>
/// <remarks>Auto solver: L-BFGS for L2, coordinate descent (prox-Newton coordinate steps) for L1 and elastic net, as for
/// Poisson (the registry reads the loss's capabilities). <see cref="Score(FeatureMatrix, double[])"/> is D², the fraction of Gamma deviance
/// explained (scikit-learn's score for this model).</remarks>
public sealed class GammaRegressor : LinearRegressor<GammaRegressor>, IPenaltyChoice
{
    private Penalty? _penalty;

    /// <summary>The penalty. Default <see cref="Models.Penalty.L2"/>, or <see cref="Models.Penalty.ElasticNet"/> when only
    /// <see cref="L1Ratio"/> is set. An explicit L1 or L2 penalty with an <see cref="L1Ratio"/> other than 1 or 0 is a
    /// contradiction, refused by Fit.</summary>
    public Penalty Penalty { get => PenalisedProblem.Effective(_penalty, L1Ratio, Penalty.L2); set => _penalty = value; }

    /// <summary>α ∈ [0, 1], the L1 share of the elastic net; null (default): 0.5 for the elastic net.</summary>
    public double? L1Ratio { get; set; }

    /// <inheritdoc/>
    public override string ModelName => "gamma";

    /// <inheritdoc/>
    public override string ScoreName => "d2_gamma";

    private double Alpha => PenalisedProblem.Alpha(_penalty, L1Ratio, Penalty.L2);

    private protected override double DefaultLambda(long samples) => 1.0;

    internal override LinkFunction Link => LinkFunction.Log;

    private protected override void CheckTargets(double[] y)
    {
        for (int i = 0; i < y.Length; i++)
            if (!(y[i] > 0)) throw new ArgumentException($"y[{i}] = {y[i]}; Gamma targets must be > 0.", nameof(y));
    }

    /// <summary>D² = 1 − D(y, μ̂)/D(y, ȳ) with the Gamma deviance D(y, μ) = 2Σ(log(μ/y) + y/μ − 1).</summary>
    /// <param name="x">The features.</param>
    /// <param name="y">The true targets (&gt; 0).</param>
    public override double Score(FeatureMatrix x, double[] y)
    {
        ArgumentNullException.ThrowIfNull(y);
        return Explained(x, y, Predict(x), UnitDeviance);
    }

    private protected override bool TakesPenaltyShape => true;

    private protected override Func<double, double, double> UnitDeviance => static (t, m) => 2 * (Math.Log(m / t) + t / m - 1);

    private protected override FitProblem Pose(ILinearMap x, double[] y, double[]? w, double lambda) =>
        PenalisedProblem.Pose(x, y, default(GammaLoss), lambda, Alpha, FitIntercept, w, Shape, FitOffset);

    private protected override string? OffsetRefusal => null;

    internal override void WriteOptions(IDictionary<string, object?> options) => PenaltyChoice.Write(this, options);

    internal override void ReadOptions(Persistence.ModelOptionsReader options) => PenaltyChoice.Read(this, options);
}
