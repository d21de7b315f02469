namespace OptSuite.Models;

/// <summary>The command-line names of <see cref="SolverKind"/> values ("auto", "lbfgs", "dual-cd", ...), read from <see cref="SolverRegistry"/>.</summary>
public static class SolverKindNames
{
    /// <summary>Every name, "auto" first, then the registry's order.</summary>
    public static IReadOnlyList<string> All => SolverRegistry.Names;

    /// <summary>The name of <paramref name="kind"/>.</summary>
    /// <param name="kind">A solver kind.</param>
    public static string ToName(SolverKind kind) => kind == SolverKind.Auto ? "auto"
        : Enum.IsDefined(kind) ? SolverRegistry.Get(kind).Name
        : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a SolverKind value.");

    /// <summary>The kind named <paramref name="name"/> (case-insensitive).</summary>
    /// <param name="name">A solver name.</param>
    public static SolverKind Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (string.Equals(name, "auto", StringComparison.OrdinalIgnoreCase)) return SolverKind.Auto;
        return SolverRegistry.Find(name)?.Kind
            ?? throw new ArgumentException($"Unknown solver '{name}'; expected one of {string.Join(", ", All)}.", nameof(name));
    }
}
