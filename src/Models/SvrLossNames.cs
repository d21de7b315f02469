using OptSuite.Models.Internal;

namespace OptSuite.Models;

/// <summary>The short names of <see cref="SvrLoss"/> (epsilon-insensitive, squared-epsilon-insensitive).</summary>
public static class SvrLossNames
{
    private static readonly EnumNames<SvrLoss> Table = new("SVR loss", "name",
        [(SvrLoss.EpsilonInsensitive, "epsilon-insensitive"), (SvrLoss.SquaredEpsilonInsensitive, "squared-epsilon-insensitive")]);

    /// <summary>Every name, in <see cref="SvrLoss"/>'s order.</summary>
    public static IReadOnlyList<string> Names => Table.Names;

    /// <summary>epsilon-insensitive or squared-epsilon-insensitive.</summary>
    /// <param name="loss">The loss.</param>
    public static string ToName(SvrLoss loss) => Table.ToName(loss, nameof(loss));

    /// <summary>Parses a name (case-insensitive; scikit-learn's underscores accepted); false when it is none.</summary>
    /// <param name="name">The name.</param>
    /// <param name="loss">The loss.</param>
    public static bool TryParse(string? name, out SvrLoss loss) => Table.TryParse(name, out loss);

    /// <summary>Parses epsilon-insensitive or squared-epsilon-insensitive (case-insensitive).</summary>
    /// <param name="name">The name.</param>
    public static SvrLoss Parse(string name) => Table.Parse(name);
}
