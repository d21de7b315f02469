namespace OptSuite.Prox.Regularizers;

/// <summary>
/// The non-negative elastic net R(w) = λ Σ_j c_j (α w_j + (1−α)/2·w_j²) + ι(w ≥ 0), with λ ≥ 0, α ∈ [0, 1] (l1_ratio) and
/// optional weights c_j ≥ 0 as in <see cref="ElasticNet"/> (scikit-learn's <c>ElasticNet(positive=True)</c>).
/// </summary>
/// <remarks>
/// With a_j = λαc_j and b_j = λ(1−α)c_j: prox_{ηR}(v)_j = max(v_j − ηa_j, 0)/(1 + ηb_j). R*(u) = Σ_j (u_j − a_j)₊²/(2b_j),
/// the term being the indicator of u_j ≤ a_j where b_j = 0; the domain gauge is the max over those coordinates of
/// (u_j)₊/a_j (0/0 = 0, x/0 = +∞). ∂r_j(w) = {a_j + b_j w} for w &gt; 0, (−∞, a_j] at 0, empty for w &lt; 0.
/// </remarks>
public readonly struct NonNegativeElasticNet : ISeparableRegularizer
{
    private readonly double[]? _weights;

    /// <summary>R(w) = λ(α Σ w_j + (1−α)/2‖w‖²) + ι(w ≥ 0) on vectors of any length.</summary>
    /// <param name="lambda">The strength λ ≥ 0 (finite).</param>
    /// <param name="l1Ratio">The mixing α ∈ [0, 1].</param>
    public NonNegativeElasticNet(double lambda, double l1Ratio)
    {
        Lambda = Checks.Lambda(lambda, nameof(lambda));
        L1Ratio = Checks.UnitInterval(l1Ratio, nameof(l1Ratio));
        _weights = null;
    }

    /// <summary>The weighted form, on vectors of length <c>weights.Length</c>.</summary>
    /// <param name="lambda">The strength λ ≥ 0 (finite).</param>
    /// <param name="l1Ratio">The mixing α ∈ [0, 1].</param>
    /// <param name="weights">Per-coordinate weights c_j ≥ 0 (finite); copied.</param>
    public NonNegativeElasticNet(double lambda, double l1Ratio, ReadOnlySpan<double> weights)
    {
        Lambda = Checks.Lambda(lambda, nameof(lambda));
        L1Ratio = Checks.UnitInterval(l1Ratio, nameof(l1Ratio));
        _weights = Checks.Weights(weights, nameof(weights));
    }

    /// <summary>The strength λ.</summary>
    public double Lambda { get; }

    /// <summary>The mixing α (l1_ratio).</summary>
    public double L1Ratio { get; }

    /// <summary>The per-coordinate weights c_j, empty when unweighted (every c_j = 1).</summary>
    public ReadOnlySpan<double> Weights => _weights;

    /// <inheritdoc/>
    public bool IsSeparable => true;

    /// <inheritdoc/>
    public bool IsSmooth => false;

    private double Weight(int j) => _weights is null ? 1.0 : _weights[j];

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> w)
    {
        if (_weights is not null) Checks.Length(w.Length, _weights.Length, nameof(w));
        double a = 0, q = 0;
        for (int j = 0; j < w.Length; j++)
        {
            double x = w[j], c = Weight(j);
            if (x < 0) return double.PositiveInfinity;
            a += c * x;
            q += c * x * x;
        }
        return Lambda * (L1Ratio * a + 0.5 * (1 - L1Ratio) * q);
    }

    /// <inheritdoc/>
    public double Prox(ReadOnlySpan<double> v, double step, Span<double> result)
    {
        Checks.Step(step);
        Checks.Destination(v, result);
        double t = step * Lambda * L1Ratio, s = step * Lambda * (1 - L1Ratio), a, q;
        if (_weights is null) SeparableKernels.PositiveShrink(v, t, 1 / (1 + s), result, out a, out q);
        else
        {
            Checks.Length(v.Length, _weights.Length, nameof(v));
            SeparableKernels.PositiveShrinkWeighted(v, _weights, t, s, result, out a, out q);
        }
        return Lambda * (L1Ratio * a + 0.5 * (1 - L1Ratio) * q);
    }

    /// <inheritdoc/>
    public double Conjugate(ReadOnlySpan<double> u)
    {
        if (_weights is not null) Checks.Length(u.Length, _weights.Length, nameof(u));
        double sum = 0;
        for (int j = 0; j < u.Length; j++)
        {
            double c = ConjugateCoordinate(u[j], j);
            if (double.IsPositiveInfinity(c)) return c;
            sum += c;
        }
        return sum;
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
    public double ConjugateCoordinate(double uj, int j)
    {
        double c = Weight(j);
        return ElasticNet.CoordinateConjugate(uj, Lambda * L1Ratio * c, Lambda * (1 - L1Ratio) * c);
    }

    /// <inheritdoc/>
    public double ConjugateDomainGaugeCoordinate(double uj, int j)
    {
        double c = Weight(j);
        return Lambda * (1 - L1Ratio) * c > 0 ? 0.0 : L1Norm.Ratio(Math.Max(uj, 0), Lambda * L1Ratio * c);
    }

    /// <inheritdoc/>
    public double ValueCoordinate(double wj, int j) =>
        wj < 0 ? double.PositiveInfinity : Lambda * Weight(j) * (L1Ratio * wj + 0.5 * (1 - L1Ratio) * wj * wj);

    /// <inheritdoc/>
    public double ProxCoordinate(double vj, double step, int j)
    {
        double c = Weight(j), t = step * Lambda * L1Ratio * c, s = step * Lambda * (1 - L1Ratio) * c;
        double p = Math.Max(vj - t, 0);
        return _weights is null ? p * (1 / (1 + s)) : p / (1 + s);
    }

    /// <inheritdoc/>
    public double SubdifferentialDistance(double wj, double gj, int j)
    {
        double c = Weight(j), a = Lambda * L1Ratio * c, b = Lambda * (1 - L1Ratio) * c;
        if (wj < 0) return double.PositiveInfinity;
        return wj > 0 ? Math.Abs(gj + a + b * wj) : Math.Max(-gj - a, 0);
    }
}
