namespace OptSuite.Models;

/// <summary>
/// k-fold cross-validation along a regularisation path: the held-out loss per fold and λ, its mean and standard error,
/// λ_min and λ_1se, the full-data path that fixed the λ grid, and the model refitted on all data at the chosen λ.
/// </summary>
/// <remarks>
/// The grid is the full-data path's (cv.glmnet's convention); every fold solves it without early stop. The mean weights
/// fold f by the sample weight W_f it holds out, and the standard error is √(Σ W_f (L_f − m)² / Σ W_f / (K − 1)).
/// </remarks>
public abstract class CrossValidationResult
{
    private readonly double[,] _foldLoss;
    private readonly double[] _mean, _se, _foldWeight;
    private readonly int[] _folds;

    private protected CrossValidationResult(RegularizationPath path, int[] folds, int foldCount, CrossValidationMetric metric,
        double[,] foldLoss, double[] foldWeight, double[] mean, double[] standardError, LambdaRule rule, TimeSpan elapsed)
    {
        Path = path;
        _folds = folds;
        FoldCount = foldCount;
        Metric = metric;
        _foldLoss = foldLoss;
        _foldWeight = foldWeight;
        _mean = mean;
        _se = standardError;
        Rule = rule;
        Elapsed = elapsed;
        (IndexMin, IndexOneStandardError) = Choose(mean, standardError);
    }

    /// <summary>The indices of λ_min (the first, i.e. largest-λ, minimum) and λ_1se (the first mean within one standard
    /// error of that minimum), on a grid in decreasing λ.</summary>
    internal static (int Min, int OneStandardError) Choose(double[] mean, double[] standardError)
    {
        int min = 0;
        for (int t = 1; t < mean.Length; t++) if (mean[t] < mean[min]) min = t;
        double bound = mean[min] + (double.IsFinite(standardError[min]) ? standardError[min] : 0);
        for (int t = 0; t < min; t++) if (mean[t] <= bound) return (min, t);
        return (min, min);
    }

    /// <summary>The full-data path; its λ values are the grid every fold solved.</summary>
    public RegularizationPath Path { get; }

    /// <summary>The λ grid (a copy), decreasing.</summary>
    public double[] Lambdas => Path.Lambdas;

    /// <summary>The held-out loss.</summary>
    public CrossValidationMetric Metric { get; }

    /// <summary>k, the number of folds.</summary>
    public int FoldCount { get; }

    /// <summary>The fold (0 … k−1) each sample was held out in (a copy).</summary>
    public int[] Folds => (int[])_folds.Clone();

    /// <summary>The mean held-out loss per λ (a copy).</summary>
    public double[] MeanLoss => (double[])_mean.Clone();

    /// <summary>The standard error of the mean held-out loss per λ (a copy).</summary>
    public double[] StandardError => (double[])_se.Clone();

    /// <summary>The held-out sample weight of each fold (the number of held-out rows without weights; a copy).</summary>
    public double[] FoldWeights => (double[])_foldWeight.Clone();

    /// <summary>The held-out loss of fold <paramref name="fold"/> at λ index <paramref name="index"/>.</summary>
    /// <param name="fold">The fold, 0 … k−1.</param>
    /// <param name="index">The λ index.</param>
    public double FoldLoss(int fold, int index) => _foldLoss[fold, index];

    /// <summary>The index of λ_min, the λ with the smallest mean loss (the largest λ on ties).</summary>
    public int IndexMin { get; }

    /// <summary>The index of λ_1se, the largest λ whose mean loss is at most the minimum plus its standard error.</summary>
    public int IndexOneStandardError { get; }

    /// <summary>λ_min.</summary>
    public double LambdaMin => Path.Points[IndexMin].Lambda;

    /// <summary>λ_1se (≥ λ_min).</summary>
    public double LambdaOneStandardError => Path.Points[IndexOneStandardError].Lambda;

    /// <summary>The rule the refit followed.</summary>
    public LambdaRule Rule { get; }

    /// <summary>The λ <see cref="Model"/> was refitted at.</summary>
    public double ChosenLambda => Rule == LambdaRule.Minimum ? LambdaMin : LambdaOneStandardError;

    /// <summary>The model refitted on all data at <see cref="ChosenLambda"/> (warm-started from the path's point).</summary>
    public LinearEstimator Model => UntypedModel;

    /// <summary>Wall time of the full path, every fold and the refit.</summary>
    public TimeSpan Elapsed { get; }

    private protected abstract LinearEstimator UntypedModel { get; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{FoldCount}-fold CV of {Path.Model} ({Metric}): λ_min = {LambdaMin:G6} (loss {_mean[IndexMin]:G6} ± {_se[IndexMin]:G3}), " +
        $"λ_1se = {LambdaOneStandardError:G6}, {Elapsed.TotalSeconds:G4} s";
}
