using MathNet.Numerics.LinearAlgebra;
using OptSuite.LinearAlgebra;
using OptSuite.Models.Internal;

namespace OptSuite.Models;

/// <summary>
/// The lasso path: <see cref="Lasso"/> solutions (1/Σc)Σc_i ½(x_i·w + b − y_i)² + λ‖w‖₁ over glmnet's λ grid, warm-started,
/// with k-fold cross-validation of λ (mean squared error). See <see cref="LinearPath"/> for the grid, λ_max and the rules.
/// </summary>
/// <remarks>glmnet's <c>glmnet(x, y, alpha = 1, standardize = FALSE)</c> and scikit-learn's <c>lasso_path</c> / <c>LassoCV</c>
/// solve the same problems (scikit-learn's alpha is λ).</remarks>
public sealed class LassoPath : LinearPath
{
    /// <inheritdoc/>
    public override string ModelName => "lasso";

    private protected override LossKind Loss => LossKind.Squared;

    private protected override double Alpha => 1;

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

    /// <summary>k-fold cross-validation of λ, then a <see cref="Lasso"/> refitted on all data at the chosen λ.</summary>
    /// <param name="x">The n×p features (never modified).</param>
    /// <param name="y">The n targets.</param>
    /// <param name="sampleWeight">Optional n weights (they also weight the held-out losses).</param>
    /// <param name="options">Folds, seed, parallelism, metric and rule; defaults when null.</param>
    public CrossValidationResult<Lasso> CrossValidate(FeatureMatrix x, double[] y, double[]? sampleWeight = null,
        CrossValidationOptions? options = null) => CrossValidateRegression(x, y, sampleWeight, options, new Lasso());
}
