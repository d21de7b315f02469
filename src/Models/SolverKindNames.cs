namespace OptSuite.Models;

/// <summary>The short names of <see cref="SolverKind"/> used on the command line and in saved models.</summary>
public static class SolverKindNames
{
    private static readonly (SolverKind Kind, string Name)[] s_names =
    [
        (SolverKind.Auto, "auto"), (SolverKind.Fista, "fista"), (SolverKind.Ista, "ista"), (SolverKind.Lbfgs, "lbfgs"),
        (SolverKind.OwlQn, "owlqn"), (SolverKind.CoordinateDescent, "cd"), (SolverKind.DualCoordinateDescent, "dual-cd"),
        (SolverKind.InteriorPoint, "ipm"), (SolverKind.Newton, "newton"),
    ];

    /// <summary>Every short name, in enum order.</summary>
    public static IReadOnlyList<string> All { get; } = s_names.Select(p => p.Name).ToArray();

    /// <summary>The short name of <paramref name="kind"/> (auto, fista, ista, lbfgs, owlqn, cd, dual-cd, ipm, newton).</summary>
    /// <param name="kind">The solver.</param>
    public static string ToName(SolverKind kind)
    {
        foreach (var (k, n) in s_names) if (k == kind) return n;
        throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a SolverKind value.");
    }

    /// <summary>Parses a short name (case-insensitive); throws an <see cref="ArgumentException"/> listing the names otherwise.</summary>
    /// <param name="name">The short name.</param>
    public static SolverKind Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var (k, n) in s_names) if (string.Equals(n, name, StringComparison.OrdinalIgnoreCase)) return k;
        throw new ArgumentException($"Unknown solver '{name}'; expected one of {string.Join(", ", All)}.", nameof(name));
    }
}
