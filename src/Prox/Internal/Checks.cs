namespace OptSuite.Prox;

/// <summary>Argument checks shared by the regularisers and projections; every message names the parameter.</summary>
internal static class Checks
{
    /// <summary>
    /// Relative slack used when deciding membership of a set (indicator values, conjugate domains): points produced by a
    /// projection or rescaled by a domain gauge land on the boundary only up to a few rounding errors.
    /// </summary>
    public const double RelativeSlack = 1e-9;

    public static double Lambda(double value, string name)
    {
        if (!(value >= 0) || !double.IsFinite(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and ≥ 0.");
        return value;
    }

    public static double Positive(double value, string name)
    {
        if (!(value > 0) || !double.IsFinite(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and > 0.");
        return value;
    }

    public static double Finite(double value, string name)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite.");
        return value;
    }

    public static double UnitInterval(double value, string name)
    {
        if (!(value >= 0 && value <= 1)) throw new ArgumentOutOfRangeException(name, value, $"{name} must lie in [0, 1].");
        return value;
    }

    /// <summary>Copies non-negative finite weights; throws naming the first bad entry.</summary>
    public static double[] Weights(ReadOnlySpan<double> weights, string name)
    {
        for (int j = 0; j < weights.Length; j++)
        {
            double c = weights[j];
            if (!(c >= 0) || !double.IsFinite(c))
                throw new ArgumentException($"{name}[{j}] = {c}; weights must be finite and ≥ 0.", name);
        }
        return weights.ToArray();
    }

    public static bool AllZero(ReadOnlySpan<double> x)
    {
        foreach (double c in x) if (c != 0) return false;
        return true;
    }

    public static void Step(double step)
    {
        if (!(step > 0) || !double.IsFinite(step))
            throw new ArgumentOutOfRangeException(nameof(step), step, "The step must be finite and > 0.");
    }

    public static void Length(int actual, int expected, string name)
    {
        if (actual != expected)
            throw new ArgumentException($"{name} has length {actual}; expected {expected}.", name);
    }

    /// <summary>The destination must have the input's length and either be the same memory or not overlap at all.</summary>
    public static void Destination(ReadOnlySpan<double> v, Span<double> result)
    {
        if (result.Length != v.Length)
            throw new ArgumentException($"result has length {result.Length}; expected {v.Length} (the length of v).", nameof(result));
        if (v.Overlaps(result, out int offset) && offset != 0)
            throw new ArgumentException("result overlaps v at an offset; pass the same span or disjoint memory.", nameof(result));
    }
}
