using System.Globalization;

namespace OptSuite.Models;

/// <summary>
/// The classes a classifier was fitted on: the sorted distinct labels, numeric (any integer or real value) or text.
/// Class c is the c-th smallest label; in the two-class case the larger one is the positive class (+1). <c>bool</c>
/// labels are the numeric classes 0 (false) and 1 (true), true being the positive class. Enumerates the class names in
/// class order; <see cref="ToString"/> lists them.
/// </summary>
public sealed class ClassLabels : IReadOnlyList<string>
{
    private readonly double[]? _numeric;
    private readonly string[]? _text;

    private ClassLabels(double[]? numeric, string[]? text)
    {
        _numeric = numeric;
        _text = text;
    }

    /// <summary>The number of classes k.</summary>
    public int Count => _numeric?.Length ?? _text!.Length;

    /// <summary>Whether the labels are numbers (else text).</summary>
    public bool IsNumeric => _numeric is not null;

    /// <summary>The numeric class values in increasing order; throws for text labels.</summary>
    public IReadOnlyList<double> Values => _numeric ?? throw new InvalidOperationException("The classes are text labels; use Names.");

    /// <summary>Every class as text (numbers in invariant round-trip form), in class order.</summary>
    public IReadOnlyList<string> Names => _text ?? _numeric!.Select(v => v.ToString("R", CultureInfo.InvariantCulture)).ToArray();

    /// <summary>Class <paramref name="index"/>'s name (a number in invariant round-trip form, or the text label).</summary>
    /// <param name="index">c in [0, <see cref="Count"/>).</param>
    public string this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index), index, $"index must be in [0, {Count}).");
            return _text is not null ? _text[index] : _numeric![index].ToString("R", CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The class names in class order.</summary>
    public IEnumerator<string> GetEnumerator()
    {
        for (int c = 0; c < Count; c++) yield return this[c];
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>"2 classes: -1, 1" (the first twenty names, then the count of the rest).</summary>
    public override string ToString()
    {
        const int shown = 20;
        string names = string.Join(", ", this.Take(shown).Select(n => IsNumeric ? n : $"\"{n}\""));
        return $"{Count} {(Count == 1 ? "class" : "classes")}: {names}{(Count > shown ? $", … ({Count - shown} more)" : "")}";
    }

    /// <summary>Numeric classes (sorted distinct values are taken as given; they must be finite and strictly increasing).</summary>
    /// <param name="values">The class values.</param>
    public static ClassLabels FromValues(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        for (int c = 0; c < values.Count; c++)
        {
            if (!double.IsFinite(values[c])) throw new ArgumentException($"Class value {values[c]} is not finite.", nameof(values));
            if (c > 0 && !(values[c] > values[c - 1])) throw new ArgumentException("Class values must be strictly increasing.", nameof(values));
        }
        return new ClassLabels(values.ToArray(), null);
    }

    /// <summary>Text classes (distinct, in ordinal order).</summary>
    /// <param name="names">The class names.</param>
    public static ClassLabels FromNames(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        for (int c = 0; c < names.Count; c++)
        {
            ArgumentNullException.ThrowIfNull(names[c], nameof(names));
            if (c > 0 && string.CompareOrdinal(names[c], names[c - 1]) <= 0)
                throw new ArgumentException("Class names must be distinct and in ordinal order.", nameof(names));
        }
        return new ClassLabels(null, names.ToArray());
    }

    /// <summary>The classes of <paramref name="labels"/> and each label's class index. Numeric labels must be whole numbers
    /// (scikit-learn's "Unknown label type: continuous" otherwise); text labels may be anything.</summary>
    /// <typeparam name="TLabel">string, bool, or a numeric type (int, long, double, …).</typeparam>
    /// <param name="labels">One label per sample.</param>
    /// <param name="indices">The class index of each label.</param>
    public static ClassLabels Fit<TLabel>(IReadOnlyList<TLabel> labels, out int[] indices) => Fit(labels, out indices, nameof(labels));

    /// <summary><see cref="Fit{TLabel}(IReadOnlyList{TLabel}, out int[])"/> with errors naming <paramref name="parameter"/>
    /// (an estimator's <c>y</c>).</summary>
    internal static ClassLabels Fit<TLabel>(IReadOnlyList<TLabel> labels, out int[] indices, string parameter)
    {
        ArgumentNullException.ThrowIfNull(labels, parameter);
        if (labels is IReadOnlyList<string> text)
        {
            var names = new SortedSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < text.Count; i++)
                names.Add(text[i] ?? throw new ArgumentException($"{parameter}[{i}] is null.", parameter));
            var classes = FromNames(names.ToArray());
            indices = classes.IndicesOf(labels, parameter);
            return classes;
        }
        var values = new SortedSet<double>();
        for (int i = 0; i < labels.Count; i++)
        {
            double v = ToDouble(labels[i], i, parameter);
            // scikit-learn's type_of_target: real values that are not whole numbers are a regression target, not classes
            // (house prices made a 3,842-class multinomial fit without a word).
            if (v != Math.Floor(v))
                throw new ArgumentException(
                    $"Unknown label type: continuous. {parameter}[{i}] = {v.ToString("R", CultureInfo.InvariantCulture)} is not a whole number, so " +
                    $"{parameter} looks like a regression target, not class labels. Use a regressor, or pass the labels as text (strings) " +
                    "to make every distinct value a class.", parameter);
            values.Add(v);
        }
        var numeric = FromValues(values.ToArray());
        indices = numeric.IndicesOf(labels, parameter);
        return numeric;
    }

    /// <summary>The class index of every label; a label that is not a class is an <see cref="ArgumentException"/>.</summary>
    /// <typeparam name="TLabel">string, or a numeric type.</typeparam>
    /// <param name="labels">The labels.</param>
    /// <param name="parameter">The parameter name for errors.</param>
    public int[] IndicesOf<TLabel>(IReadOnlyList<TLabel> labels, string parameter = "labels")
    {
        ArgumentNullException.ThrowIfNull(labels);
        var result = new int[labels.Count];
        for (int i = 0; i < result.Length; i++)
        {
            int c;
            if (_text is not null)
            {
                if (labels[i] is not string s)
                    throw new ArgumentException($"{parameter}[{i}] is {(labels[i] is null ? "null" : labels[i]!.GetType().Name)}; the classes are text labels.", parameter);
                c = Array.BinarySearch(_text, s, StringComparer.Ordinal);
            }
            else if (labels[i] is string s)
                throw new ArgumentException($"{parameter}[{i}] = \"{s}\" is text; the classes are numbers ({string.Join(", ", Names.Take(10))}{(Count > 10 ? ", …" : "")}).", parameter);
            else c = Array.BinarySearch(_numeric!, ToDouble(labels[i], i, parameter));
            if (c < 0) throw new ArgumentException($"{parameter}[{i}] = {Describe(labels[i])} is not one of the {Count} classes ({string.Join(", ", Names.Take(10))}{(Count > 10 ? ", …" : "")}).", parameter);
            result[i] = c;
        }
        return result;
    }

    private static string Describe<TLabel>(TLabel label) => label switch
    {
        string s => $"\"{s}\"",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => label?.ToString() ?? "null",
    };

    private static double ToDouble<TLabel>(TLabel label, int i, string parameter)
    {
        double v = label switch
        {
            double d => d,
            float f => f,
            bool b => b ? 1 : 0,
            int n => n,
            long l => l,
            short s => s,
            byte b => b,
            uint u => u,
            ulong ul => ul,
            sbyte sb => sb,
            ushort us => us,
            decimal m => (double)m,
            null => throw new ArgumentException($"{parameter}[{i}] is null.", parameter),
            _ => throw new ArgumentException($"{parameter}[{i}] has type {label.GetType().Name}; class labels must be numbers, bools or strings.", parameter),
        };
        if (!double.IsFinite(v)) throw new ArgumentException($"{parameter}[{i}] = {v} is not a finite class label.", parameter);
        return v;
    }
}
