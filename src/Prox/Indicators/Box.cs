namespace OptSuite.Prox.Indicators;

/// <summary>
/// The indicator of the box {w : l_j ≤ w_j ≤ u_j}, with scalar bounds (any dimension) or per-coordinate bounds; −∞ and
/// +∞ are allowed as bounds, l_j ≤ u_j.
/// </summary>
/// <remarks>
/// prox = projection clamp(v, l, u). R*(y) = σ(y) = Σ_j max(y_j l_j, y_j u_j), taken as 0 where y_j = 0 and +∞ where y_j
/// points at an infinite bound; the domain gauge is 0 when σ(y) is finite and +∞ otherwise (rescaling keeps signs).
/// The normal cone at w_j is {0} inside, (−∞, 0] at a lower bound, [0, ∞) at an upper bound and ℝ when l_j = u_j.
/// </remarks>
public readonly struct Box : ISeparableRegularizer
{
    private readonly double _lower, _upper;
    private readonly double[]? _lowers, _uppers;

    /// <summary>The box [l, u]ᵈ for vectors of any length.</summary>
    /// <param name="lower">The lower bound l (−∞ allowed).</param>
    /// <param name="upper">The upper bound u ≥ l (+∞ allowed).</param>
    public Box(double lower, double upper)
    {
        Projections.BoxBounds(lower, upper, nameof(lower));
        (_lower, _upper, _lowers, _uppers) = (lower, upper, null, null);
    }

    /// <summary>The box ∏_j [l_j, u_j] for vectors of length <c>lower.Length</c>.</summary>
    /// <param name="lower">Lower bounds l_j (−∞ allowed); copied.</param>
    /// <param name="upper">Upper bounds u_j ≥ l_j (+∞ allowed), same length; copied.</param>
    public Box(ReadOnlySpan<double> lower, ReadOnlySpan<double> upper)
    {
        Checks.Length(upper.Length, lower.Length, nameof(upper));
        for (int j = 0; j < lower.Length; j++) Projections.BoxBounds(lower[j], upper[j], nameof(lower));
        (_lower, _upper, _lowers, _uppers) = (0, 0, lower.ToArray(), upper.ToArray());
    }

    /// <summary>The lower bound of coordinate j.</summary>
    /// <param name="j">The coordinate index.</param>
    public double LowerOf(int j) => _lowers is null ? _lower : _lowers[j];

    /// <summary>The upper bound of coordinate j.</summary>
    /// <param name="j">The coordinate index.</param>
    public double UpperOf(int j) => _uppers is null ? _upper : _uppers[j];

    /// <inheritdoc/>
    public bool IsSeparable => true;

    /// <inheritdoc/>
    public bool IsSmooth
    {
        get
        {
            if (_lowers is null) return _lower == double.NegativeInfinity && _upper == double.PositiveInfinity;
            for (int j = 0; j < _lowers.Length; j++)
                if (_lowers[j] != double.NegativeInfinity || _uppers![j] != double.PositiveInfinity) return false;
            return true;
        }
    }

    private void CheckLength(int length, string name)
    {
        if (_lowers is not null) Checks.Length(length, _lowers.Length, name);
    }

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> w)
    {
        CheckLength(w.Length, nameof(w));
        for (int j = 0; j < w.Length; j++)
            if (!(w[j] >= LowerOf(j) && w[j] <= UpperOf(j))) return double.PositiveInfinity;
        return 0.0;
    }

    /// <inheritdoc/>
    public double Prox(ReadOnlySpan<double> v, double step, Span<double> result)
    {
        if (_lowers is null) Projections.Box(v, _lower, _upper, result);
        else
        {
            CheckLength(v.Length, nameof(v));
            Projections.Box(v, _lowers, _uppers, result);
        }
        return 0.0;
    }

    /// <inheritdoc/>
    public double Conjugate(ReadOnlySpan<double> u)
    {
        CheckLength(u.Length, nameof(u));
        double s = 0;
        for (int j = 0; j < u.Length; j++)
        {
            double y = u[j];
            if (y > 0) s += y * UpperOf(j);
            else if (y < 0) s += y * LowerOf(j);
        }
        // Terms of opposite infinite sign arise only from overflow of huge finite bounds; report the sup as unbounded.
        return double.IsNaN(s) ? double.PositiveInfinity : s;
    }

    /// <inheritdoc/>
    public double ConjugateDomainGauge(ReadOnlySpan<double> u)
    {
        CheckLength(u.Length, nameof(u));
        for (int j = 0; j < u.Length; j++)
            if ((u[j] > 0 && UpperOf(j) == double.PositiveInfinity) || (u[j] < 0 && LowerOf(j) == double.NegativeInfinity))
                return double.PositiveInfinity;
        return 0.0;
    }

    /// <inheritdoc/>
    public double ConjugateCoordinate(double uj, int j)
    {
        double s = uj > 0 ? uj * UpperOf(j) : uj < 0 ? uj * LowerOf(j) : 0.0;
        return double.IsNaN(s) ? double.PositiveInfinity : s;
    }

    /// <inheritdoc/>
    public double ConjugateDomainGaugeCoordinate(double uj, int j) =>
        (uj > 0 && UpperOf(j) == double.PositiveInfinity) || (uj < 0 && LowerOf(j) == double.NegativeInfinity) ? double.PositiveInfinity : 0.0;

    /// <inheritdoc/>
    public double ValueCoordinate(double wj, int j) => wj >= LowerOf(j) && wj <= UpperOf(j) ? 0.0 : double.PositiveInfinity;

    /// <inheritdoc/>
    public double ProxCoordinate(double vj, double step, int j) => Math.Min(Math.Max(vj, LowerOf(j)), UpperOf(j));

    /// <inheritdoc/>
    public double SubdifferentialDistance(double wj, double gj, int j) => IntervalNormalDistance(wj, gj, LowerOf(j), UpperOf(j));

    /// <summary>dist(−g, N_[l,u](w)).</summary>
    internal static double IntervalNormalDistance(double w, double g, double l, double u)
    {
        if (!(w >= l && w <= u)) return double.PositiveInfinity;
        bool atLower = w == l, atUpper = w == u;
        if (atLower && atUpper) return 0.0;
        if (atLower) return Math.Max(-g, 0);
        if (atUpper) return Math.Max(g, 0);
        return Math.Abs(g);
    }
}
