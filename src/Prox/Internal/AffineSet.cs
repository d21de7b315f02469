namespace OptSuite.Prox;

/// <summary>Shared arithmetic of the hyperplane and halfspace indicators (unit normal â, offset b̂).</summary>
internal static class AffineSet
{
    public static (double[] UnitNormal, double UnitOffset) Normalise(ReadOnlySpan<double> normal, double offset, string normalName, string offsetName)
    {
        Checks.Finite(offset, offsetName);
        foreach (double x in normal)
            if (!double.IsFinite(x)) throw new ArgumentException("The normal must have finite entries.", normalName);
        double norm = Norms.L2(normal);
        if (!(norm > 0) || !double.IsFinite(norm)) throw new ArgumentException("The normal must not be zero.", normalName);
        var unit = new double[normal.Length];
        for (int j = 0; j < unit.Length; j++) unit[j] = normal[j] / norm;
        return (unit, offset / norm);
    }

    /// <summary>âᵀw − b̂, with the scale |b̂| + Σ|â_j w_j| against which rounding is judged.</summary>
    public static double Residual(ReadOnlySpan<double> unit, double unitOffset, ReadOnlySpan<double> w, out double scale)
    {
        double dot = 0, abs = 0;
        for (int j = 0; j < w.Length; j++) { double p = unit[j] * w[j]; dot += p; abs += Math.Abs(p); }
        scale = Math.Abs(unitOffset) + abs;
        return dot - unitOffset;
    }

    /// <summary>Whether u = t·â up to a relative slack, with t = âᵀu; the residual ‖u − tâ‖ is summed directly
    /// (‖u‖² − t² would cancel).</summary>
    public static bool IsParallel(ReadOnlySpan<double> unit, ReadOnlySpan<double> u, out double t)
    {
        double m = 0;
        foreach (double x in u) m = Math.Max(m, Math.Abs(x));
        t = 0;
        if (m == 0) return true;
        double dot = 0;
        for (int j = 0; j < u.Length; j++) dot += unit[j] * (u[j] / m);
        double residual = 0, norm = 0;
        for (int j = 0; j < u.Length; j++)
        {
            double y = u[j] / m, r = y - dot * unit[j];
            residual += r * r;
            norm += y * y;
        }
        t = dot * m;
        return Math.Sqrt(residual) <= Checks.RelativeSlack * Math.Sqrt(norm);
    }
}
