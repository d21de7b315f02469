using OptSuite.Models.Internal;

namespace OptSuite.Models;

/// <summary>
/// The penalised log-link GLM paths — <see cref="PoissonPath"/>, <see cref="GammaPath"/>, <see cref="TweediePath"/>: the
/// regressor's solutions (1/Σc)Σc_i ℓ(y_i, x_i·w + b + o_i) + λ(α‖w‖₁ + (1 − α)/2‖w‖²) over glmnet's λ grid,
/// warm-started, with k-fold cross-validation by held-out deviance; optional offsets o (log exposure) are carried into
/// every fold (each fold's rows keep their own). α = <see cref="L1Ratio"/>, default 1 (glmnet's default alpha).
/// </summary>
/// <remarks>glmnet's <c>glmnet(x, y, family = "poisson", offset = o, alpha = α, standardize = FALSE)</c> (and
/// <c>Gamma(link = "log")</c>, a Tweedie family object) solves the same problems. λ_max uses the gradient at w = 0 with
/// the intercept at its optimum with the offsets; deviance explained is 1 − D/D₀ with the model's deviance (the losses'
/// dropped terms in y restored); the early stop is glmnet's absolute one (as for logistic).</remarks>
public abstract class LogLinkPath : LinearPath
{
    private protected LogLinkPath() { }

    /// <summary>α ∈ [0, 1], the L1 share of the penalty. Default 1 (the lasso-penalised GLM).</summary>
    public double L1Ratio { get; set; } = 1;

    private protected override double Alpha => PenalisedProblem.Alpha(Penalty.ElasticNet, L1Ratio);

    /// <summary>The estimator the path's points are (with <see cref="L1Ratio"/>), refitted by cross-validation.</summary>
    private protected abstract LinearRegressor Estimator();

    private LinearRegressor Model()
    {
        var m = Estimator();
        ((IPenaltyChoice)m).Penalty = Alpha == 1 ? Penalty.L1 : Alpha == 0 ? Penalty.L2 : Penalty.ElasticNet;
        ((IPenaltyChoice)m).L1Ratio = Alpha is 0 or 1 ? null : Alpha;
        return m;
    }

    /// <summary>Fits the path.</summary>
    /// <param name="x">The n×p features (never modified).</param>
    /// <param name="y">The n targets (the model's: counts ≥ 0, amounts &gt; 0, …).</param>
    /// <param name="sampleWeight">Optional n weights c_i ≥ 0 with a positive sum.</param>
    /// <param name="offset">Optional n offsets o_i (log exposure), added to every score; data, not part of the path.</param>
    public RegularizationPath Fit(FeatureMatrix x, double[] y, double[]? sampleWeight = null, double[]? offset = null)
    {
        ArgumentNullException.ThrowIfNull(y);
        CheckShapes(x.Map, y.Length, sampleWeight);
        _ = Model().CreateProblem(x, y, sampleWeight, offset);   // the estimator's checks of y, weights, offsets and options
        return FitCore(x.Map, y, sampleWeight, null, offset);
    }

    /// <summary>k-fold cross-validation of λ by held-out deviance (offsets and weights carried into every fold), then the
    /// estimator refitted on all data at the chosen λ.</summary>
    /// <param name="x">The n×p features (never modified).</param>
    /// <param name="y">The n targets.</param>
    /// <param name="sampleWeight">Optional n weights (they also weight the held-out deviances).</param>
    /// <param name="offset">Optional n offsets.</param>
    /// <param name="options">Folds, seed, parallelism, rule (the metric is the deviance); defaults when null.</param>
    public CrossValidationResult<LinearRegressor> CrossValidate(FeatureMatrix x, double[] y, double[]? sampleWeight = null,
        double[]? offset = null, CrossValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(y);
        var model = Model();
        _ = model.CreateProblem(x, y, sampleWeight, offset);
        return CrossValidateRegression(x, y, sampleWeight, options, model, offset);
    }
}
