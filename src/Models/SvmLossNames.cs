using OptSuite.Models.Internal;

namespace OptSuite.Models;

/// <summary>The short names of <see cref="SvmLoss"/> (hinge, squared-hinge).</summary>
public static class SvmLossNames
{
    private static readonly EnumNames<SvmLoss> Table = new("SVM loss", "name", [(SvmLoss.Hinge, "hinge"), (SvmLoss.SquaredHinge, "squared-hinge")]);

    /// <summary>Every name, in <see cref="SvmLoss"/>'s order.</summary>
    public static IReadOnlyList<string> Names => Table.Names;

    /// <summary>hinge or squared-hinge.</summary>
    /// <param name="loss">The loss.</param>
    public static string ToName(SvmLoss loss) => Table.ToName(loss, nameof(loss));

    /// <summary>Parses hinge or squared-hinge (case-insensitive; scikit-learn's squared_hinge accepted).</summary>
    /// <param name="name">The name.</param>
    public static SvmLoss Parse(string name) => Table.Parse(name);
}
