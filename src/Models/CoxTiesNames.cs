using OptSuite.Models.Internal;
using OptSuite.Objectives.Survival;

namespace OptSuite.Models;

/// <summary>The short names of <see cref="CoxTies"/> (breslow, efron): the command line's <c>--ties</c> and the saved
/// file's <c>options.ties</c>.</summary>
public static class CoxTiesNames
{
    private static readonly EnumNames<CoxTies> Table = new("ties method", "Ties", [(CoxTies.Breslow, "breslow"), (CoxTies.Efron, "efron")]);

    /// <summary>Every name, in <see cref="CoxTies"/>'s order.</summary>
    public static IReadOnlyList<string> Names => Table.Names;

    /// <summary>breslow or efron.</summary>
    /// <param name="ties">The method.</param>
    public static string ToName(CoxTies ties) => Table.ToName(ties, nameof(ties));

    /// <summary>Parses a name (case-insensitive); false when it is none.</summary>
    /// <param name="name">The name.</param>
    /// <param name="ties">The method.</param>
    public static bool TryParse(string? name, out CoxTies ties) => Table.TryParse(name, out ties);

    /// <summary>Parses breslow or efron (case-insensitive).</summary>
    /// <param name="name">The name.</param>
    /// <exception cref="ArgumentException">Another name (parameter <c>Ties</c>).</exception>
    public static CoxTies Parse(string name) => Table.Parse(name);
}
