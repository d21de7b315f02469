using OptSuite.LinearAlgebra;
using OptSuite.Objectives.Losses;
using OptSuite.Objectives.Multiclass;
using OptSuite.Prox;
using OptSuite.Prox.Regularizers;

namespace OptSuite.Objectives;

/// <summary>
/// Named objectives: jaxopt.objective's (same meaning, mean over samples) and the usual penalised GLMs.
/// </summary>
/// <remarks>
/// Conventions: F = (1/n)Σℓ + penalty, λ ≥ 0 the strength. Lasso λ‖w‖₁ with squared loss ½(z − y)² (scikit-learn's
/// Lasso alpha = λ); elastic net λ(α‖w‖₁ + (1−α)/2‖w‖²) (scikit-learn l1_ratio = α, glmnet alpha = α); ridge and the
/// "l2reg" of jaxopt (l2reg/2)‖w‖². LIBLINEAR's C corresponds to λ = 1/(n·C). Intercepts are never penalised.
/// </remarks>
public static class Objective
{
    /// <summary>jaxopt <c>least_squares</c>: (1/n)Σ ½(x_i·w + b − y_i)².</summary>
    public static LinearObjective<SquaredLoss, ZeroRegularizer> LeastSquares(ILinearMap x, ReadOnlySpan<double> y,
        bool fitIntercept = false, ReadOnlySpan<double> sampleWeights = default) =>
        new(x, y, default, default, 0, fitIntercept, sampleWeights);

    /// <summary>jaxopt <c>ridge_regression</c>: least squares + (l2reg/2)‖w‖².</summary>
    public static LinearObjective<SquaredLoss, ZeroRegularizer> RidgeRegression(ILinearMap x, ReadOnlySpan<double> y, double l2reg,
        bool fitIntercept = false, ReadOnlySpan<double> sampleWeights = default) =>
        new(x, y, default, default, l2reg, fitIntercept, sampleWeights);

    /// <summary>jaxopt <c>binary_logreg</c> (labels {0,1} or {−1,+1}) with an optional (l2reg/2)‖w‖².</summary>
    public static LinearObjective<LogisticLoss, ZeroRegularizer> BinaryLogreg(ILinearMap x, ReadOnlySpan<double> y, double l2reg = 0,
        bool fitIntercept = false, ReadOnlySpan<double> sampleWeights = default) =>
        new(x, y, default, default, l2reg, fitIntercept, sampleWeights);

    /// <summary>jaxopt <c>multiclass_logreg</c>: (1/n)Σ (logsumexp(Wᵀx_i) − (Wᵀx_i)_{y_i}).</summary>
    public static MulticlassLinearObjective<MultinomialLogisticLoss, ZeroRegularizer> MulticlassLogreg(ILinearMap x, ReadOnlySpan<int> y, int classes) =>
        new(x, y, classes, default, default);

    /// <summary>jaxopt <c>multiclass_logreg_with_intercept</c>.</summary>
    public static MulticlassLinearObjective<MultinomialLogisticLoss, ZeroRegularizer> MulticlassLogregWithIntercept(ILinearMap x, ReadOnlySpan<int> y, int classes) =>
        new(x, y, classes, default, default, 0, fitIntercept: true);

    /// <summary>jaxopt <c>l2_multiclass_logreg</c>: multiclass_logreg + (l2reg/2)‖W‖²_F.</summary>
    public static MulticlassLinearObjective<MultinomialLogisticLoss, ZeroRegularizer> L2MulticlassLogreg(ILinearMap x, ReadOnlySpan<int> y, int classes, double l2reg) =>
        new(x, y, classes, default, default, l2reg);

    /// <summary>jaxopt <c>l2_multiclass_logreg_with_intercept</c> (the intercepts are not penalised).</summary>
    public static MulticlassLinearObjective<MultinomialLogisticLoss, ZeroRegularizer> L2MulticlassLogregWithIntercept(ILinearMap x, ReadOnlySpan<int> y, int classes, double l2reg) =>
        new(x, y, classes, default, default, l2reg, fitIntercept: true);

    /// <summary>
    /// jaxopt <c>multiclass_linear_svm_dual</c>: f(β) = (1/(2·l2reg))‖Xᵀ(Y − β)‖²_F + ⟨β, Y − 1⟩ with each row of β on
    /// the simplex. Unlike every other objective here (jaxopt's own <c>l2_multiclass_logreg</c> included), l2reg multiplies
    /// the SUM over samples: the matching mean-form λ of <see cref="CrammerSinger"/> is l2reg/n (LIBLINEAR's C = 1/l2reg);
    /// see <see cref="MulticlassSvmDualObjective"/>. Solve it with <c>BlockCoordinateDescent.Minimize</c>.
    /// </summary>
    public static MulticlassSvmDualObjective MulticlassLinearSvmDual(ILinearMap x, ReadOnlySpan<int> y, int classes, double l2reg) =>
        new(x, y, classes, l2reg);

    /// <summary>Crammer–Singer multiclass SVM primal (1/n)Σ max_r(s_r + 1[r≠y]) − s_y + (λ/2)‖W‖²_F.</summary>
    public static MulticlassLinearObjective<CrammerSingerHingeLoss, ZeroRegularizer> CrammerSinger(ILinearMap x, ReadOnlySpan<int> y, int classes, double lambda) =>
        new(x, y, classes, default, default, lambda);

    /// <summary>Lasso: (1/n)Σ ½(z_i − y_i)² + λ‖w‖₁ (scikit-learn's Lasso with alpha = λ).</summary>
    public static LinearObjective<SquaredLoss, L1Norm> Lasso(ILinearMap x, ReadOnlySpan<double> y, double lambda,
        bool fitIntercept = false, ReadOnlySpan<double> sampleWeights = default) =>
        new(x, y, default, new L1Norm(lambda), 0, fitIntercept, sampleWeights);

    /// <summary>Elastic net: (1/n)Σ ½(z_i − y_i)² + λ(α‖w‖₁ + (1 − α)/2‖w‖²).</summary>
    public static LinearObjective<SquaredLoss, L1Norm> ElasticNet(ILinearMap x, ReadOnlySpan<double> y, double lambda, double l1Ratio,
        bool fitIntercept = false, ReadOnlySpan<double> sampleWeights = default) =>
        Penalised<SquaredLoss>(x, y, default, lambda, l1Ratio, fitIntercept, sampleWeights);

    /// <summary>Group lasso: (1/n)Σ ½(z_i − y_i)² + λΣ_g w_g‖w_g‖₂ (w_g = √|g| by default).</summary>
    public static LinearObjective<SquaredLoss, GroupLasso> GroupLasso(ILinearMap x, ReadOnlySpan<double> y, BlockPartition groups, double lambda,
        bool fitIntercept = false) =>
        new(x, y, default, new GroupLasso(groups, lambda), 0, fitIntercept);

    /// <summary>
    /// Multi-task lasso: (1/(2n))‖Y − XW − 1bᵀ‖²_F + λ Σ_j ‖W_j·‖₂ with Y n×k and W p×k, both row-major (scikit-learn's
    /// MultiTaskLasso with alpha = λ; its coef_ is Wᵀ).
    /// </summary>
    /// <param name="x">The n×p data.</param>
    /// <param name="y">Y, n×k row-major.</param>
    /// <param name="tasks">k.</param>
    /// <param name="lambda">λ ≥ 0, the penalty strength (scikit-learn's and glmnet's alpha / lambda; named λ here as everywhere in OptSuite, where α is the L1 share).</param>
    /// <param name="fitIntercept">Whether to fit k unpenalised intercepts (scikit-learn's default is true).</param>
    /// <param name="sampleWeights">Optional c_i ≥ 0 replacing 1/n by c_i/Σc.</param>
    public static MultiTaskLinearObjective<L21Norm> MultiTaskLasso(ILinearMap x, ReadOnlySpan<double> y, int tasks, double lambda,
        bool fitIntercept = false, ReadOnlySpan<double> sampleWeights = default) =>
        MultiTaskElasticNet(x, y, tasks, lambda, 1.0, fitIntercept, sampleWeights);

    /// <summary>
    /// Multi-task elastic net: (1/(2n))‖Y − XW − 1bᵀ‖²_F + λρ Σ_j ‖W_j·‖₂ + λ(1 − ρ)/2 ‖W‖²_F (scikit-learn's
    /// MultiTaskElasticNet with alpha = λ, l1_ratio = ρ; glmnet family "mgaussian" with alpha = ρ, lambda = λ).
    /// </summary>
    /// <param name="x">The n×p data.</param>
    /// <param name="y">Y, n×k row-major.</param>
    /// <param name="tasks">k.</param>
    /// <param name="lambda">λ ≥ 0, the penalty strength (scikit-learn's and glmnet's alpha / lambda; named λ here as everywhere in OptSuite, where α is the L1 share).</param>
    /// <param name="l1Ratio">ρ ∈ [0, 1].</param>
    /// <param name="fitIntercept">Whether to fit k unpenalised intercepts.</param>
    /// <param name="sampleWeights">Optional c_i ≥ 0 replacing 1/n by c_i/Σc.</param>
    public static MultiTaskLinearObjective<L21Norm> MultiTaskElasticNet(ILinearMap x, ReadOnlySpan<double> y, int tasks, double lambda,
        double l1Ratio, bool fitIntercept = false, ReadOnlySpan<double> sampleWeights = default)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (!(lambda >= 0 && double.IsFinite(lambda)))
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "λ must be finite and ≥ 0.");
        if (!(l1Ratio >= 0 && l1Ratio <= 1))
            throw new ArgumentOutOfRangeException(nameof(l1Ratio), l1Ratio, "The L1 ratio ρ must lie in [0, 1].");
        if (tasks < 1) throw new ArgumentOutOfRangeException(nameof(tasks), tasks, "A multi-task objective needs at least one task.");
        return new MultiTaskLinearObjective<L21Norm>(x, y, tasks, new L21Norm(x.Columns, tasks, lambda * l1Ratio),
            lambda * (1 - l1Ratio), fitIntercept, sampleWeights);
    }

    /// <summary>Logistic regression with λ(α‖w‖₁ + (1 − α)/2‖w‖²): α = 0 is L2, α = 1 is L1.</summary>
    public static LinearObjective<LogisticLoss, L1Norm> LogisticRegression(ILinearMap x, ReadOnlySpan<double> y, double lambda, double l1Ratio,
        bool fitIntercept = false, ReadOnlySpan<double> sampleWeights = default) =>
        Penalised<LogisticLoss>(x, y, default, lambda, l1Ratio, fitIntercept, sampleWeights);

    /// <summary>Huber regression (1/n)Σ H_δ(z_i − y_i) + λ(α‖w‖₁ + (1 − α)/2‖w‖²).</summary>
    public static LinearObjective<HuberLoss, L1Norm> Huber(ILinearMap x, ReadOnlySpan<double> y, double delta, double lambda, double l1Ratio = 0,
        bool fitIntercept = false, ReadOnlySpan<double> sampleWeights = default) =>
        Penalised(x, y, new HuberLoss(delta), lambda, l1Ratio, fitIntercept, sampleWeights);

    /// <summary>Poisson regression with log link, (1/n)Σ (e^{z_i} − y_i z_i) + λ(α‖w‖₁ + (1 − α)/2‖w‖²).</summary>
    public static LinearObjective<PoissonLoss, L1Norm> Poisson(ILinearMap x, ReadOnlySpan<double> y, double lambda, double l1Ratio = 0,
        bool fitIntercept = true, ReadOnlySpan<double> sampleWeights = default) =>
        Penalised<PoissonLoss>(x, y, default, lambda, l1Ratio, fitIntercept, sampleWeights);

    /// <summary>
    /// Gamma regression with log link, (1/n)Σ (y_i e^{−z_i} + z_i) + λ(α‖w‖₁ + (1 − α)/2‖w‖²), labels y_i &gt; 0
    /// (scikit-learn's GammaRegressor with alpha = λ and α = 0: its (1/(2n))Σ deviance is this mean loss up to a constant).
    /// </summary>
    public static LinearObjective<GammaLoss, L1Norm> Gamma(ILinearMap x, ReadOnlySpan<double> y, double lambda, double l1Ratio = 0,
        bool fitIntercept = true, ReadOnlySpan<double> sampleWeights = default) =>
        Penalised<GammaLoss>(x, y, default, lambda, l1Ratio, fitIntercept, sampleWeights);

    /// <summary>
    /// Quantile regression at level τ, (1/n)Σ ρ_τ(y_i − z_i) + λ(α‖w‖₁ + (1 − α)/2‖w‖²) with the pinball loss ρ_τ
    /// (scikit-learn's QuantileRegressor with alpha = λ and α = 1).
    /// </summary>
    /// <remarks>The loss is nonsmooth: the objective evaluates values, subgradients and the duality gap (the pinball
    /// conjugate is finite on [−τ, 1 − τ]), but the gradient-based solvers do not apply to it.</remarks>
    public static LinearObjective<QuantileLoss, L1Norm> QuantileRegression(ILinearMap x, ReadOnlySpan<double> y, double tau, double lambda,
        double l1Ratio = 1, bool fitIntercept = true, ReadOnlySpan<double> sampleWeights = default) =>
        Penalised(x, y, new QuantileLoss(tau), lambda, l1Ratio, fitIntercept, sampleWeights);

    private static LinearObjective<TLoss, L1Norm> Penalised<TLoss>(ILinearMap x, ReadOnlySpan<double> y, TLoss loss, double lambda,
        double l1Ratio, bool fitIntercept, ReadOnlySpan<double> sampleWeights)
        where TLoss : struct, ILoss
    {
        if (!(lambda >= 0 && double.IsFinite(lambda)))
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "λ must be finite and ≥ 0.");
        if (!(l1Ratio >= 0 && l1Ratio <= 1))
            throw new ArgumentOutOfRangeException(nameof(l1Ratio), l1Ratio, "The L1 ratio α must lie in [0, 1].");
        return new LinearObjective<TLoss, L1Norm>(x, y, loss, new L1Norm(lambda * l1Ratio), lambda * (1 - l1Ratio), fitIntercept, sampleWeights);
    }
}
