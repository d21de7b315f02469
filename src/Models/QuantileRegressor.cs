using OptSuite.LinearAlgebra;
using OptSuite.Models.Internal;
using OptSuite.Objectives.Losses;
using OptSuite.Prox.Regularizers;

namespace OptSuite.Models;

/// <summary>
/// Quantile regression at level τ: (1/Σc)Σc_i ρ_τ(y_i − x_i·w − b) + λ(α‖w‖₁ + (1 − α)/2‖w‖²) with the pinball loss
/// ρ_τ(r) = max(τr, (τ − 1)r) (Koenker &amp; Bassett 1978). Default τ = 0.5 (median regression), L1 penalty, λ = 1.
/// </summary>
/// <remarks>
/// scikit-learn's QuantileRegressor(quantile = τ, alpha) minimises (1/n)Σρ_τ + alpha‖w‖₁: it is the L1 case here with
/// λ = alpha, and its default alpha = 1 is the default λ (set <c>Lambda = 0</c> for plain, unpenalised quantile
/// regression). The L2 and elastic-net penalties are OptSuite extensions. The loss is not differentiable, so the only
/// solver is the interior-point method (<see cref="SolverKind.InteriorPoint"/>, Koenker &amp; Portnoy's Frisch–Newton
/// algorithm, see <c>OptSuite.Solvers.QuantileInteriorPoint</c>), which stops on a certified relative duality gap.
/// <see cref="LinearRegressor.Score(FeatureMatrix, double[])"/> is R², as scikit-learn's score for this model; the pinball loss of predictions is
/// <see cref="PinballLoss"/>.
/// </remarks>
public sealed class QuantileRegressor : LinearRegressor<QuantileRegressor>, IPenaltyChoice
{
    /// <summary>τ in (0, 1), the quantile level predicted. Default 0.5.</summary>
    public double Quantile { get; set; } = 0.5;

    private Penalty? _penalty;

    /// <summary>The penalty. Default <see cref="Models.Penalty.L1"/> (scikit-learn's), or
    /// <see cref="Models.Penalty.ElasticNet"/> when only <see cref="L1Ratio"/> is set (as <c>--l1-ratio</c> on the command
    /// line). An explicit L1 or L2 penalty with an <see cref="L1Ratio"/> other than 1 or 0 is a contradiction, refused by
    /// Fit.</summary>
    public Penalty Penalty { get => PenalisedProblem.Effective(_penalty, L1Ratio, Penalty.L1); set => _penalty = value; }

    /// <summary>α ∈ [0, 1], the L1 share of the elastic net λ(α‖w‖₁ + (1 − α)/2‖w‖²). Setting it selects the elastic net
    /// unless <see cref="Penalty"/> is set too (it must then be <see cref="Models.Penalty.ElasticNet"/>). Null (default):
    /// 0.5 for the elastic net.</summary>
    public double? L1Ratio { get; set; }

    /// <inheritdoc/>
    public override string ModelName => "quantile";

    private double Alpha => PenalisedProblem.Alpha(_penalty, L1Ratio, Penalty.L1);

    private protected override double DefaultLambda(long samples) => 1.0;

    /// <summary>The mean pinball loss (1/n)Σρ_τ(y_i − ŷ_i) of the predictions (scikit-learn's mean_pinball_loss with
    /// alpha = τ); lower is better.</summary>
    /// <param name="x">The features.</param>
    /// <param name="y">The true targets.</param>
    public double PinballLoss(FeatureMatrix x, double[] y)
    {
        ArgumentNullException.ThrowIfNull(y);
        double[] p = Predict(x);
        if (y.Length != p.Length) throw new ArgumentException($"y has {y.Length} values for {p.Length} rows of X.", nameof(y));
        double sum = 0;
        for (int i = 0; i < y.Length; i++)
        {
            double r = y[i] - p[i];
            sum += r > 0 ? Quantile * r : (Quantile - 1) * r;
        }
        return sum / y.Length;
    }

    /// <summary>Finite targets whose absolute values sum to a finite number (the objective adds them up).</summary>
    private protected override void CheckTargets(double[] y)
    {
        double sum = 0;
        foreach (double v in y) sum += Math.Abs(v);
        if (!double.IsFinite(sum))
            throw new ArgumentException("The targets' absolute values sum beyond double precision; rescale y.", nameof(y));
    }

    private protected override FitProblem Pose(ILinearMap x, double[] y, double[]? w, double lambda)
    {
        if (!(Quantile > 0 && Quantile < 1)) throw new ArgumentOutOfRangeException(nameof(Quantile), Quantile, "The quantile τ must lie in (0, 1).");
        var loss = new QuantileLoss(Quantile);
        return Alpha == 0
            ? new QuantileProblem<ZeroRegularizer>(new(x, y, loss, default, lambda, FitIntercept, w))
            : new QuantileProblem<L1Norm>(new(x, y, loss, new L1Norm(lambda * Alpha), lambda * (1 - Alpha), FitIntercept, w));
    }

    internal override void WriteOptions(IDictionary<string, object?> options)
    {
        options["quantile"] = Quantile;
        PenaltyChoice.Write(this, options);
    }

    internal override void ReadOptions(Persistence.ModelOptionsReader options)
    {
        Quantile = options.Double("quantile");
        PenaltyChoice.Read(this, options);
    }
}
