namespace OptSuite.Tests.Prox;

/// <summary>Plain, slow reference computations that share no code with src/Prox.</summary>
internal static class ProxReferences
{
    /// <summary>argmin of a convex function on [a, b] by golden-section search (endpoints included).</summary>
    public static double GoldenSection(Func<double, double> f, double a, double b)
    {
        const double invPhi = 0.6180339887498949;
        double c = b - invPhi * (b - a), d = a + invPhi * (b - a);
        double fc = f(c), fd = f(d);
        for (int k = 0; k < 400 && b - a > 1e-16 * (Math.Abs(a) + Math.Abs(b)); k++)
        {
            if (fc <= fd) { b = d; d = c; fd = fc; c = b - invPhi * (b - a); fc = f(c); }
            else { a = c; c = d; fc = fd; d = a + invPhi * (b - a); fd = f(d); }
        }
        double best = 0.5 * (a + b), fb = f(best);
        foreach (double z in new[] { a, b, c, d })
        {
            double fz = f(z);
            if (fz < fb) { best = z; fb = fz; }
        }
        return best;
    }

    /// <summary>τ with Σ max(y_j − τ, 0) = r by bisection (y = v or |v|).</summary>
    public static double ThresholdByBisection(double[] y, double r)
    {
        double lo = y.Min() - r, hi = y.Max();
        for (int k = 0; k < 2000 && lo < hi; k++)
        {
            double mid = 0.5 * (lo + hi);
            if (mid <= lo || mid >= hi) break;
            double s = 0;
            foreach (double x in y) s += Math.Max(x - mid, 0);
            if (s > r) lo = mid; else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    public static double[] SimplexByBisection(double[] v, double r)
    {
        double tau = ThresholdByBisection(v, r);
        return v.Select(x => Math.Max(x - tau, 0)).ToArray();
    }

    public static double[] L1BallByBisection(double[] v, double r)
    {
        if (v.Sum(Math.Abs) <= r) return (double[])v.Clone();
        double tau = ThresholdByBisection(v.Select(Math.Abs).ToArray(), r);
        return v.Select(x => Math.Sign(x) * Math.Max(Math.Abs(x) - tau, 0)).ToArray();
    }

    /// <summary>Projection onto {‖x‖₂ ≤ r} by bisection on the multiplier μ of x = v/(1 + μ).</summary>
    public static double[] L2BallByBisection(double[] v, double r)
    {
        double norm = Norm2(v);
        if (norm <= r) return (double[])v.Clone();
        double lo = 0, hi = norm / r;
        for (int k = 0; k < 2000; k++)
        {
            double mid = 0.5 * (lo + hi);
            if (mid <= lo || mid >= hi) break;
            if (norm / (1 + mid) > r) lo = mid; else hi = mid;
        }
        double mu = hi;
        return v.Select(x => x / (1 + mu)).ToArray();
    }

    /// <summary>prox of t‖·‖₂ by the Moreau identity v − P_{tB₂}(v), with the ball projected by bisection.</summary>
    public static double[] BlockShrinkReference(double[] v, double t)
    {
        if (t == 0) return (double[])v.Clone();
        var p = L2BallByBisection(v, t);
        return v.Select((x, i) => x - p[i]).ToArray();
    }

    /// <summary>Overflow-safe ‖x‖₂.</summary>
    public static double Norm2(IEnumerable<double> x)
    {
        double m = x.Select(Math.Abs).DefaultIfEmpty(0).Max();
        if (m == 0) return 0;
        return m * Math.Sqrt(x.Sum(y => (y / m) * (y / m)));
    }

    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    public static double AbsDot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += Math.Abs(a[i] * b[i]);
        return s;
    }

    /// <summary>dist(x, [lo, hi]) for an interval that may be unbounded on either side.</summary>
    public static double IntervalDistance(double x, double lo, double hi) => x < lo ? lo - x : x > hi ? x - hi : 0;

    /// <summary>One-sided derivatives of a convex 1-D function by finite differences (±∞ at the edge of its domain).</summary>
    public static (double Left, double Right) OneSidedDerivatives(Func<double, double> r, double w, double lo, double hi)
    {
        double h = 1e-7 * (1 + Math.Abs(w));
        if (w != 0) h = Math.Min(h, 0.5 * Math.Abs(w));   // stay on one side of the kink at 0
        if (w > lo) h = Math.Min(h, 0.5 * (w - lo));
        if (w < hi) h = Math.Min(h, 0.5 * (hi - w));
        double f = r(w), fl = r(w - h), fr = r(w + h);
        double left = double.IsPositiveInfinity(fl) ? double.NegativeInfinity : (f - fl) / h;
        double right = double.IsPositiveInfinity(fr) ? double.PositiveInfinity : (fr - f) / h;
        return (left, right);
    }
}
