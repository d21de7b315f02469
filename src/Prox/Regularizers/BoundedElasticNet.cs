namespace OptSuite.Prox.Regularizers;

/// <summary>
/// The weighted elastic net on a box: R(w) = λ Σ_j c_j (α|w_j| + (1−α)/2·w_j²) + Σ_j ι(l_j ≤ w_j ≤ u_j), with l_j ≤ 0 ≤ u_j
/// (glmnet's <c>lower.limits</c> / <c>upper.limits</c>, which require the same; scikit-learn's <c>positive=True</c> is
/// l = 0, u = +∞). λ ≥ 0, α ∈ [0, 1], c_j ≥ 0 as in <see cref="ElasticNet"/>.
/// </summary>
/// <remarks>
/// With a_j = λαc_j and b_j = λ(1−α)c_j, r_j is convex and one-dimensional, so its prox is the clip of the unconstrained
/// one: prox_{ηR}(v)_j = clamp(sign(v_j)·max(|v_j| − ηa_j, 0)/(1 + ηb_j), l_j, u_j) — coordinate descent's clipped update
/// (glmnet). The conjugate is exact: r_j*(s) = sup over [l_j, u_j] of sw − a_j|w| − b_jw²/2, attained at the clip of
/// (|s| − a_j)₊ sign(s)/b_j (at the bound in the direction of s when b_j = 0), +∞ only where b_j = 0, |s| &gt; a_j and that
/// bound is infinite; the domain gauge is the max of |s|/a_j over those coordinates. ∂r_j(w) = a_j∂|w| + b_jw + N(w),
/// N the normal cone of [l_j, u_j].
/// </remarks>
public readonly struct BoundedElasticNet : IUnpenalisedCoordinates
{
    private readonly double[] _weights, _lower, _upper;

    /// <summary>The penalty on vectors of length <c>weights.Length</c>.</summary>
    /// <param name="lambda">The strength λ ≥ 0 (finite).</param>
    /// <param name="l1Ratio">The mixing α ∈ [0, 1].</param>
    /// <param name="weights">Per-coordinate weights c_j ≥ 0 (finite); copied.</param>
    /// <param name="lower">Lower bounds l_j ≤ 0 (−∞ allowed), same length; copied.</param>
    /// <param name="upper">Upper bounds u_j ≥ 0 (+∞ allowed), same length; copied.</param>
    public BoundedElasticNet(double lambda, double l1Ratio, ReadOnlySpan<double> weights, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper)
    {
        Lambda = Checks.Lambda(lambda, nameof(lambda));
        L1Ratio = Checks.UnitInterval(l1Ratio, nameof(l1Ratio));
        _weights = Checks.Weights(weights, nameof(weights));
        Checks.Length(lower.Length, weights.Length, nameof(lower));
        Checks.Length(upper.Length, weights.Length, nameof(upper));
        for (int j = 0; j < lower.Length; j++)
        {
            if (!(lower[j] <= 0) || double.IsPositiveInfinity(lower[j]))
                throw new ArgumentException($"lower[{j}] = {lower[j]}; lower bounds must be ≤ 0 (−∞ allowed), so that w = 0 is feasible.", nameof(lower));
            if (!(upper[j] >= 0) || double.IsNegativeInfinity(upper[j]))
                throw new ArgumentException($"upper[{j}] = {upper[j]}; upper bounds must be ≥ 0 (+∞ allowed), so that w = 0 is feasible.", nameof(upper));
        }
        _lower = lower.ToArray();
        _upper = upper.ToArray();
    }

    /// <summary>The strength λ.</summary>
    public double Lambda { get; }

    /// <summary>The mixing α (l1_ratio).</summary>
    public double L1Ratio { get; }

    /// <summary>The lower bound of coordinate j.</summary>
    /// <param name="j">The coordinate index.</param>
    public double LowerOf(int j) => _lower[j];

    /// <summary>The upper bound of coordinate j.</summary>
    /// <param name="j">The coordinate index.</param>
    public double UpperOf(int j) => _upper[j];

    /// <inheritdoc/>
    public bool IsSeparable => true;

    /// <inheritdoc/>
    public bool IsSmooth => false;

    /// <inheritdoc/>
    public FreeDirections UnpenalisedDirections(int j) => _weights[j] != 0 ? FreeDirections.None
        : (double.IsNegativeInfinity(_lower[j]) ? FreeDirections.Down : FreeDirections.None)
        | (double.IsPositiveInfinity(_upper[j]) ? FreeDirections.Up : FreeDirections.None);

    private (double A, double B) Strengths(int j) => (Lambda * L1Ratio * _weights[j], Lambda * (1 - L1Ratio) * _weights[j]);

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> w)
    {
        Checks.Length(w.Length, _weights.Length, nameof(w));
        double s = 0;
        for (int j = 0; j < w.Length; j++) s += ValueCoordinate(w[j], j);
        return s;
    }

    /// <inheritdoc/>
    public double Prox(ReadOnlySpan<double> v, double step, Span<double> result)
    {
        Checks.Step(step);
        Checks.Destination(v, result);
        Checks.Length(v.Length, _weights.Length, nameof(v));
        double s = 0;
        for (int j = 0; j < v.Length; j++)
        {
            result[j] = ProxCoordinate(v[j], step, j);
            s += ValueCoordinate(result[j], j);
        }
        return s;
    }

    /// <inheritdoc/>
    public double Conjugate(ReadOnlySpan<double> u)
    {
        Checks.Length(u.Length, _weights.Length, nameof(u));
        double sum = 0;
        for (int j = 0; j < u.Length; j++)
        {
            double c = ConjugateCoordinate(u[j], j);
            if (double.IsPositiveInfinity(c)) return double.PositiveInfinity;
            sum += c;
        }
        return sum;
    }

    /// <inheritdoc/>
    public double ConjugateCoordinate(double uj, int j)
    {
        var (a, b) = Strengths(j);
        double x = Math.Abs(uj);
        if (x <= a * (1 + Checks.RelativeSlack)) return 0.0;
        double bound = uj > 0 ? _upper[j] : -_lower[j];   // the room in the direction of u_j, ≥ 0
        double e = x - a;
        double t = b > 0 ? Math.Min(e / b, bound) : bound;
        return double.IsPositiveInfinity(t) ? double.PositiveInfinity : e * t - 0.5 * b * t * t;
    }

    /// <inheritdoc/>
    public double ConjugateDomainGauge(ReadOnlySpan<double> u)
    {
        Checks.Length(u.Length, _weights.Length, nameof(u));
        double t = 0;
        for (int j = 0; j < u.Length; j++) t = Math.Max(t, ConjugateDomainGaugeCoordinate(u[j], j));
        return t;
    }

    /// <inheritdoc/>
    public double ConjugateDomainGaugeCoordinate(double uj, int j)
    {
        var (a, b) = Strengths(j);
        return b > 0 || double.IsFinite(uj > 0 ? _upper[j] : _lower[j]) ? 0.0 : L1Norm.Ratio(Math.Abs(uj), a);
    }

    /// <inheritdoc/>
    public double ValueCoordinate(double wj, int j)
    {
        if (!(wj >= _lower[j] && wj <= _upper[j])) return double.PositiveInfinity;
        var (a, b) = Strengths(j);
        return a * Math.Abs(wj) + 0.5 * b * wj * wj;
    }

    /// <inheritdoc/>
    public double ProxCoordinate(double vj, double step, int j)
    {
        var (a, b) = Strengths(j);
        double p = SeparableKernels.Soft(vj, step * a) / (1 + step * b);
        return Math.Min(Math.Max(p, _lower[j]), _upper[j]);
    }

    /// <inheritdoc/>
    public double SubdifferentialDistance(double wj, double gj, int j)
    {
        double l = _lower[j], u = _upper[j];
        if (!(wj >= l && wj <= u)) return double.PositiveInfinity;
        if (l == u) return 0;                                   // w_j fixed at 0: the normal cone is ℝ
        var (a, b) = Strengths(j);
        if (wj == 0 && l < 0 && u > 0) return Math.Max(Math.Abs(gj) - a, 0);
        if (wj == u) return wj == 0 ? Math.Max(gj - a, 0) : Math.Max(a + b * wj + gj, 0);   // ∂r = [a + bu, ∞), or [−a, ∞) at u = 0
        if (wj == l) return wj == 0 ? Math.Max(-gj - a, 0) : Math.Max(a - b * wj - gj, 0);  // ∂r = (−∞, −a + bl], or (−∞, a] at l = 0
        return Math.Abs(gj + (wj > 0 ? a : -a) + b * wj);
    }
}
