using OptSuite.Models.Paths;

namespace OptSuite.Models;

/// <summary>
/// Seeded splits of the samples into a training and a test part, as scikit-learn's <c>train_test_split</c>: the test part
/// holds ⌈f·n⌉ samples for a test fraction f, drawn by a shuffle with <see cref="Random"/>(seed) (the same seed gives the
/// same split on every run and machine); stratified, class c gives ⌊q_c⌋ or ⌈q_c⌉ of its n_c samples to the test part,
/// q_c = n_c·⌈f·n⌉/n (largest remainders first, so the parts have the same sizes as unstratified), and both parts keep
/// the class proportions.
/// </summary>
/// <remarks>Both parts keep the samples in their original order (ascending row numbers): data read in row blocks stay
/// readable block by block, and a split is easy to compare. Works for every <see cref="FeatureMatrix"/> with row access
/// (dense, CSR, CSC, shard datasets); the features, labels and weights are copied (or, for shards, viewed), never
/// modified.</remarks>
public static class TrainTestSplit
{
    /// <summary>Splits features, labels (class labels or regression targets) and optional sample weights.</summary>
    /// <typeparam name="TLabel">string, bool or any numeric type (double for regression targets).</typeparam>
    /// <param name="x">The n×p features.</param>
    /// <param name="y">The n labels.</param>
    /// <param name="testFraction">f ∈ (0, 1), the test share; default 0.25 as scikit-learn.</param>
    /// <param name="seed">The shuffle's seed.</param>
    /// <param name="stratify">Keep the class proportions of <paramref name="y"/> (class labels; every class needs two samples).</param>
    /// <param name="sampleWeight">Optional n sample weights, split with the samples.</param>
    public static TrainTestSplit<TLabel> Split<TLabel>(FeatureMatrix x, IReadOnlyList<TLabel> y, double testFraction = 0.25, int seed = 0,
        bool stratify = false, double[]? sampleWeight = null)
    {
        ArgumentNullException.ThrowIfNull(y);
        int n = x.Rows;
        if (y.Count != n) throw new ArgumentException($"y has {y.Count} labels; x has {n} rows.", nameof(y));
        if (sampleWeight is not null && sampleWeight.Length != n)
            throw new ArgumentException($"sampleWeight has {sampleWeight.Length} values; x has {n} rows.", nameof(sampleWeight));
        int[]? classes = null;
        if (stratify) ClassLabels.Fit(y, out classes, nameof(y));
        var (train, test) = Rows(n, testFraction, seed, classes);
        return new TrainTestSplit<TLabel>(train, test, x.SelectRows(train), x.SelectRows(test), Pick(y, train), Pick(y, test),
            sampleWeight is null ? null : Pick(sampleWeight, train), sampleWeight is null ? null : Pick(sampleWeight, test));
    }

    /// <summary>The row numbers of a split (each part ascending), for data held elsewhere.</summary>
    /// <param name="samples">n ≥ 2.</param>
    /// <param name="testFraction">f ∈ (0, 1); the test part holds ⌈f·n⌉ rows, which must leave at least one for training.</param>
    /// <param name="seed">The shuffle's seed.</param>
    /// <param name="classes">Optional class index of each row (≥ 0) for a stratified split.</param>
    public static (int[] Train, int[] Test) Rows(int samples, double testFraction = 0.25, int seed = 0, int[]? classes = null)
    {
        if (!(testFraction > 0 && testFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "testFraction must be in (0, 1).");
        if (samples < 2) throw new ArgumentOutOfRangeException(nameof(samples), samples, "A split needs at least two samples.");
        if (classes is not null && classes.Length != samples)
            throw new ArgumentException($"classes has {classes.Length} entries; there are {samples} samples.", nameof(classes));
        int testCount = (int)Math.Ceiling(testFraction * samples);
        if (testCount >= samples)
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction,
                $"testFraction {testFraction} of {samples} samples leaves no training sample (the test part takes ⌈f·n⌉ = {testCount}).");
        var rng = new Random(seed);
        var inTest = new bool[samples];
        if (classes is null)
        {
            int[] order = FoldAssignment.Shuffled(Enumerable.Range(0, samples).ToArray(), rng);
            for (int t = 0; t < testCount; t++) inTest[order[t]] = true;
        }
        else
            Stratified(classes, testCount, rng, inTest);
        var train = new List<int>(samples - testCount);
        var test = new List<int>(testCount);
        for (int i = 0; i < samples; i++) (inTest[i] ? test : train).Add(i);
        return (train.ToArray(), test.ToArray());
    }

    private static void Stratified(int[] classes, int testCount, Random rng, bool[] inTest)
    {
        int n = classes.Length;
        var groups = classes.Select((c, i) => (c, i)).GroupBy(t => t.c).OrderBy(g => g.Key).Select(g => g.Select(t => t.i).ToArray()).ToArray();
        foreach (var g in groups)
            if (g.Length < 2)
                throw new ArgumentException($"Class index {classes[g[0]]} has a single sample; a stratified split needs at least two of every class.", "y");
        // Largest remainders: each class's quota f·n_c floored, the remaining test rows to the largest fractional parts.
        var take = new int[groups.Length];
        var remainder = new double[groups.Length];
        for (int g = 0; g < groups.Length; g++)
        {
            double quota = (double)testCount * groups[g].Length / n;
            take[g] = (int)Math.Floor(quota);
            remainder[g] = quota - take[g];
        }
        int left = testCount - take.Sum();
        foreach (int g in Enumerable.Range(0, groups.Length).OrderByDescending(g => remainder[g]).ThenBy(g => g).Take(left)) take[g]++;
        for (int g = 0; g < groups.Length; g++)
        {
            int[] members = FoldAssignment.Shuffled(groups[g], rng);
            for (int t = 0; t < take[g]; t++) inTest[members[t]] = true;
        }
    }

    private static T[] Pick<T>(IReadOnlyList<T> values, int[] rows)
    {
        var result = new T[rows.Length];
        for (int r = 0; r < rows.Length; r++) result[r] = values[rows[r]];
        return result;
    }
}

/// <summary>The two parts of a <see cref="TrainTestSplit"/>: features, labels, weights and the original row numbers.</summary>
/// <typeparam name="TLabel">The label type.</typeparam>
/// <param name="TrainRows">The training samples' row numbers in the input (ascending).</param>
/// <param name="TestRows">The test samples' row numbers in the input (ascending).</param>
/// <param name="TrainFeatures">The training rows of X.</param>
/// <param name="TestFeatures">The test rows of X.</param>
/// <param name="TrainLabels">The training labels.</param>
/// <param name="TestLabels">The test labels.</param>
/// <param name="TrainWeights">The training samples' weights (null without weights).</param>
/// <param name="TestWeights">The test samples' weights (null without weights).</param>
public sealed record TrainTestSplit<TLabel>(int[] TrainRows, int[] TestRows, FeatureMatrix TrainFeatures, FeatureMatrix TestFeatures,
    TLabel[] TrainLabels, TLabel[] TestLabels, double[]? TrainWeights, double[]? TestWeights);
