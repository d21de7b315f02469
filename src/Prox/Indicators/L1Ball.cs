using System.Numerics.Tensors;

namespace OptSuite.Prox.Indicators;

/// <summary>The indicator of the ℓ1 ball {w : ‖w‖₁ ≤ r}, r &gt; 0.</summary>
/// <remarks>
/// prox = projection in O(n) expected time (<see cref="Projections.L1Ball"/>: Duchi et al. 2008, Condat 2016).
/// R*(u) = σ(u) = r‖u‖∞ (finite everywhere, domain gauge 0). Membership allows a relative slack of 1e-9 on the radius.
/// </remarks>
public readonly struct L1Ball : IRegularizer
{
    /// <summary>The ball of radius r.</summary>
    /// <param name="radius">r &gt; 0 (finite).</param>
    public L1Ball(double radius) => Radius = Checks.Positive(radius, nameof(radius));

    /// <summary>The radius r.</summary>
    public double Radius { get; }

    /// <inheritdoc/>
    public bool IsSeparable => false;

    /// <inheritdoc/>
    public bool IsSmooth => false;

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> w) =>
        TensorPrimitives.SumOfMagnitudes(w) <= Radius * (1 + Checks.RelativeSlack) ? 0.0 : double.PositiveInfinity;

    /// <inheritdoc/>
    public double Prox(ReadOnlySpan<double> v, double step, Span<double> result)
    {
        Projections.L1Ball(v, Radius, result);
        return 0.0;
    }

    /// <inheritdoc/>
    public double Conjugate(ReadOnlySpan<double> u) => u.IsEmpty ? 0.0 : Radius * Math.Abs(TensorPrimitives.MaxMagnitude(u));

    /// <inheritdoc/>
    public double ConjugateDomainGauge(ReadOnlySpan<double> u) => 0.0;
}
