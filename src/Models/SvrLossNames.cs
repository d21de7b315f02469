namespace OptSuite.Models;

/// <summary>The short names of <see cref="SvrLoss"/> (epsilon-insensitive, squared-epsilon-insensitive).</summary>
public static class SvrLossNames
{
    /// <summary>Every name, in <see cref="SvrLoss"/>'s order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["epsilon-insensitive", "squared-epsilon-insensitive"];

    /// <summary>epsilon-insensitive or squared-epsilon-insensitive.</summary>
    /// <param name="loss">The loss.</param>
    public static string ToName(SvrLoss loss) => loss switch
    {
        SvrLoss.EpsilonInsensitive => Names[0],
        SvrLoss.SquaredEpsilonInsensitive => Names[1],
        _ => throw new ArgumentOutOfRangeException(nameof(loss), loss, "Not an SvrLoss value."),
    };

    /// <summary>Parses a name (case-insensitive; scikit-learn's underscores accepted); false when it is none.</summary>
    /// <param name="name">The name.</param>
    /// <param name="loss">The loss.</param>
    public static bool TryParse(string? name, out SvrLoss loss)
    {
        switch (name?.ToLowerInvariant().Replace('_', '-'))
        {
            case "epsilon-insensitive": loss = SvrLoss.EpsilonInsensitive; return true;
            case "squared-epsilon-insensitive": loss = SvrLoss.SquaredEpsilonInsensitive; return true;
            default: loss = default; return false;
        }
    }

    /// <summary>Parses epsilon-insensitive or squared-epsilon-insensitive (case-insensitive).</summary>
    /// <param name="name">The name.</param>
    public static SvrLoss Parse(string name) => TryParse(name, out SvrLoss loss) ? loss
        : throw new ArgumentException($"Unknown SVR loss '{name}'; expected {string.Join(" or ", Names)}.", nameof(name));
}
