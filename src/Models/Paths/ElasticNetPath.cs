using MathNet.Numerics.LinearAlgebra;
using OptSuite.LinearAlgebra;
using OptSuite.Models.Internal;

namespace OptSuite.Models;

/// <summary>
/// The elastic-net path: <see cref="ElasticNet"/> solutions (1/Σc)Σc_i ½(x_i·w + b − y_i)² + λ(α‖w‖₁ + (1 − α)/2‖w‖²)
/// over glmnet's λ grid, warm-started, with k-fold cross-validation of λ (mean squared error). α = <see cref="L1Ratio"/>.
/// </summary>
/// <remarks>glmnet's <c>glmnet(x, y, alpha = α, standardize = FALSE)</c> (up to its internal scaling of y, which changes
/// the ridge part; see ../shared/peers/README.md) and scikit-learn's <c>enet_path</c> / <c>ElasticNetCV</c>.</remarks>
public sealed class ElasticNetPath : LinearPath
{
    /// <summary>α ∈ [0, 1], the L1 share of the penalty. Default 0.5.</summary>
    public double L1Ratio { get; set; } = 0.5;

    /// <inheritdoc/>
    public override string ModelName => "elastic-net";

    private protected override LossKind Loss => LossKind.Squared;

    private protected override double Alpha => PenalisedProblem.Alpha(Penalty.ElasticNet, L1Ratio);

    /// <summary>Fits the path.</summary>
    /// <param name="x">The n×p features (never modified).</param>
    /// <param name="y">The n targets.</param>
    /// <param name="sampleWeight">Optional n weights c_i ≥ 0 with a positive sum.</param>
    public RegularizationPath Fit(FeatureMatrix x, double[] y, double[]? sampleWeight = null)
    {
        ArgumentNullException.ThrowIfNull(y);
        CheckShapes(x.Map, y.Length, sampleWeight);
        return FitCore(x.Map, y, sampleWeight, null);
    }

    /// <summary>Fits the path on MathNet data.</summary>
    /// <param name="x">The n×p features.</param>
    /// <param name="y">The n targets.</param>
    public RegularizationPath Fit(Matrix<double> x, Vector<double> y)
    {
        ArgumentNullException.ThrowIfNull(y);
        return Fit((FeatureMatrix)x, y.GetDenseArray());
    }

    /// <summary>k-fold cross-validation of λ, then an <see cref="ElasticNet"/> refitted on all data at the chosen λ.</summary>
    /// <param name="x">The n×p features (never modified).</param>
    /// <param name="y">The n targets.</param>
    /// <param name="sampleWeight">Optional n weights (they also weight the held-out losses).</param>
    /// <param name="options">Folds, seed, parallelism, metric and rule; defaults when null.</param>
    public CrossValidationResult<ElasticNet> CrossValidate(FeatureMatrix x, double[] y, double[]? sampleWeight = null,
        CrossValidationOptions? options = null) => CrossValidateRegression(x, y, sampleWeight, options, new ElasticNet { L1Ratio = L1Ratio });

    /// <summary>
    /// Cross-validation over a grid of L1 ratios as scikit-learn's <c>ElasticNetCV(l1_ratio=[…])</c>: for each ratio its
    /// own λ grid (λ_max depends on α; or <see cref="LinearPath.Lambdas"/> for all), the same folds for all, and the ratio
    /// with the lowest mean held-out loss wins; the rule (<see cref="CrossValidationOptions.Rule"/>) then picks λ on the
    /// winner's path. This path's <see cref="L1Ratio"/> is not used or changed.
    /// </summary>
    /// <param name="x">The n×p features (never modified).</param>
    /// <param name="y">The n targets.</param>
    /// <param name="l1Ratios">The ratios α ∈ (0, 1] to try (scikit-learn suggests [.1, .5, .7, .9, .95, .99, 1]).</param>
    /// <param name="sampleWeight">Optional n weights.</param>
    /// <param name="options">Folds, seed, metric and rule, shared by every ratio.</param>
    public ElasticNetCrossValidation CrossValidateL1Ratios(FeatureMatrix x, double[] y, IReadOnlyList<double> l1Ratios, double[]? sampleWeight = null,
        CrossValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(l1Ratios);
        if (l1Ratios.Count == 0) throw new ArgumentException("l1Ratios is empty; give at least one ratio.", nameof(l1Ratios));
        for (int r = 0; r < l1Ratios.Count; r++)
            if (!(l1Ratios[r] > 0 && l1Ratios[r] <= 1))
                throw new ArgumentOutOfRangeException(nameof(l1Ratios), l1Ratios[r],
                    $"l1Ratios[{r}] = {l1Ratios[r]}; ratios must be in (0, 1] (0 is ridge, whose path has no λ_max: use RidgeCV-style λ grids).");
        var results = new CrossValidationResult<ElasticNet>[l1Ratios.Count];
        for (int r = 0; r < results.Length; r++)
        {
            var path = (ElasticNetPath)MemberwiseClone();
            path.L1Ratio = l1Ratios[r];
            results[r] = path.CrossValidate(x, y, sampleWeight, options);
        }
        return new ElasticNetCrossValidation([.. l1Ratios], results);
    }
}
