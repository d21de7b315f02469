namespace OptSuite.Models;

/// <summary>The short names of <see cref="Penalty"/> (l2, l1, elastic-net) used on the command line and in saved models.</summary>
public static class PenaltyNames
{
    /// <summary>l2, l1 or elastic-net.</summary>
    /// <param name="penalty">The penalty.</param>
    public static string ToName(Penalty penalty) => penalty switch
    {
        Penalty.L2 => "l2",
        Penalty.L1 => "l1",
        Penalty.ElasticNet => "elastic-net",
        _ => throw new ArgumentOutOfRangeException(nameof(penalty), penalty, "Not a Penalty value."),
    };

    /// <summary>Parses l2, l1 or elastic-net (case-insensitive).</summary>
    /// <param name="name">The name.</param>
    public static Penalty Parse(string name) => name?.ToLowerInvariant() switch
    {
        "l2" => Penalty.L2,
        "l1" => Penalty.L1,
        "elastic-net" or "elasticnet" => Penalty.ElasticNet,
        _ => throw new ArgumentException($"Unknown penalty '{name}'; expected l2, l1 or elastic-net.", nameof(name)),
    };
}
