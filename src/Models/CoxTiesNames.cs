using OptSuite.Objectives.Survival;

namespace OptSuite.Models;

/// <summary>The short names of <see cref="CoxTies"/> (breslow, efron): the command line's <c>--ties</c> and the saved
/// file's <c>options.ties</c>.</summary>
public static class CoxTiesNames
{
    /// <summary>Every name, in <see cref="CoxTies"/>'s order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["breslow", "efron"];

    /// <summary>breslow or efron.</summary>
    /// <param name="ties">The method.</param>
    public static string ToName(CoxTies ties) => ties switch
    {
        CoxTies.Breslow => Names[0],
        CoxTies.Efron => Names[1],
        _ => throw new ArgumentOutOfRangeException(nameof(ties), ties, "Not a CoxTies value."),
    };

    /// <summary>Parses a name (case-insensitive); false when it is none.</summary>
    /// <param name="name">The name.</param>
    /// <param name="ties">The method.</param>
    public static bool TryParse(string? name, out CoxTies ties)
    {
        switch (name?.ToLowerInvariant())
        {
            case "breslow": ties = CoxTies.Breslow; return true;
            case "efron": ties = CoxTies.Efron; return true;
            default: ties = default; return false;
        }
    }

    /// <summary>Parses breslow or efron (case-insensitive).</summary>
    /// <param name="name">The name.</param>
    /// <exception cref="ArgumentException">Another name (parameter <c>Ties</c>).</exception>
    public static CoxTies Parse(string name) => TryParse(name, out CoxTies ties) ? ties
        : throw new ArgumentException($"Unknown ties method '{name}'; expected {string.Join(" or ", Names)}.", "Ties");
}
