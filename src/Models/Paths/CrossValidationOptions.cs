namespace OptSuite.Models;

/// <summary>Options of k-fold cross-validation along a regularisation path (see <see cref="LinearPath"/>).</summary>
public sealed record CrossValidationOptions
{
    /// <summary>k, the number of folds (2 ≤ k ≤ n). Default 5 (scikit-learn's; glmnet uses 10).</summary>
    public int Folds { get; init; } = 5;

    /// <summary>The seed of the fold assignment: the same seed gives the same folds and the same result. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// The fold of every sample, 0 … k − 1 with k = the largest + 1 (glmnet's <c>foldid</c> less one, scikit-learn's
    /// <c>PredefinedSplit</c>): the folds of another library, or of an earlier run, reproduced exactly. When set,
    /// <see cref="Folds"/> (unless left at its default or equal to k) and <see cref="Seed"/> are not used. Every fold needs
    /// a sample.
    /// </summary>
    public int[]? FoldIds { get; init; }

    /// <summary>How many folds are fitted at once (null: min(k, processor count); 1 for a shard dataset, whose folds would
    /// each hold shards in memory). The result does not depend on it.</summary>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>The held-out loss. Default: mean squared error for regression, deviance for logistic.</summary>
    public CrossValidationMetric Metric { get; init; } = CrossValidationMetric.Default;

    /// <summary>The λ the final model is refitted at on all data. Default <see cref="LambdaRule.Minimum"/>.</summary>
    public LambdaRule Rule { get; init; } = LambdaRule.Minimum;

    /// <summary>k: <see cref="Folds"/>, or the number of folds in <see cref="FoldIds"/>.</summary>
    internal int FoldCount => FoldIds is { Length: > 0 } ids ? ids.Max() + 1 : Folds;

    /// <summary>The fold of every sample: <see cref="FoldIds"/>, or a seeded assignment (stratified by <paramref name="strata"/>).</summary>
    internal int[] Assign(int samples, int[]? strata) =>
        FoldIds is { } ids ? (int[])ids.Clone() : Paths.FoldAssignment.Assign(samples, Folds, Seed, strata);

    internal void Validate(int samples)
    {
        if (FoldIds is { } ids)
        {
            if (ids.Length != samples) throw new ArgumentException($"FoldIds has {ids.Length} entries; there are {samples} samples.", nameof(FoldIds));
            int k = ids.Length == 0 ? 0 : ids.Max() + 1;
            for (int i = 0; i < ids.Length; i++)
                if (ids[i] < 0) throw new ArgumentOutOfRangeException(nameof(FoldIds), ids[i], $"FoldIds[{i}] = {ids[i]}; folds are numbered 0 … k − 1.");
            if (Folds != 5 && Folds != k) throw new ArgumentException($"Folds = {Folds} but FoldIds holds {k} folds; set one of them.", nameof(Folds));
            var seen = new bool[k];
            foreach (int f in ids) seen[f] = true;
            int empty = Array.IndexOf(seen, false);
            if (empty >= 0) throw new ArgumentException($"FoldIds has no sample in fold {empty} (folds are 0 … {k - 1}).", nameof(FoldIds));
            if (k < 2) throw new ArgumentException($"FoldIds holds {k} fold; cross-validation needs at least 2.", nameof(FoldIds));
        }
        else if (Folds < 2) throw new ArgumentOutOfRangeException(nameof(Folds), Folds, "Cross-validation needs at least 2 folds.");
        if (FoldIds is null && Folds > samples) throw new ArgumentOutOfRangeException(nameof(Folds), Folds, $"There are {Folds} folds for only {samples} samples.");
        if (MaxDegreeOfParallelism < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "MaxDegreeOfParallelism must be ≥ 1.");
        if (!Enum.IsDefined(Metric)) throw new ArgumentOutOfRangeException(nameof(Metric), Metric, "Not a CrossValidationMetric value.");
        if (!Enum.IsDefined(Rule)) throw new ArgumentOutOfRangeException(nameof(Rule), Rule, "Not a LambdaRule value.");
    }
}
