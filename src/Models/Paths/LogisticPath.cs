using OptSuite.Models.Internal;

namespace OptSuite.Models;

/// <summary>
/// The penalised logistic-regression path: binary <see cref="LogisticRegression"/> solutions
/// (1/Σc)Σc_i log(1 + e^{−y_i(x_i·w + b)}) + λ(α‖w‖₁ + (1 − α)/2‖w‖²), y = ±1 with the larger class +1, over glmnet's λ
/// grid, warm-started, with stratified k-fold cross-validation (deviance or misclassification). α = <see cref="L1Ratio"/>,
/// default 1 (the L1 path, glmnet's default alpha).
/// </summary>
/// <remarks>glmnet's <c>glmnet(x, y, family = "binomial", alpha = α, standardize = FALSE)</c> solves the same problems.
/// λ_max uses the gradient at w = 0 with the intercept at its optimum, the logit of the weighted share of the positive class.</remarks>
public sealed class LogisticPath : LinearPath
{
    /// <summary>α ∈ [0, 1], the L1 share of the penalty. Default 1 (lasso-penalised logistic regression).</summary>
    public double L1Ratio { get; set; } = 1;

    /// <summary>
    /// Class weights (<see cref="LinearClassifier.ClassWeight"/>): each sample's weight is multiplied by its class's
    /// weight before the path is fitted, so every point solves what <see cref="LogisticRegression"/> with the same
    /// <see cref="ClassWeights"/> solves at that λ. Cross-validation computes the weights once on all the data (balanced
    /// counts over every fold together, as scikit-learn's LogisticRegressionCV) and carries each sample's weight into its
    /// fold, where it also weighs the held-out deviance or misclassification; the refitted model takes the same class weights.
    /// </summary>
    public ClassWeights? ClassWeight { get; set; }

    /// <inheritdoc/>
    public override string ModelName => "logistic";

    private protected override LossKind Loss => LossKind.Logistic;

    private protected override double Alpha => PenalisedProblem.Alpha(Penalty.ElasticNet, L1Ratio);

    /// <summary>Fits the path.</summary>
    /// <typeparam name="TLabel">string or any numeric type.</typeparam>
    /// <param name="x">The n×p features (never modified).</param>
    /// <param name="y">The n labels, exactly two distinct values (the larger is the positive class).</param>
    /// <param name="sampleWeight">Optional n weights c_i ≥ 0 with a positive sum.</param>
    public RegularizationPath Fit<TLabel>(FeatureMatrix x, IReadOnlyList<TLabel> y, double[]? sampleWeight = null)
    {
        var (classes, index, signs) = Binary(x, y, sampleWeight);
        return FitCore(x.Map, signs, Weighted(classes, index, sampleWeight), classes);
    }

    /// <summary>Stratified k-fold cross-validation of λ, then a <see cref="LogisticRegression"/> refitted on all data at the chosen λ.</summary>
    /// <typeparam name="TLabel">string or any numeric type.</typeparam>
    /// <param name="x">The n×p features (never modified).</param>
    /// <param name="y">The n labels (two classes).</param>
    /// <param name="sampleWeight">Optional n weights (they also weight the held-out losses).</param>
    /// <param name="options">Folds, seed, parallelism, metric (deviance by default, or misclassification) and rule.</param>
    public CrossValidationResult<LogisticRegression> CrossValidate<TLabel>(FeatureMatrix x, IReadOnlyList<TLabel> y,
        double[]? sampleWeight = null, CrossValidationOptions? options = null)
    {
        var (classes, index, signs) = Binary(x, y, sampleWeight);
        double alpha = Alpha;
        var model = new LogisticRegression
        {
            Penalty = alpha == 1 ? Penalty.L1 : alpha == 0 ? Penalty.L2 : Penalty.ElasticNet,
            L1Ratio = alpha is 0 or 1 ? null : alpha,
            ClassWeight = ClassWeight,
        };
        return CrossValidateClassifier(x, y, signs, classes, index, sampleWeight, Weighted(classes, index, sampleWeight), options, model);
    }

    private double[]? Weighted(ClassLabels classes, int[] index, double[]? sampleWeight) =>
        ClassWeight is { } classWeight ? classWeight.Apply(classes, index, sampleWeight) : sampleWeight;

    private static (ClassLabels Classes, int[] Index, double[] Signs) Binary<TLabel>(FeatureMatrix x, IReadOnlyList<TLabel> y, double[]? weights)
    {
        ArgumentNullException.ThrowIfNull(y);
        CheckShapes(x.Map, y.Count, weights);
        var classes = ClassLabels.Fit(y, out int[] index);
        if (classes.Count != 2)
            throw new ArgumentException($"y has {classes.Count} classes; LogisticPath fits binary problems (two classes; multinomial paths are not available).", nameof(y));
        var signs = new double[index.Length];
        for (int i = 0; i < signs.Length; i++) signs[i] = index[i] == 1 ? 1.0 : -1.0;
        return (classes, index, signs);
    }
}
