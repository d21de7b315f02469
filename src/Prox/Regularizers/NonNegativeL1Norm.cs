namespace OptSuite.Prox.Regularizers;

/// <summary>
/// The non-negative (weighted) lasso penalty R(w) = λ Σ_j c_j w_j + ι(w ≥ 0): λ ≥ 0 the strength, c_j ≥ 0 optional
/// per-coordinate weights (0 = unpenalised but still constrained), λ_j = λ·c_j.
/// </summary>
/// <remarks>
/// prox_{ηR}(v)_j = max(v_j − ηλ_j, 0) (Parikh and Boyd 2014 §6.5.2 with the orthant). R*(u) = sup_{w ≥ 0} Σ (u_j − λ_j) w_j =
/// 0 if u_j ≤ λ_j for every j, +∞ otherwise; domain gauge max_j (u_j)₊/λ_j with 0/0 = 0 and x/0 = +∞ (coordinates with
/// u_j ≤ 0 never need rescaling). ∂r_j(w_j) = {λ_j} for w_j &gt; 0, (−∞, λ_j] at 0, empty (distance +∞) for w_j &lt; 0.
/// </remarks>
public readonly struct NonNegativeL1Norm : ISeparableRegularizer
{
    private readonly double[]? _weights;

    /// <summary>R(w) = λ Σ w_j + ι(w ≥ 0).</summary>
    /// <param name="lambda">The strength λ ≥ 0 (finite).</param>
    public NonNegativeL1Norm(double lambda)
    {
        Lambda = Checks.Lambda(lambda, nameof(lambda));
        _weights = null;
    }

    /// <summary>R(w) = λ Σ c_j w_j + ι(w ≥ 0) on vectors of length <c>weights.Length</c>.</summary>
    /// <param name="lambda">The strength λ ≥ 0 (finite).</param>
    /// <param name="weights">Per-coordinate weights c_j ≥ 0 (finite); copied.</param>
    public NonNegativeL1Norm(double lambda, ReadOnlySpan<double> weights)
    {
        Lambda = Checks.Lambda(lambda, nameof(lambda));
        _weights = Checks.Weights(weights, nameof(weights));
    }

    /// <summary>The strength λ.</summary>
    public double Lambda { get; }

    /// <summary>The per-coordinate weights c_j, empty when unweighted (every c_j = 1).</summary>
    public ReadOnlySpan<double> Weights => _weights;

    /// <inheritdoc/>
    public bool IsSeparable => true;

    /// <inheritdoc/>
    public bool IsSmooth => false;

    /// <summary>λ_j = λ·c_j.</summary>
    /// <param name="j">The coordinate index.</param>
    public double StrengthOf(int j) => _weights is null ? Lambda : Lambda * _weights[j];

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> w)
    {
        if (_weights is not null) Checks.Length(w.Length, _weights.Length, nameof(w));
        double s = 0;
        for (int j = 0; j < w.Length; j++)
        {
            if (w[j] < 0) return double.PositiveInfinity;
            s += (_weights is null ? 1.0 : _weights[j]) * w[j];
        }
        return Lambda * s;
    }

    /// <inheritdoc/>
    public double Prox(ReadOnlySpan<double> v, double step, Span<double> result)
    {
        Checks.Step(step);
        Checks.Destination(v, result);
        double sum;
        if (_weights is null) SeparableKernels.PositiveShrink(v, step * Lambda, 1.0, result, out sum, out _);
        else
        {
            Checks.Length(v.Length, _weights.Length, nameof(v));
            SeparableKernels.PositiveShrinkWeighted(v, _weights, step * Lambda, 0.0, result, out sum, out _);
        }
        return Lambda * sum;
    }

    /// <inheritdoc/>
    public double Conjugate(ReadOnlySpan<double> u)
    {
        if (_weights is not null) Checks.Length(u.Length, _weights.Length, nameof(u));
        for (int j = 0; j < u.Length; j++)
            if (u[j] > StrengthOf(j) * (1 + Checks.RelativeSlack)) return double.PositiveInfinity;
        return 0.0;
    }

    /// <inheritdoc/>
    public double ConjugateDomainGauge(ReadOnlySpan<double> u)
    {
        if (_weights is not null) Checks.Length(u.Length, _weights.Length, nameof(u));
        double t = 0;
        for (int j = 0; j < u.Length; j++) t = Math.Max(t, ConjugateDomainGaugeCoordinate(u[j], j));
        return t;
    }

    /// <inheritdoc/>
    public double ConjugateCoordinate(double uj, int j) => uj <= StrengthOf(j) * (1 + Checks.RelativeSlack) ? 0.0 : double.PositiveInfinity;

    /// <inheritdoc/>
    public double ConjugateDomainGaugeCoordinate(double uj, int j) => L1Norm.Ratio(Math.Max(uj, 0), StrengthOf(j));

    /// <inheritdoc/>
    public double ValueCoordinate(double wj, int j) => wj < 0 ? double.PositiveInfinity : StrengthOf(j) * wj;

    /// <inheritdoc/>
    public double ProxCoordinate(double vj, double step, int j) => Math.Max(vj - (_weights is null ? step * Lambda : step * Lambda * _weights[j]), 0);

    /// <inheritdoc/>
    public double SubdifferentialDistance(double wj, double gj, int j)
    {
        double l = StrengthOf(j);
        if (wj < 0) return double.PositiveInfinity;
        return wj > 0 ? Math.Abs(gj + l) : Math.Max(-gj - l, 0);
    }
}
