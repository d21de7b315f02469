namespace OptSuite.Models.Internal;

/// <summary>
/// The short names of one enum's values — the command line's spelling and the saved files' — in one table: the name of a
/// value, and a parse that is case-insensitive, takes '_' for '-', and accepts the listed aliases. The public
/// <c>…Names</c> classes (<see cref="PenaltyNames"/>, <see cref="SvmLossNames"/>, <see cref="SvrLossNames"/>,
/// <see cref="CoxTiesNames"/>) each hold one.
/// </summary>
/// <typeparam name="T">The enum.</typeparam>
internal sealed class EnumNames<T> where T : struct, Enum
{
    private readonly (T Value, string Name)[] _names;
    private readonly Dictionary<string, T> _parse = new(StringComparer.Ordinal);
    private readonly string _what, _parameter;

    /// <param name="what">What a value is, for messages ("penalty", "SVM loss").</param>
    /// <param name="parameter">The parameter an unknown name is reported against.</param>
    /// <param name="names">Every value with its name, in display order.</param>
    /// <param name="aliases">Other spellings parse accepts (already lower-case, '-' for '_').</param>
    public EnumNames(string what, string parameter, (T Value, string Name)[] names, params (string Alias, T Value)[] aliases)
    {
        _what = what;
        _parameter = parameter;
        _names = names;
        foreach (var (value, name) in names) _parse.Add(name, value);
        foreach (var (alias, value) in aliases) _parse.Add(alias, value);
        Names = names.Select(n => n.Name).ToArray();
    }

    /// <summary>Every name, in display order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The name of <paramref name="value"/>.</summary>
    public string ToName(T value, string parameter)
    {
        foreach (var (v, name) in _names)
            if (EqualityComparer<T>.Default.Equals(v, value)) return name;
        throw new ArgumentOutOfRangeException(parameter, value, $"Not a {typeof(T).Name} value.");
    }

    /// <summary>Parses a name; false when it is none.</summary>
    public bool TryParse(string? name, out T value)
    {
        value = default;
        return name is not null && _parse.TryGetValue(name.ToLowerInvariant().Replace('_', '-'), out value);
    }

    /// <summary>Parses a name, or throws an <see cref="ArgumentException"/> listing the names.</summary>
    public T Parse(string? name) => TryParse(name, out T value) ? value
        : throw new ArgumentException($"Unknown {_what} '{name}'; expected {List()}.", _parameter);

    private string List() => Names.Count == 1 ? Names[0] : $"{string.Join(", ", Names.Take(Names.Count - 1))} or {Names[^1]}";
}
