using System.Runtime.ExceptionServices;
using OptSuite.LinearAlgebra;
using OptSuite.Models.Paths;

namespace OptSuite.Models;

/// <summary>
/// LIBLINEAR's parameter search (<c>train -C</c>) for any classifier that takes C: C = C₀, 2C₀, 4C₀, … up to
/// <see cref="MaxC"/> (1024), each fold's fits warm-started from its fit at the previous C, scored by held-out accuracy;
/// the first C with the best mean accuracy wins (the smallest, as LIBLINEAR keeps the first best) and the classifier is
/// refitted on all data there. C₀ = 2^⌊log₂(1/(κ·n·max_i‖x_i‖²))⌋ as LIBLINEAR's <c>calc_start_C</c>, κ = 2 for the
/// squared hinge and 1 otherwise (LIBLINEAR 2.3.0 starts heart_scale at log₂C = −12 for -s 0 and −13 for -s 2; so does this).
/// </summary>
/// <remarks>The folds are this library's (<see cref="CrossValidationOptions"/>: seeded and stratified by class, or
/// <see cref="CrossValidationOptions.FoldIds"/>), not LIBLINEAR's unseeded ones, so the accuracies differ from its
/// printout by the folds; the whole grid is searched (LIBLINEAR 2.3 may stop early once no fold's w changes). With sample
/// weights the accuracy is weighted. The intercept, when fitted, is unpenalised and not part of ‖x_i‖.</remarks>
public sealed class CSearch
{
    /// <summary>The largest C tried. Default 1024 (LIBLINEAR's).</summary>
    public double MaxC { get; init; } = 1024;

    /// <summary>The first C, or null for LIBLINEAR's C₀.</summary>
    public double? StartC { get; init; }

    /// <summary>Runs the search with <paramref name="template"/>'s options (its C and λ are set per point; a copy is fitted,
    /// the template is left untouched).</summary>
    /// <typeparam name="TModel">The classifier.</typeparam>
    /// <typeparam name="TLabel">string, bool or a numeric type.</typeparam>
    /// <param name="template">The classifier to tune (e.g. <c>new LinearSvm()</c>).</param>
    /// <param name="x">The n×p features.</param>
    /// <param name="y">The n labels.</param>
    /// <param name="sampleWeight">Optional n sample weights (they weigh the fits and the accuracies).</param>
    /// <param name="options">Folds, seed or fold ids, parallelism (metric and rule are not used).</param>
    public CSearchResult<TModel> Run<TModel, TLabel>(TModel template, FeatureMatrix x, IReadOnlyList<TLabel> y, double[]? sampleWeight = null,
        CrossValidationOptions? options = null) where TModel : LinearClassifier
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(y);
        if (template.Lambda is not null) throw new ArgumentException("The template sets Lambda; the search varies C (λ = 1/(n·C)): leave Lambda unset.", nameof(template));
        if (!(MaxC > 0 && double.IsFinite(MaxC))) throw new ArgumentOutOfRangeException(nameof(MaxC), MaxC, "MaxC must be positive and finite.");
        if (StartC is { } s && !(s > 0 && s <= MaxC)) throw new ArgumentOutOfRangeException(nameof(StartC), s, $"StartC must be in (0, MaxC = {MaxC}].");
        var map = x.Map;
        if (y.Count != map.Rows) throw new ArgumentException($"y has {y.Count} labels; x has {map.Rows} rows.", nameof(y));
        if (sampleWeight is not null && sampleWeight.Length != map.Rows)
            throw new ArgumentException($"sampleWeight has {sampleWeight.Length} values; x has {map.Rows} rows.", nameof(sampleWeight));
        options ??= new CrossValidationOptions();
        options.Validate(map.Rows);
        var classes = ClassLabels.Fit(y, out int[] index, nameof(y));
        double[] grid = Grid(StartC ?? StartingC(map, template.SearchStartFactor), MaxC);
        int[] fold = options.Assign(map.Rows, index);
        int k = options.FoldCount;
        var right = new double[k, grid.Length];
        var held = new double[k];
        try
        {
            Parallel.For(0, k, new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism ?? Math.Min(k, Environment.ProcessorCount) }, f =>
            {
                int[] train = Enumerable.Range(0, fold.Length).Where(i => fold[i] != f).ToArray();
                int[] test = Enumerable.Range(0, fold.Length).Where(i => fold[i] == f).ToArray();
                FeatureMatrix xTrain = x.SelectRows(train), xTest = x.SelectRows(test);
                TLabel[] yTrain = train.Select(i => y[i]).ToArray();
                double[]? wTrain = sampleWeight is null ? null : train.Select(i => sampleWeight[i]).ToArray();
                var model = (TModel)template.Clone();
                model.WarmStart = true;
                using var _ = LinearAlgebraSettings.UseThreads(template.Threads ?? 1);
                for (int t = 0; t < grid.Length; t++)
                {
                    model.C = grid[t];
                    model.Fit(xTrain, yTrain, wTrain);
                    int[] predicted = model.PredictIndices(xTest);
                    double sum = 0, total = 0;
                    for (int r = 0; r < test.Length; r++)
                    {
                        double c = sampleWeight?[test[r]] ?? 1;
                        // A class absent from this fold's training rows cannot be predicted: compare by label, not index.
                        if (model.Classes.Names[predicted[r]] == classes.Names[index[test[r]]]) sum += c;
                        total += c;
                    }
                    right[f, t] = sum;
                    held[f] = total;
                }
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        var accuracy = new double[grid.Length];
        double all = held.Sum();
        for (int t = 0; t < grid.Length; t++)
        {
            for (int f = 0; f < k; f++) accuracy[t] += right[f, t];
            accuracy[t] /= all;
        }
        int best = 0;
        for (int t = 1; t < grid.Length; t++) if (accuracy[t] > accuracy[best]) best = t;
        var refit = (TModel)template.Clone();
        refit.C = grid[best];
        refit.Fit(x, y, sampleWeight);
        return new CSearchResult<TModel>(grid, accuracy, best, fold, refit);
    }

    /// <summary>2^⌊log₂(1/(κ·n·max_i‖x_i‖²))⌋.</summary>
    private static double StartingC(ILinearMap x, double kappa)
    {
        var norms = new double[x.Rows];
        x.RowSquaredNorms(norms);
        double max = norms.Length == 0 ? 0 : norms.Max();
        if (!(max > 0)) throw new ArgumentException("Every row of x is zero: there is no C to search.", "x");
        return Math.Pow(2, Math.Floor(Math.Log2(1 / (kappa * x.Rows * max))));
    }

    private static double[] Grid(double start, double max)
    {
        var grid = new List<double>();
        // Powers of two reached by doubling stay exact; the last point is the largest ≤ max (with a little slack for
        // a StartC that is not a power of two).
        for (double c = start; c <= max * (1 + 1e-12); c *= 2) grid.Add(c);
        return [.. grid];
    }
}

/// <summary>The outcome of a <see cref="CSearch"/>: the grid, the mean held-out accuracy per C, the winner and the
/// classifier refitted there.</summary>
/// <typeparam name="TModel">The classifier.</typeparam>
/// <param name="Cs">The C values, increasing.</param>
/// <param name="Accuracy">The held-out accuracy at each C (over all folds' held-out samples).</param>
/// <param name="BestIndex">The first C with the highest accuracy.</param>
/// <param name="Folds">Each sample's fold.</param>
/// <param name="Model">The classifier refitted on all data at the best C.</param>
public sealed record CSearchResult<TModel>(double[] Cs, double[] Accuracy, int BestIndex, int[] Folds, TModel Model) where TModel : LinearClassifier
{
    /// <summary>The best C.</summary>
    public double BestC => Cs[BestIndex];

    /// <summary>Its held-out accuracy.</summary>
    public double BestAccuracy => Accuracy[BestIndex];
}
