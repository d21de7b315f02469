namespace OptSuite.Models.Paths;

/// <summary>Deterministic k-fold assignment from a seed, optionally stratified by class.</summary>
/// <remarks>
/// Plain: the rows are shuffled (Fisher–Yates with <see cref="Random"/>(seed)) and dealt to folds 0, 1, …, k−1 in turn,
/// so fold sizes differ by at most one. Stratified: each class's rows are shuffled and dealt in turn, the dealing
/// continuing across classes, so every fold holds ⌊n_c/k⌋ or ⌈n_c/k⌉ rows of class c and fold sizes still differ by at
/// most one (scikit-learn's StratifiedKFold keeps the same class proportions).
/// </remarks>
internal static class FoldAssignment
{
    public static int[] Assign(int samples, int folds, int seed, int[]? classes)
    {
        var rng = new Random(seed);
        var fold = new int[samples];
        if (classes is null)
        {
            int[] order = Shuffled(Enumerable.Range(0, samples).ToArray(), rng);
            for (int t = 0; t < order.Length; t++) fold[order[t]] = t % folds;
            return fold;
        }
        int dealt = 0;
        foreach (var group in classes.Select((c, i) => (c, i)).GroupBy(t => t.c).OrderBy(g => g.Key))
        {
            int[] members = Shuffled(group.Select(t => t.i).ToArray(), rng);
            foreach (int i in members) fold[i] = dealt++ % folds;
        }
        return fold;
    }

    /// <summary>Fisher–Yates in place with <paramref name="rng"/>; returns <paramref name="a"/>.</summary>
    internal static int[] Shuffled(int[] a, Random rng)
    {
        for (int i = a.Length - 1; i > 0; i--)
        {
            int j = rng.Next(i + 1);
            (a[i], a[j]) = (a[j], a[i]);
        }
        return a;
    }
}
