namespace OptSuite.Prox.Indicators;

/// <summary>The indicator of the halfspace {w : aᵀw ≤ b}, a ≠ 0.</summary>
/// <remarks>
/// Stored as the unit normal â = a/‖a‖ and b̂ = b/‖a‖. prox = projection v − max(âᵀv − b̂, 0)·â. R*(u) = σ(u) = t·b̂ if
/// u = t·â with t ≥ 0, +∞ otherwise; dom σ is the ray {tâ : t ≥ 0}, a cone, so the domain gauge is 0 on it and +∞ off it.
/// Membership (aᵀw ≤ b) and parallelism are tested with a relative slack of 1e-9.
/// </remarks>
public readonly struct Halfspace : IRegularizer
{
    private readonly double[] _unitNormal;

    /// <summary>The halfspace aᵀw ≤ b in ℝᵈ, d = <c>normal.Length</c>.</summary>
    /// <param name="normal">a: finite, not zero; copied.</param>
    /// <param name="offset">b: finite.</param>
    public Halfspace(ReadOnlySpan<double> normal, double offset)
    {
        (_unitNormal, UnitOffset) = AffineSet.Normalise(normal, offset, nameof(normal), nameof(offset));
        Offset = offset;
    }

    /// <summary>â = a/‖a‖.</summary>
    public ReadOnlySpan<double> UnitNormal => _unitNormal;

    /// <summary>b, as given.</summary>
    public double Offset { get; }

    /// <summary>b̂ = b/‖a‖.</summary>
    public double UnitOffset { get; }

    /// <inheritdoc/>
    public bool IsSeparable => false;

    /// <inheritdoc/>
    public bool IsSmooth => false;

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> w)
    {
        Checks.Length(w.Length, _unitNormal.Length, nameof(w));
        return AffineSet.Residual(_unitNormal, UnitOffset, w, out double scale) <= Checks.RelativeSlack * scale ? 0.0 : double.PositiveInfinity;
    }

    /// <inheritdoc/>
    public double Prox(ReadOnlySpan<double> v, double step, Span<double> result)
    {
        Checks.Length(v.Length, _unitNormal.Length, nameof(v));
        Checks.Destination(v, result);
        Projections.AffineStep(v, _unitNormal, 1.0, UnitOffset, result, halfspace: true, unitScale: 1.0);
        return 0.0;
    }

    /// <inheritdoc/>
    public double Conjugate(ReadOnlySpan<double> u)
    {
        Checks.Length(u.Length, _unitNormal.Length, nameof(u));
        return AffineSet.IsParallel(_unitNormal, u, out double t) && t >= -Checks.RelativeSlack * Norms.L2(u)
            ? Math.Max(t, 0) * UnitOffset
            : double.PositiveInfinity;
    }

    /// <inheritdoc/>
    public double ConjugateDomainGauge(ReadOnlySpan<double> u)
    {
        Checks.Length(u.Length, _unitNormal.Length, nameof(u));
        return AffineSet.IsParallel(_unitNormal, u, out double t) && t >= -Checks.RelativeSlack * Norms.L2(u) ? 0.0 : double.PositiveInfinity;
    }
}
