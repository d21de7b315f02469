namespace OptSuite.Models;

/// <summary>The short names of <see cref="SvmLoss"/> (hinge, squared-hinge).</summary>
public static class SvmLossNames
{
    /// <summary>Every name, in <see cref="SvmLoss"/>'s order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["hinge", "squared-hinge"];

    /// <summary>hinge or squared-hinge.</summary>
    /// <param name="loss">The loss.</param>
    public static string ToName(SvmLoss loss) => loss switch
    {
        SvmLoss.Hinge => "hinge",
        SvmLoss.SquaredHinge => "squared-hinge",
        _ => throw new ArgumentOutOfRangeException(nameof(loss), loss, "Not an SvmLoss value."),
    };

    /// <summary>Parses hinge or squared-hinge (case-insensitive).</summary>
    /// <param name="name">The name.</param>
    public static SvmLoss Parse(string name) => name?.ToLowerInvariant() switch
    {
        "hinge" => SvmLoss.Hinge,
        "squared-hinge" or "squared_hinge" => SvmLoss.SquaredHinge,
        _ => throw new ArgumentException($"Unknown SVM loss '{name}'; expected hinge or squared-hinge.", nameof(name)),
    };
}
