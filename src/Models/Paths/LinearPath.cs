using System.Diagnostics;
using OptSuite.LinearAlgebra;
using OptSuite.Models.Internal;
using OptSuite.Models.Paths;
using OptSuite.Solvers;

namespace OptSuite.Models;

/// <summary>
/// The common part of <see cref="LassoPath"/>, <see cref="ElasticNetPath"/> and <see cref="LogisticPath"/>: the λ grid,
/// the solver options, and k-fold cross-validation over the path. Every point minimises
/// F(w, b) = (1/Σc)Σ c_i ℓ(y_i, x_i·w + b) + λ(α‖w‖₁ + (1 − α)/2‖w‖²), exactly the objective of the matching estimator.
/// </summary>
/// <remarks>
/// <para><b>Grid</b> (glmnet's; Friedman, Hastie &amp; Tibshirani 2010, §2.5): <see cref="PathLength"/> values
/// λ_k = λ_max·ε^{k/(L−1)}, log-spaced from λ_max down to ε·λ_max, ε = <see cref="LambdaMinRatio"/> (default 10⁻² when
/// n &lt; p, else 10⁻⁴). λ_max is exact: ‖Xᵀ(a ⊙ ℓ′(y, b₀))‖_∞ / α with a = c/Σc and b₀ the intercept of the null model
/// (the weighted mean of y for squared loss, the logit of the weighted share of the positive class for logistic, 0
/// without intercept), i.e. the smallest λ at which w = 0 is optimal. For α &lt; 10⁻³ (a ridge-like path, which never
/// reaches w = 0) λ_max divides by 10⁻³ instead, as glmnet does. Grid, λ_max and null model are those of the
/// solver-level <see cref="CoordinateDescentPath"/> (<see cref="LambdaGrid"/>), so both APIs give the same grid on the
/// same data. With per-feature options (<see cref="PenaltyFactors"/>, bounds, <see cref="Standardize"/>) λ_max is glmnet's
/// max over v_j &gt; 0 of |g_j| / v_j / max(α, 10⁻³), g on the standardised columns when standardising, taken after fitting
/// the unpenalised features (v_j = 0) when there are any.</para>
/// <para><b>Warm starts.</b> The first point starts from the null model, every later one from the previous solution;
/// each point is solved to <see cref="Tolerance"/> by the solver the estimator would use (coordinate descent for
/// squared loss and for L1 logistic with n ≤ 10⁴, OWL-QN above).</para>
/// <para><b>Early stop</b> (<see cref="StopEarly"/>, glmnet's rule, only on a generated grid, from the fifth point):
/// the path ends once the deviance explained exceeds 0.999, or grows by less than 10⁻⁵ from the previous point
/// (relatively for squared loss, absolutely for logistic); <see cref="RegularizationPath.Termination"/> says which.</para>
/// <para><b>Cross-validation</b>: the full-data path fixes the grid (cv.glmnet's convention); the rows are split into k
/// folds from a seed (stratified by class for logistic); each fold's path is fitted on the other folds, in parallel,
/// and scored on its own rows; λ_min minimises the mean held-out loss and λ_1se is the largest λ within one standard
/// error of it; the chosen model is refitted on all data, warm-started from the full path. While the folds run, the
/// linear-algebra kernels use one thread unless <see cref="Threads"/> is set: the folds are the parallelism. On row-blocked
/// X (a shard dataset, <see cref="IRowBlockedMap"/>) a fold's rows are a view that gathers them block by block as the
/// shards are read — no copy of the rows, each pass reads every shard — and the folds run one at a time unless <see cref="CrossValidationOptions.MaxDegreeOfParallelism"/> says otherwise.</para>
/// </remarks>
public abstract partial class LinearPath
{
    private protected LinearPath() { }

    /// <summary>L, the number of λ values of a generated grid (≥ 1). Default 100.</summary>
    public int PathLength { get; set; } = 100;

    /// <summary>ε ∈ (0, 1), λ_min/λ_max of a generated grid; null for glmnet's default (10⁻² if n &lt; p, else 10⁻⁴).</summary>
    public double? LambdaMinRatio { get; set; }

    /// <summary>Explicit λ values (≥ 0, finite), solved in decreasing order and never stopped early; null to generate the grid.</summary>
    public double[]? Lambdas { get; set; }

    /// <summary>End a generated path early when the deviance explained saturates (glmnet's rule; see the remarks). Default true.</summary>
    public bool StopEarly { get; set; } = true;

    /// <summary>Fit an unpenalised intercept b. Default true.</summary>
    public bool FitIntercept { get; set; } = true;

    /// <summary>The solver of every point. Default <see cref="SolverKind.Auto"/>.</summary>
    public SolverKind Solver { get; set; } = SolverKind.Auto;

    /// <summary>Each point's stopping tolerance on the solver's criterion (relative duality gap for coordinate descent). Default 1e-6.</summary>
    public double Tolerance { get; set; } = 1e-6;

    /// <summary>Each point's iteration limit; null for the solver's default.</summary>
    public int? MaxIterations { get; set; }

    /// <summary>Seed of the randomised solvers. Default 0.</summary>
    public int Seed { get; set; }

    /// <summary>Threads the linear-algebra kernels may use during this run, a scope of this call only (null: <see cref="LinearAlgebraSettings.Threads"/>);
    /// at least 1; a count above <see cref="LinearAlgebraSettings.AvailableProcessors"/> is cut to it.</summary>
    public int? Threads { get; set; }

    /// <summary>Stops the run: a path ends with <see cref="PathTermination.Cancelled"/>, cross-validation throws
    /// <see cref="OperationCanceledException"/> (a partial CV table chooses nothing).</summary>
    public CancellationToken CancellationToken { get; set; }

    /// <summary>The model's command-line name (lasso, elastic-net, logistic).</summary>
    public abstract string ModelName { get; }

    private protected abstract LossKind Loss { get; }

    /// <summary>α, checked.</summary>
    private protected abstract double Alpha { get; }

    /// <summary>The Tweedie power of a Tweedie path (other paths ignore it).</summary>
    private protected virtual double PowerOfLoss => 1.5;

    private protected RegularizationPath FitCore(ILinearMap x, double[] y, double[]? weights, ClassLabels? classes, double[]? offset = null)
    {
        CheckOptions();
        var problem = new PathProblem(x, y, weights, Loss, Alpha, FitIntercept, CheckedOffset(offset, x.Rows), PowerOfLoss, PenaltyOptions(x.Columns));
        return WithThreads(() => RunPath(problem, classes, out _));
    }

    private protected T WithThreads<T>(Func<T> run)
    {
        using (LinearAlgebraSettings.UseThreads(Threads ?? LinearAlgebraSettings.Threads)) return run();
    }

    /// <summary>A copy of the offsets, checked (length, finite); null for none.</summary>
    private protected static double[]? CheckedOffset(double[]? offset, int rows)
    {
        if (offset is null) return null;
        if (offset.Length != rows) throw new ArgumentException($"offset has {offset.Length} values for {rows} rows of X.", nameof(offset));
        for (int i = 0; i < offset.Length; i++)
            if (!double.IsFinite(offset[i])) throw new ArgumentException($"offset[{i}] = {offset[i]} is not finite.", nameof(offset));
        return (double[])offset.Clone();
    }

    private protected static void CheckShapes(ILinearMap x, int labels, double[]? weights)
    {
        if (labels != x.Rows) throw new ArgumentException($"y has {labels} values for {x.Rows} rows of X.", "y");
        if (weights is not null && weights.Length != x.Rows)
            throw new ArgumentException($"sampleWeight has {weights.Length} values for {x.Rows} rows of X.", "sampleWeight");
    }

    private RegularizationPath RunPath(PathProblem problem, ClassLabels? classes, out FitSettings settings)
    {
        settings = new FitSettings(SolverRegistry.Resolve(Solver, problem.Traits, ModelName), Tolerance, MaxIterations, Seed, CancellationToken);
        double lambdaMax = problem.LambdaMax(settings);
        double[] grid = Grid(lambdaMax, problem.Samples, problem.Features, out double? ratio);
        return PathRunner.Run(ModelName, problem, settings, lambdaMax, grid, ratio, StopEarly && Lambdas is null, classes);
    }

    /// <summary>The λ values to solve: <see cref="Lambdas"/> in decreasing order, else glmnet's grid from
    /// <paramref name="lambdaMax"/> (<paramref name="ratio"/> the ε used; null for given λ values).</summary>
    private protected double[] Grid(double lambdaMax, int samples, int features, out double? ratio)
    {
        ratio = null;
        if (Lambdas is { } given) return [.. given.OrderDescending()];
        if (!(lambdaMax > 0))
            throw new ArgumentException("λ_max is 0: no feature is correlated with the null model's residual (constant y, or zero columns), so w = 0 at every λ.", "x");
        ratio = LambdaMinRatio ?? LambdaGrid.DefaultMinRatio(samples, features);
        return LambdaGrid.LogSpaced(lambdaMax, PathLength, ratio.Value);
    }

    private protected CrossValidationMetric ResolveMetric(CrossValidationMetric metric)
    {
        bool regression = Loss == LossKind.Squared;
        if (Loss is LossKind.Poisson or LossKind.Gamma or LossKind.Tweedie)
            return metric is CrossValidationMetric.Default or CrossValidationMetric.Deviance ? CrossValidationMetric.Deviance
                : throw new ArgumentException($"The {metric} metric does not apply to {ModelName}; use Deviance (the model's deviance, held out).", nameof(CrossValidationOptions.Metric));
        if (metric == CrossValidationMetric.Default) return regression ? CrossValidationMetric.MeanSquaredError : CrossValidationMetric.Deviance;
        if (metric == CrossValidationMetric.ConcordanceIndex)
            throw new ArgumentException($"The concordance index applies to cox, not {ModelName}.", nameof(CrossValidationOptions.Metric));
        if (regression != (metric == CrossValidationMetric.MeanSquaredError))
            throw new ArgumentException($"The {metric} metric does not apply to {ModelName}; use " +
                (regression ? "MeanSquaredError." : "Deviance or Misclassification."), nameof(CrossValidationOptions.Metric));
        return metric;
    }

    private protected void CheckOptions()
    {
        if (PathLength < 1) throw new ArgumentOutOfRangeException(nameof(PathLength), PathLength, "The path needs at least one λ.");
        if (LambdaMinRatio is { } r && !(r > 0 && r < 1))
            throw new ArgumentOutOfRangeException(nameof(LambdaMinRatio), r, "ε = λ_min/λ_max must lie in (0, 1).");
        if (Lambdas is { } l)
        {
            if (l.Length == 0) throw new ArgumentException("Lambdas is empty; give at least one λ or null for the generated grid.", nameof(Lambdas));
            foreach (double v in l)
                if (!(v >= 0 && double.IsFinite(v))) throw new ArgumentOutOfRangeException(nameof(Lambdas), v, "Every λ must be finite and ≥ 0.");
        }
        if (!(Tolerance >= 0 && double.IsFinite(Tolerance))) throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "The tolerance must be finite and ≥ 0.");
        if (MaxIterations < 0) throw new ArgumentOutOfRangeException(nameof(MaxIterations), MaxIterations, "MaxIterations must be ≥ 0.");
        if (Threads < 1) throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "Threads must be ≥ 1.");
        _ = Alpha;
        RefusePenaltyOptions();
    }
}
