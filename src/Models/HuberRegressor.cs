using OptSuite.LinearAlgebra;
using OptSuite.Models.Internal;
using OptSuite.Objectives.Losses;

namespace OptSuite.Models;

/// <summary>
/// Robust regression with the Huber loss: (1/Σc)Σc_i H_δ(x_i·w + b − y_i) + λ(α‖w‖₁ + (1 − α)/2‖w‖²), H_δ(r) = r²/2 for
/// |r| ≤ δ and δ(|r| − δ/2) beyond (Huber 1964). Default δ = 1, L2 penalty, λ = 1/n.
/// </summary>
/// <remarks>
/// Unlike scikit-learn's HuberRegressor, δ is on the residual's own scale (no joint scale estimate σ), so the problem
/// stays convex and has a duality gap. Auto solver: L-BFGS for L2, coordinate descent for L1 and elastic net.
/// </remarks>
public sealed class HuberRegressor : LinearRegressor<HuberRegressor>, IPenaltyChoice
{
    /// <summary>δ &gt; 0, where the loss turns from quadratic to linear. Default 1.</summary>
    public double Delta { get; set; } = 1.0;

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
    public override string ModelName => "huber";

    private double Alpha => PenalisedProblem.Alpha(_penalty, L1Ratio, Penalty.L2);

    private protected override FitProblem Pose(ILinearMap x, double[] y, double[]? w, double lambda)
    {
        if (!(Delta > 0 && double.IsFinite(Delta))) throw new ArgumentOutOfRangeException(nameof(Delta), Delta, "δ must be finite and > 0.");
        return PenalisedProblem.Pose(x, y, new HuberLoss(Delta), lambda, Alpha, FitIntercept, w);
    }

    internal override void WriteOptions(IDictionary<string, object?> options)
    {
        options["delta"] = Delta;
        PenaltyChoice.Write(this, options);
    }

    internal override void ReadOptions(Persistence.ModelOptionsReader options)
    {
        Delta = options.Double("delta");
        PenaltyChoice.Read(this, options);
    }
}
