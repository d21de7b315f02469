namespace OptSuite.Prox.Indicators;

/// <summary>The indicator of the Euclidean ball {w : ‖w‖₂ ≤ r}, r &gt; 0.</summary>
/// <remarks>
/// prox = projection v·min(1, r/‖v‖₂). R*(u) = σ(u) = r‖u‖₂ (finite everywhere, domain gauge 0); by Moreau,
/// v = P(v) + prox_{r‖·‖₂}(v). Membership allows a relative slack of 1e-9 on the radius.
/// </remarks>
public readonly struct L2Ball : IRegularizer
{
    /// <summary>The ball of radius r.</summary>
    /// <param name="radius">r &gt; 0 (finite).</param>
    public L2Ball(double radius) => Radius = Checks.Positive(radius, nameof(radius));

    /// <summary>The radius r.</summary>
    public double Radius { get; }

    /// <inheritdoc/>
    public bool IsSeparable => false;

    /// <inheritdoc/>
    public bool IsSmooth => false;

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> w) => Norms.L2(w) <= Radius * (1 + Checks.RelativeSlack) ? 0.0 : double.PositiveInfinity;

    /// <inheritdoc/>
    public double Prox(ReadOnlySpan<double> v, double step, Span<double> result)
    {
        Projections.L2Ball(v, Radius, result);
        return 0.0;
    }

    /// <inheritdoc/>
    public double Conjugate(ReadOnlySpan<double> u) => Radius * Norms.L2(u);

    /// <inheritdoc/>
    public double ConjugateDomainGauge(ReadOnlySpan<double> u) => 0.0;
}
