using System.Numerics.Tensors;

namespace OptSuite.Prox;

/// <summary>
/// Block soft-thresholding and block KKT distances for t‖·‖₂ on one block, contiguous (a slice) or scattered (an
/// index list into the full vector), plain or restricted to the non-negative orthant.
/// </summary>
/// <remarks>
/// prox_{t‖·‖₂}(v) = max(0, 1 − t/‖v‖₂)·v (block soft-thresholding; Yuan and Lin 2006, Bach et al. 2012 §3.3). With the
/// orthant constraint, prox_{t‖·‖₂ + ι₊}(v) = prox_{t‖·‖₂}(max(v, 0)) because the norm is monotone in |v| and sign
/// invariant (Bach et al. 2012, Prop. 3.5 reasoning for orthant-monotone norms). Each returns ‖result‖₂ = (‖v‖ − t)₊.
/// </remarks>
internal static class BlockKernels
{
    public static double Shrink(ReadOnlySpan<double> v, double t, Span<double> result)
    {
        double norm = Norms.L2(v);
        if (norm <= t) { result.Clear(); return 0; }
        TensorPrimitives.Multiply(v, 1 - t / norm, result);
        return norm - t;
    }

    /// <summary>Block shrink of v[indices] written to result[indices]; reads each entry before writing it, so result may alias v.</summary>
    public static double Shrink(ReadOnlySpan<double> v, ReadOnlySpan<int> indices, double t, Span<double> result)
    {
        double norm = Norms.L2(v, indices);
        double scale = norm <= t ? 0 : 1 - t / norm;
        foreach (int j in indices) result[j] = v[j] * scale;
        return norm <= t ? 0 : norm - t;
    }

    public static double PositiveShrink(ReadOnlySpan<double> v, double t, Span<double> result)
    {
        double norm = Norms.PositivePartL2(v);
        double scale = norm <= t ? 0 : 1 - t / norm;
        for (int i = 0; i < v.Length; i++) result[i] = Math.Max(v[i], 0) * scale;
        return norm <= t ? 0 : norm - t;
    }

    public static double PositiveShrink(ReadOnlySpan<double> v, ReadOnlySpan<int> indices, double t, Span<double> result)
    {
        double norm = Norms.PositivePartL2(v, indices);
        double scale = norm <= t ? 0 : 1 - t / norm;
        foreach (int j in indices) result[j] = Math.Max(v[j], 0) * scale;
        return norm <= t ? 0 : norm - t;
    }

    /// <summary>dist(−g, ∂(t‖·‖₂)(w)): ‖g + t·w/‖w‖‖ for w ≠ 0, (‖g‖ − t)₊ at w = 0.</summary>
    public static double Distance(ReadOnlySpan<double> w, ReadOnlySpan<double> g, double t)
    {
        double nw = Norms.L2(w);
        if (nw == 0) return Math.Max(Norms.L2(g) - t, 0);
        return ResidualNorm(w, g, t / nw, positive: false);
    }

    /// <summary>dist(−g, ∂(t‖·‖₂ + ι₊)(w)); +∞ when w has a negative entry.</summary>
    public static double PositiveDistance(ReadOnlySpan<double> w, ReadOnlySpan<double> g, double t)
    {
        foreach (double x in w) if (x < 0) return double.PositiveInfinity;
        double nw = Norms.L2(w);
        if (nw == 0) return Math.Max(ResidualNorm(w, g, 0, positive: true) - t, 0);   // ‖(−g)₊‖ against the radius t
        return ResidualNorm(w, g, t / nw, positive: true);
    }

    // Entry i: g_i + c·w_i, except, with the orthant, (−g_i)₊ where w_i = 0 (the normal cone there is (−∞, 0]).
    private static double Residual(double wi, double gi, double c, bool positive) =>
        positive && wi == 0 ? Math.Max(-gi, 0) : gi + c * wi;

    // Not a hot path (KKT checks once per epoch); the scaled sum keeps huge or tiny entries finite.
    private static double ResidualNorm(ReadOnlySpan<double> w, ReadOnlySpan<double> g, double c, bool positive)
    {
        double m = 0;
        for (int i = 0; i < w.Length; i++) m = Math.Max(m, Math.Abs(Residual(w[i], g[i], c, positive)));
        if (m == 0 || !double.IsFinite(m)) return m;
        double s = 0;
        for (int i = 0; i < w.Length; i++) { double y = Residual(w[i], g[i], c, positive) / m; s += y * y; }
        return m * Math.Sqrt(s);
    }
}
