using System.Globalization;

namespace OptSuite.Models;

/// <summary>
/// Cross-validation of the elastic net over a grid of L1 ratios and, for each, its λ path (scikit-learn's
/// <c>ElasticNetCV(l1_ratio=[…])</c>): the same folds for every ratio, and the ratio whose path reaches the lowest mean
/// held-out loss wins; its <see cref="CrossValidationResult{TModel}"/> holds the refitted model (at its λ rule's λ).
/// </summary>
public sealed class ElasticNetCrossValidation
{
    internal ElasticNetCrossValidation(double[] ratios, CrossValidationResult<ElasticNet>[] results)
    {
        L1Ratios = ratios;
        Results = results;
        int best = 0;
        for (int r = 1; r < results.Length; r++)
            if (results[r].MeanLoss[results[r].IndexMin] < results[best].MeanLoss[results[best].IndexMin]) best = r;
        BestIndex = best;
    }

    /// <summary>The L1 ratios tried, in the order given.</summary>
    public IReadOnlyList<double> L1Ratios { get; }

    /// <summary>Each ratio's cross-validation (its path, fold losses, and a model refitted at its chosen λ).</summary>
    public IReadOnlyList<CrossValidationResult<ElasticNet>> Results { get; }

    /// <summary>The index of the winning ratio: the lowest minimum of the mean held-out loss (the first on ties).</summary>
    public int BestIndex { get; }

    /// <summary>The winning L1 ratio.</summary>
    public double L1Ratio => L1Ratios[BestIndex];

    /// <summary>The winning ratio's cross-validation.</summary>
    public CrossValidationResult<ElasticNet> Best => Results[BestIndex];

    /// <summary>The model refitted on all data at the winning ratio and its chosen λ.</summary>
    public ElasticNet Model => Best.Model;

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"l1_ratio {L1Ratio} of {L1Ratios.Count}, λ {Best.ChosenLambda:G6}, mean {Best.Metric} {Best.MeanLoss[Best.Rule == LambdaRule.Minimum ? Best.IndexMin : Best.IndexOneStandardError]:G6}");
}
