using System.Globalization;

namespace OptSuite.Models;

/// <summary>
/// Per-class weights of a classifier's samples (<see cref="LinearClassifier.ClassWeight"/>): scikit-learn's
/// <c>class_weight</c> and LIBLINEAR's <c>-wi</c>. A sample's loss is multiplied by its class's weight (and by its sample
/// weight, when given); classes not named weigh 1.
/// </summary>
/// <remarks>
/// <para><see cref="Balanced"/> weighs class c by n / (k·n_c) (scikit-learn's "balanced": n samples, k classes, n_c
/// samples of class c, counted without sample weights), so every class carries the same total weight.</para>
/// <para>With C (or the default C = 1) the weights are absolute, as LIBLINEAR's per-class C_c = w_c·C: the fit minimises
/// (1/S) Σ w_{y_i} c_i ℓ_i + (λ/2)‖w‖² with S = Σ w_{y_i} c_i and λ = 1/(C·S) — the same minimiser as LIBLINEAR's and
/// scikit-learn's ½‖w‖² + C Σ w_{y_i} c_i ℓ_i (sample weights c_i normalised to mean 1, as OptSuite does). Balanced weights
/// sum to n, so λ stays 1/(n·C). With λ set directly the weights only reweigh the mean loss.</para>
/// <para>With more than two classes the multinomial and Crammer–Singer losses weigh each sample by its own class's weight
/// (scikit-learn's multinomial <c>class_weight</c>, LIBLINEAR's -s 4 <c>-wi</c>). One-vs-rest weighs as LIBLINEAR (and
/// scikit-learn's LinearSVC) does: in class c's problem only class c's rows take w_c, the rest keep weight 1, and with C
/// that problem's λ_c = 1/(C·S_c) for its own S_c — so each column is LIBLINEAR's. <see cref="FitReport.Lambda"/> of such
/// a fit is the λ of the weights c_i·w_{y_i} (that of the multinomial and Crammer–Singer problems), not a single
/// problem's. Tested against LIBLINEAR 2.3.0 (-s 0, 2, 3, 4 and one-vs-rest -s 2) and scikit-learn 1.2.1 (binary and
/// multinomial, balanced and per label): datasets/reference/class_weight.json.</para>
/// </remarks>
public sealed class ClassWeights
{
    private readonly (string Label, double Weight)[] _weights;

    private ClassWeights(bool balanced, (string, double)[] weights)
    {
        IsBalanced = balanced;
        _weights = weights;
    }

    /// <summary>n / (k·n_c) for class c: every class the same total weight.</summary>
    public static ClassWeights Balanced { get; } = new(true, []);

    /// <summary>Whether these are the <see cref="Balanced"/> weights.</summary>
    public bool IsBalanced { get; }

    /// <summary>The named weights (label as text, weight); empty for <see cref="Balanced"/>.</summary>
    public IReadOnlyList<(string Label, double Weight)> Weights => _weights;

    /// <summary>Weights by label (numbers or strings, as the labels given to Fit); classes not named weigh 1.</summary>
    /// <typeparam name="TLabel">The label type.</typeparam>
    /// <param name="weights">Each label's weight: finite and ≥ 0.</param>
    public static ClassWeights Of<TLabel>(IReadOnlyDictionary<TLabel, double> weights) where TLabel : notnull
    {
        ArgumentNullException.ThrowIfNull(weights);
        return Checked(weights.Select(kv => (Text(kv.Key), kv.Value)).ToArray(), nameof(weights));
    }

    /// <summary>Parses <c>balanced</c> or <c>LABEL:W[,LABEL:W...]</c> (the command line's <c>--class-weight</c>, the saved
    /// model's form).</summary>
    /// <param name="text">The weights as text.</param>
    /// <exception cref="ArgumentException">Not of that form, or a weight that is negative or not finite.</exception>
    public static ClassWeights Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.Equals(text.Trim(), "balanced", StringComparison.OrdinalIgnoreCase)) return Balanced;
        var pairs = new List<(string, double)>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            int colon = part.LastIndexOf(':');
            if (colon <= 0 || !double.TryParse(part[(colon + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out double w))
                throw new ArgumentException($"Class weight '{part}' is not LABEL:WEIGHT; give 'balanced' or LABEL:W[,LABEL:W...], e.g. 1:3,-1:1.", "ClassWeight");
            pairs.Add((part[..colon], w));
        }
        return Checked([.. pairs], "ClassWeight");
    }

    private static ClassWeights Checked((string Label, double Weight)[] weights, string parameter)
    {
        foreach (var (label, w) in weights)
            if (!(w >= 0 && double.IsFinite(w)))
                throw new ArgumentException($"The weight of class {label} is {w.ToString(CultureInfo.InvariantCulture)}; class weights must be finite and ≥ 0.", parameter);
        var twice = weights.GroupBy(p => p.Label).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new ArgumentException($"Class {twice.Key} is given two weights.", parameter);
        return new ClassWeights(false, weights);
    }

    /// <summary>The weight of each class of <paramref name="classes"/> (in class order), from the unweighted class
    /// counts <paramref name="counts"/> (over every rank for distributed data).</summary>
    /// <exception cref="ArgumentException">A named label is not one of the classes.</exception>
    internal double[] For(ClassLabels classes, ReadOnlySpan<double> counts)
    {
        int k = classes.Count;
        var result = new double[k];
        if (IsBalanced)
        {
            double n = 0;
            foreach (double c in counts) n += c;
            for (int c = 0; c < k; c++) result[c] = counts[c] > 0 ? n / (k * counts[c]) : 1.0;
            return result;
        }
        Array.Fill(result, 1.0);
        var names = classes.Names;
        foreach (var (label, w) in _weights)
        {
            int c = IndexOf(classes, names, label);
            if (c < 0)
                throw new ArgumentException($"Class weight for {label}, which is not one of the {k} classes ({string.Join(", ", names.Take(10))}{(k > 10 ? ", …" : "")}).", "ClassWeight");
            result[c] = w;
        }
        return result;
    }

    /// <summary>
    /// The sample weights with the class weights applied: c_i·w_{y_i}, the sample weights c_i divided by
    /// <paramref name="meanWeight"/> (their mean, so that unweighted and uniformly weighted data give the same numbers).
    /// </summary>
    /// <param name="classes">The classes.</param>
    /// <param name="counts">The unweighted class counts (over every rank for distributed data).</param>
    /// <param name="index">Each sample's class index.</param>
    /// <param name="sampleWeight">The sample weights, or null.</param>
    /// <param name="meanWeight">The sample weights' mean (1 without weights).</param>
    internal double[] Apply(ClassLabels classes, ReadOnlySpan<double> counts, int[] index, double[]? sampleWeight, double meanWeight)
    {
        double[] perClass = For(classes, counts);
        var weights = new double[index.Length];
        for (int i = 0; i < weights.Length; i++) weights[i] = (sampleWeight is null ? 1.0 : sampleWeight[i] / meanWeight) * perClass[index[i]];
        return weights;
    }

    /// <summary><see cref="Apply(ClassLabels, ReadOnlySpan{double}, int[], double[], double)"/> with the counts and mean of the samples given (data on one process).</summary>
    /// <param name="classes">The classes.</param>
    /// <param name="index">Each sample's class index.</param>
    /// <param name="sampleWeight">The sample weights, or null.</param>
    internal double[] Apply(ClassLabels classes, int[] index, double[]? sampleWeight)
    {
        var counts = new double[classes.Count];
        foreach (int c in index) counts[c]++;
        double mean = sampleWeight is null || index.Length == 0 ? 1.0 : sampleWeight.Sum() / index.Length;
        return Apply(classes, counts, index, sampleWeight, mean);
    }

    private static int IndexOf(ClassLabels classes, IReadOnlyList<string> names, string label)
    {
        if (classes.IsNumeric && double.TryParse(label, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
            for (int c = 0; c < names.Count; c++)
                if (classes.Values[c] == v) return c;
        for (int c = 0; c < names.Count; c++)
            if (string.Equals(names[c], label, StringComparison.Ordinal)) return c;
        return -1;
    }

    private static string Text<TLabel>(TLabel label) => label switch
    {
        string s => s,
        IFormattable f => f.ToString(label is double or float ? "R" : null, CultureInfo.InvariantCulture),
        _ => label!.ToString()!,
    };

    /// <summary><c>balanced</c>, or <c>LABEL:W,...</c> (what <see cref="Parse"/> reads).</summary>
    public override string ToString() => IsBalanced ? "balanced"
        : string.Join(",", _weights.Select(p => $"{p.Label}:{p.Weight.ToString("R", CultureInfo.InvariantCulture)}"));
}
