using System.Numerics.Tensors;

namespace OptSuite.Prox;

/// <summary>Euclidean norms that neither overflow for huge entries nor underflow to 0 for tiny ones.</summary>
internal static class Norms
{
    // Below this sum of squares some entries may have underflowed (|x| < 1e-154 squares below the normal range).
    private const double SafeLow = 1e-280;

    public static double L2(ReadOnlySpan<double> x)
    {
        double s = TensorPrimitives.SumOfSquares(x);
        if (s > SafeLow && double.IsFinite(s)) return Math.Sqrt(s);
        if (x.IsEmpty) return 0;
        double m = Math.Abs(TensorPrimitives.MaxMagnitude(x));
        if (m == 0 || !double.IsFinite(m)) return m;
        double inv = 1 / m, t = 0;
        if (!double.IsFinite(inv)) return ScaledSlow(x, m);
        for (int i = 0; i < x.Length; i++) { double y = x[i] * inv; t += y * y; }
        return m * Math.Sqrt(t);
    }

    public static double L2(ReadOnlySpan<double> x, ReadOnlySpan<int> indices)
    {
        double s = 0;
        for (int i = 0; i < indices.Length; i++) { double y = x[indices[i]]; s += y * y; }
        if (s > SafeLow && double.IsFinite(s)) return Math.Sqrt(s);
        double m = 0;
        for (int i = 0; i < indices.Length; i++) m = Math.Max(m, Math.Abs(x[indices[i]]));
        if (m == 0 || !double.IsFinite(m)) return m;
        double t = 0;
        for (int i = 0; i < indices.Length; i++) { double y = x[indices[i]] / m; t += y * y; }
        return m * Math.Sqrt(t);
    }

    /// <summary>‖max(x, 0)‖₂ (the positive part), for the non-negative group norms.</summary>
    public static double PositivePartL2(ReadOnlySpan<double> x)
    {
        double s = 0, m = 0;
        for (int i = 0; i < x.Length; i++) { double y = Math.Max(x[i], 0); s += y * y; m = Math.Max(m, y); }
        if (s > SafeLow && double.IsFinite(s)) return Math.Sqrt(s);
        if (m == 0) return 0;
        double t = 0;
        for (int i = 0; i < x.Length; i++) { double y = Math.Max(x[i], 0) / m; t += y * y; }
        return m * Math.Sqrt(t);
    }

    public static double PositivePartL2(ReadOnlySpan<double> x, ReadOnlySpan<int> indices)
    {
        double s = 0, m = 0;
        for (int i = 0; i < indices.Length; i++) { double y = Math.Max(x[indices[i]], 0); s += y * y; m = Math.Max(m, y); }
        if (s > SafeLow && double.IsFinite(s)) return Math.Sqrt(s);
        if (m == 0) return 0;
        double t = 0;
        for (int i = 0; i < indices.Length; i++) { double y = Math.Max(x[indices[i]], 0) / m; t += y * y; }
        return m * Math.Sqrt(t);
    }

    // 1/m overflows only for subnormal m; divide instead of multiplying.
    private static double ScaledSlow(ReadOnlySpan<double> x, double m)
    {
        double t = 0;
        for (int i = 0; i < x.Length; i++) { double y = x[i] / m; t += y * y; }
        return m * Math.Sqrt(t);
    }
}
