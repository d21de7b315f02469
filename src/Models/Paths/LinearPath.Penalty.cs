using OptSuite.Models.Internal;
using OptSuite.Models.Paths;

namespace OptSuite.Models;

public abstract partial class LinearPath
{
    /// <summary>
    /// Per-feature penalty factors v_j ≥ 0 (glmnet's <c>penalty.factor</c>; 0 = unpenalised), one per feature; null (default)
    /// for 1 everywhere. As <see cref="LinearEstimator.PenaltyFactors"/>: rescaled to sum to p, the penalty
    /// λ Σ_j v_j(α|w_j| + (1 − α)/2·w_j²). λ_max becomes max over v_j &gt; 0 of |g_j| / v_j / max(α, 10⁻³), g the data-term
    /// gradient at the null model — at the fit of the unpenalised features alone when some v_j = 0, which is then the
    /// path's first point (glmnet's first solve at λ = ∞). Every fold and the refitted model take the same factors.
    /// </summary>
    public double[]? PenaltyFactors { get; set; }

    /// <summary>Every coefficient ≥ 0 at every point (glmnet's <c>lower.limits = 0</c>); as <see cref="LinearEstimator.Positive"/>.</summary>
    public bool Positive { get; set; }

    /// <summary>Lower bounds l_j ≤ 0 (glmnet's <c>lower.limits</c>), one value or one per feature; as <see cref="LinearEstimator.LowerBounds"/>.
    /// λ_max ignores the bounds, as glmnet's (w = 0 is feasible).</summary>
    public double[]? LowerBounds { get; set; }

    /// <summary>Upper bounds u_j ≥ 0 (glmnet's <c>upper.limits</c>), one value or one per feature; as <see cref="LinearEstimator.UpperBounds"/>.</summary>
    public double[]? UpperBounds { get; set; }

    /// <summary>
    /// glmnet's <c>standardize = TRUE</c> at every point (as <see cref="LinearEstimator.Standardize"/>): the penalty on
    /// s_j·w_j, s_j the weighted (1/n) deviation of column j, coefficients reported on the original scale; λ_max and the
    /// grid are the standardised problem's (glmnet's). Cross-validation standardises each fold on its training rows
    /// (cv.glmnet calls glmnet per fold) and the refit on all rows. A point's <see cref="PathPoint.Objective"/> is the
    /// standardised problem's, glmnet's objective. Needs X in this process (dense, CSR or CSC).
    /// </summary>
    public bool Standardize { get; set; }

    /// <summary>Whether the path takes the per-feature options (single-output separable penalties; not multinomial or cox).</summary>
    private protected virtual bool TakesPenaltyOptions => true;

    /// <summary>The checked per-feature options for X with <paramref name="features"/> columns, or null when none is set.</summary>
    private protected PathPenalty? PenaltyOptions(int features)
    {
        string? given = PenaltyFactors is not null ? nameof(PenaltyFactors) : Positive ? nameof(Positive)
            : LowerBounds is not null ? nameof(LowerBounds) : UpperBounds is not null ? nameof(UpperBounds) : Standardize ? nameof(Standardize) : null;
        if (given is null) return null;
        if (!TakesPenaltyOptions)
            throw new ArgumentException($"{given} applies to the lasso, elastic-net, logistic (binary), poisson, gamma and tweedie paths, not {ModelName}.", given);
        return new PathPenalty(PenaltyShape.For(PenaltyFactors, Positive, LowerBounds, UpperBounds, features, null), Standardize);
    }

    /// <summary>Refuses the per-feature options, naming the first one set, on a path that does not take them.</summary>
    private protected void RefusePenaltyOptions()
    {
        if (!TakesPenaltyOptions) _ = PenaltyOptions(0);
    }

    /// <summary>Copies the per-feature options onto the model refitted after cross-validation.</summary>
    private void ConfigurePenalty(LinearEstimator model)
    {
        model.PenaltyFactors = PenaltyFactors is null ? null : (double[])PenaltyFactors.Clone();
        model.Positive = Positive;
        model.LowerBounds = LowerBounds is null ? null : (double[])LowerBounds.Clone();
        model.UpperBounds = UpperBounds is null ? null : (double[])UpperBounds.Clone();
        model.Standardize = Standardize;
    }
}
