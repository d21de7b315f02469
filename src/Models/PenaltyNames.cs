using OptSuite.Models.Internal;

namespace OptSuite.Models;

/// <summary>The short names of <see cref="Penalty"/> (l2, l1, elastic-net) used on the command line and in saved models.</summary>
public static class PenaltyNames
{
    private static readonly EnumNames<Penalty> Table = new("penalty", "name",
        [(Penalty.L2, "l2"), (Penalty.L1, "l1"), (Penalty.ElasticNet, "elastic-net")], ("elasticnet", Penalty.ElasticNet));

    /// <summary>l2, l1 or elastic-net.</summary>
    /// <param name="penalty">The penalty.</param>
    public static string ToName(Penalty penalty) => Table.ToName(penalty, nameof(penalty));

    /// <summary>Parses l2, l1 or elastic-net (case-insensitive).</summary>
    /// <param name="name">The name.</param>
    public static Penalty Parse(string name) => Table.Parse(name);
}
