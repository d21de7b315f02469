using System.Numerics.Tensors;

namespace OptSuite.Prox.Indicators;

/// <summary>
/// The indicator of the scaled simplex Δ_r = {w : w ≥ 0, Σ_j w_j = r}, r &gt; 0; r = 1 is the probability simplex
/// (<see cref="Probability"/>).
/// </summary>
/// <remarks>
/// prox = projection in O(n) expected time (<see cref="Projections.Simplex"/>: Condat 2016 with the Duchi et al. 2008
/// pivot as fallback). R*(u) = σ(u) = r·max_j u_j (finite everywhere, domain gauge 0). Membership tests w ≥ 0 exactly
/// and Σw = r up to a relative slack of 1e-9, since a computed projection sums to r only up to rounding.
/// </remarks>
public readonly struct Simplex : IRegularizer
{
    /// <summary>The simplex of sum r.</summary>
    /// <param name="radius">r &gt; 0 (finite).</param>
    public Simplex(double radius) => Radius = Checks.Positive(radius, nameof(radius));

    /// <summary>The probability simplex (r = 1).</summary>
    public static Simplex Probability => new(1.0);

    /// <summary>The sum r.</summary>
    public double Radius { get; }

    /// <inheritdoc/>
    public bool IsSeparable => false;

    /// <inheritdoc/>
    public bool IsSmooth => false;

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> w)
    {
        foreach (double x in w) if (!(x >= 0)) return double.PositiveInfinity;
        return Math.Abs(TensorPrimitives.Sum(w) - Radius) <= Checks.RelativeSlack * Radius ? 0.0 : double.PositiveInfinity;
    }

    /// <inheritdoc/>
    public double Prox(ReadOnlySpan<double> v, double step, Span<double> result)
    {
        Projections.Simplex(v, Radius, result);
        return 0.0;
    }

    /// <inheritdoc/>
    /// <remarks>−∞ for an empty u (the simplex in ℝ⁰ is empty).</remarks>
    public double Conjugate(ReadOnlySpan<double> u) => u.IsEmpty ? double.NegativeInfinity : Radius * TensorPrimitives.Max(u);

    /// <inheritdoc/>
    public double ConjugateDomainGauge(ReadOnlySpan<double> u) => 0.0;
}
