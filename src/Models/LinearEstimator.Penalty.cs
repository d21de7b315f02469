using OptSuite.LinearAlgebra;
using OptSuite.Models.Internal;

namespace OptSuite.Models;

public abstract partial class LinearEstimator
{
    /// <summary>
    /// Per-feature penalty factors v_j ≥ 0 (glmnet's <c>penalty.factor</c>, skglm's WeightedL1), one per feature of X; null
    /// (default) for 1 everywhere. The penalty becomes λ Σ_j v_j(α|w_j| + (1 − α)/2·w_j²); v_j = 0 leaves feature j
    /// unpenalised. As glmnet, the factors are rescaled to sum to p before the fit, so coefficients match glmnet's at
    /// the same λ (and factors that already sum to p are used as given). For ridge, lasso, elastic net, binary logistic
    /// regression, Poisson, Gamma and Tweedie; other models refuse them. Not all 0 (set <see cref="Lambda"/> = 0 for no penalty).
    /// </summary>
    /// <remarks>With factors the L2 part is per-feature and sits in the regulariser with the L1 part, so the solvers that
    /// need the plain ridge term in the smooth part (L-BFGS, trust-region Newton, dual coordinate descent) refuse the
    /// elastic net and ridge with factors; coordinate descent and proximal gradient take every case, OWL-QN the L1 one.
    /// The duality gap stays a bound on F − F*: its dual point is projected onto the unpenalised columns' constraints (a
    /// small Gram system in those columns, formed once per fit; see <c>LinearObjective</c>), which also certifies a zero
    /// factor with a bound on one side. Above 64 zero factors no projection is formed: the gap is +∞ until the unpenalised
    /// correlations are exactly feasible, so such a fit is in practice not certified by a gap.</remarks>
    public double[]? PenaltyFactors { get; set; }

    /// <summary>
    /// Constrain every coefficient to w_j ≥ 0 (scikit-learn's Lasso / ElasticNet <c>positive=True</c>; glmnet's
    /// <c>lower.limits = 0</c>). Default false. Not together with <see cref="LowerBounds"/>.
    /// </summary>
    /// <remarks>Bounds (and positivity) put the box in the regulariser: coordinate descent clips its coordinate update
    /// (as glmnet), proximal gradient takes the prox of penalty plus box (the clip of the soft-threshold), and the duality
    /// gap uses the exact conjugate of penalty plus box, so it stays a certificate. L-BFGS, OWL-QN, trust-region Newton
    /// and dual coordinate descent refuse bounded problems.</remarks>
    public bool Positive { get; set; }

    /// <summary>Lower bounds l_j ≤ 0 on the coefficients (glmnet's <c>lower.limits</c>): one value for every feature or
    /// one per feature; −∞ for none. As glmnet, a bound above 0 is refused (w = 0 must be feasible). Null (default): none.</summary>
    public double[]? LowerBounds { get; set; }

    /// <summary>Upper bounds u_j ≥ 0 on the coefficients (glmnet's <c>upper.limits</c>): one value for every feature or one
    /// per feature; +∞ for none. As glmnet, a bound below 0 is refused. Null (default): none.</summary>
    public double[]? UpperBounds { get; set; }

    /// <summary>
    /// glmnet's <c>standardize = TRUE</c>: fit on the columns scaled by their weighted standard deviation s_j (the 1/n
    /// variance, sample weights normalised to sum 1), the penalty on the scaled coefficients s_j·w_j, the coefficients
    /// and intercept returned on the original scale (so prediction and the saved model need nothing more). Default false,
    /// unlike glmnet: false is scikit-learn's behaviour (it never scales) and what every existing result and reference of
    /// OptSuite assumes. X is never modified: the solver gets a scaled copy (a sparse X stays sparse, centring being
    /// implicit through the intercept). Needs X stored in this process (dense, CSR or CSC). Bounds stay bounds on the
    /// original coefficients, as glmnet's limits.
    /// </summary>
    public bool Standardize { get; set; }

    /// <summary>The column scaling of the fit being prepared, or null.</summary>
    private protected Standardization? ColumnScaling { get; private set; }

    /// <summary>Sets <see cref="ColumnScaling"/> for the fitted columns and returns the map the solver sees (the scaled copy, or
    /// <paramref name="fitted"/> itself without <see cref="Standardize"/>).</summary>
    private protected ILinearMap PrepareScaling(ILinearMap fitted, double[]? weights)
    {
        ColumnScaling = null;
        if (!Standardize) return fitted;
        if (!TakesPenaltyShape)
            throw new ArgumentException($"Standardize applies to ridge, lasso, elastic-net, logistic (binary), poisson, gamma and tweedie, not {ModelName}.", nameof(Standardize));
        ColumnScaling = Standardization.Of(fitted, weights);
        return ColumnScaling.Scaled;
    }

    /// <summary>The outcomes on the original scale: w = w̃/s when standardising.</summary>
    private protected IReadOnlyList<FitOutcome> OnOriginalScale(IReadOnlyList<FitOutcome> outcomes) =>
        ColumnScaling is { } s ? outcomes.Select(s.Unscale).ToArray() : outcomes;

    /// <summary>Whether the model takes <see cref="PenaltyFactors"/> (a separable λ(α‖w‖₁ + (1 − α)/2‖w‖²) on one output).</summary>
    private protected virtual bool TakesPenaltyShape => false;

    /// <summary>The penalty shape of the fit being prepared (set by Prepare, read by Pose); null without options.</summary>
    private protected PenaltyShape? Shape { get; private set; }

    /// <summary>Checks and sets <see cref="Shape"/> for a fit on <paramref name="features"/> columns keeping <paramref name="kept"/>.</summary>
    private protected void PrepareShape(int features, int[]? kept)
    {
        PrepareShapeCore(features, kept);
        if (ColumnScaling is { } scaling && Shape is { Bounded: true } bounded) Shape = bounded.ScaledBounds(scaling);
    }

    private void PrepareShapeCore(int features, int[]? kept)
    {
        Shape = null;
        string? given = PenaltyFactors is not null ? nameof(PenaltyFactors) : Positive ? nameof(Positive)
            : LowerBounds is not null ? nameof(LowerBounds) : UpperBounds is not null ? nameof(UpperBounds) : null;
        if (given is null) return;
        if (!TakesPenaltyShape)
            throw new ArgumentException($"{given} applies to ridge, lasso, elastic-net, logistic (binary), poisson, gamma and tweedie, not {ModelName}.", given);
        Shape = PenaltyShape.For(this, features, kept);
    }
}
