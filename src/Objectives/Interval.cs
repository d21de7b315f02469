namespace OptSuite.Objectives;

/// <summary>A closed interval [Lower, Upper] of the extended real line (bounds may be infinite).</summary>
/// <param name="Lower">Lower bound (may be −∞).</param>
/// <param name="Upper">Upper bound (may be +∞).</param>
public readonly record struct Interval(double Lower, double Upper)
{
    /// <summary>The whole real line.</summary>
    public static Interval All => new(double.NegativeInfinity, double.PositiveInfinity);

    /// <summary>True when <paramref name="x"/> lies in the interval.</summary>
    /// <param name="x">The point.</param>
    /// <returns>Whether Lower ≤ x ≤ Upper.</returns>
    public bool Contains(double x) => x >= Lower && x <= Upper;

    /// <summary>The point of the interval nearest to <paramref name="x"/>.</summary>
    /// <param name="x">The point.</param>
    /// <returns>x clipped to the interval.</returns>
    public double Clamp(double x) => x < Lower ? Lower : (x > Upper ? Upper : x);
}
