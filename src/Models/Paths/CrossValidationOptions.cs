namespace OptSuite.Models;

/// <summary>Options of k-fold cross-validation along a regularisation path (see <see cref="LinearPath"/>).</summary>
public sealed record CrossValidationOptions
{
    /// <summary>k, the number of folds (2 ≤ k ≤ n). Default 5 (scikit-learn's; glmnet uses 10).</summary>
    public int Folds { get; init; } = 5;

    /// <summary>The seed of the fold assignment: the same seed gives the same folds and the same result. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>How many folds are fitted at once (null: min(k, processor count); 1 for a shard dataset, whose folds would
    /// each hold shards in memory). The result does not depend on it.</summary>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>The held-out loss. Default: mean squared error for regression, deviance for logistic.</summary>
    public CrossValidationMetric Metric { get; init; } = CrossValidationMetric.Default;

    /// <summary>The λ the final model is refitted at on all data. Default <see cref="LambdaRule.Minimum"/>.</summary>
    public LambdaRule Rule { get; init; } = LambdaRule.Minimum;

    internal void Validate(int samples)
    {
        if (Folds < 2) throw new ArgumentOutOfRangeException(nameof(Folds), Folds, "Cross-validation needs at least 2 folds.");
        if (Folds > samples) throw new ArgumentOutOfRangeException(nameof(Folds), Folds, $"There are {Folds} folds for only {samples} samples.");
        if (MaxDegreeOfParallelism < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "MaxDegreeOfParallelism must be ≥ 1.");
        if (!Enum.IsDefined(Metric)) throw new ArgumentOutOfRangeException(nameof(Metric), Metric, "Not a CrossValidationMetric value.");
        if (!Enum.IsDefined(Rule)) throw new ArgumentOutOfRangeException(nameof(Rule), Rule, "Not a LambdaRule value.");
    }
}
