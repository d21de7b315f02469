namespace OptSuite.Prox.Indicators;

/// <summary>The indicator of the hyperplane {w : aᵀw = b}, a ≠ 0.</summary>
/// <remarks>
/// Stored as the unit normal â = a/‖a‖ and b̂ = b/‖a‖. prox = projection v − (âᵀv − b̂)·â. R*(u) = σ(u) = t·b̂ if
/// u = t·â (u parallel to a), +∞ otherwise; dom σ = span(a) is a cone, so the domain gauge is 0 on it and +∞ off it.
/// Membership (aᵀw = b) and parallelism are tested with a relative slack of 1e-9.
/// </remarks>
public readonly struct Hyperplane : IRegularizer
{
    private readonly double[] _unitNormal;

    /// <summary>The hyperplane aᵀw = b in ℝᵈ, d = <c>normal.Length</c>.</summary>
    /// <param name="normal">a: finite, not zero; copied.</param>
    /// <param name="offset">b: finite.</param>
    public Hyperplane(ReadOnlySpan<double> normal, double offset)
    {
        (_unitNormal, UnitOffset) = AffineSet.Normalise(normal, offset, nameof(normal), nameof(offset));
        Offset = offset;
    }

    /// <summary>â = a/‖a‖.</summary>
    public ReadOnlySpan<double> UnitNormal => _unitNormal;

    /// <summary>b, as given.</summary>
    public double Offset { get; }

    /// <summary>b̂ = b/‖a‖, the signed distance of the hyperplane from the origin.</summary>
    public double UnitOffset { get; }

    /// <inheritdoc/>
    public bool IsSeparable => false;

    /// <inheritdoc/>
    public bool IsSmooth => false;

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> w)
    {
        Checks.Length(w.Length, _unitNormal.Length, nameof(w));
        return Math.Abs(AffineSet.Residual(_unitNormal, UnitOffset, w, out double scale)) <= Checks.RelativeSlack * scale ? 0.0 : double.PositiveInfinity;
    }

    /// <inheritdoc/>
    public double Prox(ReadOnlySpan<double> v, double step, Span<double> result)
    {
        Checks.Length(v.Length, _unitNormal.Length, nameof(v));
        Checks.Destination(v, result);
        Projections.AffineStep(v, _unitNormal, 1.0, UnitOffset, result, halfspace: false, unitScale: 1.0);
        return 0.0;
    }

    /// <inheritdoc/>
    public double Conjugate(ReadOnlySpan<double> u)
    {
        Checks.Length(u.Length, _unitNormal.Length, nameof(u));
        return AffineSet.IsParallel(_unitNormal, u, out double t) ? t * UnitOffset : double.PositiveInfinity;
    }

    /// <inheritdoc/>
    public double ConjugateDomainGauge(ReadOnlySpan<double> u)
    {
        Checks.Length(u.Length, _unitNormal.Length, nameof(u));
        return AffineSet.IsParallel(_unitNormal, u, out _) ? 0.0 : double.PositiveInfinity;
    }
}
