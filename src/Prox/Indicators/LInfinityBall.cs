namespace OptSuite.Prox.Indicators;

/// <summary>The indicator of the ℓ∞ ball {w : ‖w‖∞ ≤ r}, r &gt; 0.</summary>
/// <remarks>prox = projection clamp(v, −r, r). R*(u) = σ(u) = r‖u‖₁ (finite everywhere, domain gauge 0). The normal cone at
/// w_j is that of the interval [−r, r].</remarks>
public readonly struct LInfinityBall : ISeparableRegularizer
{
    /// <summary>The ball of radius r.</summary>
    /// <param name="radius">r &gt; 0 (finite).</param>
    public LInfinityBall(double radius) => Radius = Checks.Positive(radius, nameof(radius));

    /// <summary>The radius r.</summary>
    public double Radius { get; }

    /// <inheritdoc/>
    public bool IsSeparable => true;

    /// <inheritdoc/>
    public bool IsSmooth => false;

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> w)
    {
        foreach (double x in w) if (!(Math.Abs(x) <= Radius)) return double.PositiveInfinity;
        return 0.0;
    }

    /// <inheritdoc/>
    public double Prox(ReadOnlySpan<double> v, double step, Span<double> result)
    {
        Projections.LInfinityBall(v, Radius, result);
        return 0.0;
    }

    /// <inheritdoc/>
    public double Conjugate(ReadOnlySpan<double> u) => Radius * System.Numerics.Tensors.TensorPrimitives.SumOfMagnitudes(u);

    /// <inheritdoc/>
    public double ConjugateDomainGauge(ReadOnlySpan<double> u) => 0.0;

    /// <inheritdoc/>
    public double ConjugateCoordinate(double uj, int j) => Radius * Math.Abs(uj);

    /// <inheritdoc/>
    public double ConjugateDomainGaugeCoordinate(double uj, int j) => 0.0;

    /// <inheritdoc/>
    public double ValueCoordinate(double wj, int j) => Math.Abs(wj) <= Radius ? 0.0 : double.PositiveInfinity;

    /// <inheritdoc/>
    public double ProxCoordinate(double vj, double step, int j) => Math.Min(Math.Max(vj, -Radius), Radius);

    /// <inheritdoc/>
    public double SubdifferentialDistance(double wj, double gj, int j) => Box.IntervalNormalDistance(wj, gj, -Radius, Radius);
}
