namespace OptSuite.Objectives.Divergences;

internal static class DivergenceChecks
{
    public static void Lengths(int p, int q, int gradP, int gradQ)
    {
        if (p == 0) throw new ArgumentException("Vectors must not be empty.", "p");
        if (q != p) throw new ArgumentException($"Length of q ({q}) differs from length of p ({p}).", "q");
        if (gradP != 0 && gradP != p) throw new ArgumentException($"Gradient length {gradP} differs from {p}.", "gradientP");
        if (gradQ != 0 && gradQ != p) throw new ArgumentException($"Gradient length {gradQ} differs from {p}.", "gradientQ");
    }

    public static void Probability(ReadOnlySpan<double> v, string name)
    {
        foreach (double x in v)
            if (!(x >= 0) || !double.IsFinite(x)) throw new ArgumentException($"Entries must be finite and non-negative, got {x}.", name);
    }
}
