namespace OptSuite.Prox.Indicators;

/// <summary>The indicator of the non-negative orthant, R(w) = 0 if w ≥ 0 and +∞ otherwise.</summary>
/// <remarks>
/// prox = projection max(v, 0). R*(u) = σ(u) = sup_{w ≥ 0} ⟨u, w⟩ = 0 if u ≤ 0, +∞ otherwise; no positive rescaling changes
/// the signs of u, so the domain gauge is 0 when u ≤ 0 and +∞ otherwise. The normal cone at w_j is {0} for w_j &gt; 0 and
/// (−∞, 0] at w_j = 0, so dist(−g_j, ·) = |g_j| or (−g_j)₊; +∞ for infeasible w_j.
/// </remarks>
public readonly struct NonNegativeOrthant : ISeparableRegularizer
{
    /// <inheritdoc/>
    public bool IsSeparable => true;

    /// <inheritdoc/>
    public bool IsSmooth => false;

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> w)
    {
        foreach (double x in w) if (x < 0) return double.PositiveInfinity;
        return 0.0;
    }

    /// <inheritdoc/>
    public double Prox(ReadOnlySpan<double> v, double step, Span<double> result)
    {
        Projections.NonNegative(v, result);
        return 0.0;
    }

    /// <inheritdoc/>
    public double Conjugate(ReadOnlySpan<double> u)
    {
        foreach (double x in u) if (x > 0) return double.PositiveInfinity;
        return 0.0;
    }

    /// <inheritdoc/>
    public double ConjugateDomainGauge(ReadOnlySpan<double> u) => Conjugate(u);

    /// <inheritdoc/>
    public double ConjugateCoordinate(double uj, int j) => uj > 0 ? double.PositiveInfinity : 0.0;

    /// <inheritdoc/>
    public double ConjugateDomainGaugeCoordinate(double uj, int j) => ConjugateCoordinate(uj, j);

    /// <inheritdoc/>
    public double ValueCoordinate(double wj, int j) => wj < 0 ? double.PositiveInfinity : 0.0;

    /// <inheritdoc/>
    public double ProxCoordinate(double vj, double step, int j) => Math.Max(vj, 0);

    /// <inheritdoc/>
    public double SubdifferentialDistance(double wj, double gj, int j) =>
        wj < 0 ? double.PositiveInfinity : wj > 0 ? Math.Abs(gj) : Math.Max(-gj, 0);
}
