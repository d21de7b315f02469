namespace OptSuite.Prox.Regularizers;

/// <summary>R(w) = 0: no regularisation ("none").</summary>
/// <remarks>prox_{ηR}(v) = v; R*(u) = 0 if u = 0, +∞ otherwise (the indicator of {0}); the domain gauge is 0 at u = 0 and
/// +∞ elsewhere (no rescaling of a non-zero u reaches {0}); dist(−g_j, ∂r_j(w_j)) = |g_j|.</remarks>
public readonly struct ZeroRegularizer : ISeparableRegularizer, ISmoothRegularizer
{
    /// <inheritdoc/>
    public bool IsSeparable => true;

    /// <inheritdoc/>
    public bool IsSmooth => true;

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> w) => 0.0;

    /// <inheritdoc/>
    public double Prox(ReadOnlySpan<double> v, double step, Span<double> result)
    {
        Checks.Step(step);
        Checks.Destination(v, result);
        v.CopyTo(result);
        return 0.0;
    }

    /// <inheritdoc/>
    public double Conjugate(ReadOnlySpan<double> u) => Checks.AllZero(u) ? 0.0 : double.PositiveInfinity;

    /// <inheritdoc/>
    public double ConjugateDomainGauge(ReadOnlySpan<double> u) => Checks.AllZero(u) ? 0.0 : double.PositiveInfinity;

    /// <inheritdoc/>
    public double ConjugateCoordinate(double uj, int j) => uj == 0 ? 0.0 : double.PositiveInfinity;

    /// <inheritdoc/>
    public double ConjugateDomainGaugeCoordinate(double uj, int j) => uj == 0 ? 0.0 : double.PositiveInfinity;

    /// <inheritdoc/>
    public double ValueCoordinate(double wj, int j) => 0.0;

    /// <inheritdoc/>
    public double ProxCoordinate(double vj, double step, int j) => vj;

    /// <inheritdoc/>
    public double SubdifferentialDistance(double wj, double gj, int j) => Math.Abs(gj);

    /// <inheritdoc/>
    public double ValueAddGradient(ReadOnlySpan<double> w, Span<double> gradient) => 0.0;

    /// <inheritdoc/>
    public double GradientLipschitz => 0.0;
}
