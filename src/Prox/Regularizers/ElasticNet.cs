using System.Numerics.Tensors;

namespace OptSuite.Prox.Regularizers;

/// <summary>
/// The elastic net R(w) = λ Σ_j c_j (α|w_j| + (1−α)/2·w_j²) in the scikit-learn / glmnet convention: λ ≥ 0 the overall
/// strength (sklearn's <c>alpha</c>), α ∈ [0, 1] the mixing (sklearn's <c>l1_ratio</c>; α = 1 is the lasso, α = 0 ridge),
/// c_j ≥ 0 optional per-coordinate weights (glmnet's penalty.factor; 0 = unpenalised).
/// </summary>
/// <remarks>
/// With a_j = λαc_j and b_j = λ(1−α)c_j: prox_{ηR}(v)_j = sign(v_j)·max(|v_j| − ηa_j, 0)/(1 + ηb_j) (Zou and Hastie 2005;
/// Friedman, Hastie and Tibshirani 2010, eq. 6). R*(u) = Σ_j (|u_j| − a_j)₊²/(2b_j), the term being the indicator of
/// |u_j| ≤ a_j where b_j = 0 (α = 1, λ = 0 or c_j = 0). The domain gauge is max over those coordinates of |u_j|/a_j
/// (0/0 = 0, x/0 = +∞), hence 0 for α &lt; 1 with positive weights. ∂r_j(w) = a_j·∂|w| + b_j·w.
/// </remarks>
public readonly struct ElasticNet : ISeparableRegularizer, IUnpenalisedCoordinates
{
    private readonly double[]? _weights;

    /// <summary>R(w) = λ(α‖w‖₁ + (1−α)/2‖w‖²) on vectors of any length.</summary>
    /// <param name="lambda">The strength λ ≥ 0 (finite).</param>
    /// <param name="l1Ratio">The mixing α ∈ [0, 1].</param>
    public ElasticNet(double lambda, double l1Ratio)
    {
        Lambda = Checks.Lambda(lambda, nameof(lambda));
        L1Ratio = Checks.UnitInterval(l1Ratio, nameof(l1Ratio));
        _weights = null;
    }

    /// <summary>R(w) = λ Σ c_j(α|w_j| + (1−α)/2 w_j²) on vectors of length <c>weights.Length</c>.</summary>
    /// <param name="lambda">The strength λ ≥ 0 (finite).</param>
    /// <param name="l1Ratio">The mixing α ∈ [0, 1].</param>
    /// <param name="weights">Per-coordinate weights c_j ≥ 0 (finite; 0 = unpenalised); copied.</param>
    public ElasticNet(double lambda, double l1Ratio, ReadOnlySpan<double> weights)
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
    public bool IsSmooth => Lambda == 0 || L1Ratio == 0 || (_weights is not null && Checks.AllZero(_weights));

    /// <inheritdoc/>
    public FreeDirections UnpenalisedDirections(int j) => _weights is not null && _weights[j] == 0 ? FreeDirections.Both : FreeDirections.None;

    private double Weight(int j) => _weights is null ? 1.0 : _weights[j];

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> w)
    {
        if (_weights is null)
            return Lambda * (L1Ratio * TensorPrimitives.SumOfMagnitudes(w) + 0.5 * (1 - L1Ratio) * TensorPrimitives.SumOfSquares(w));
        Checks.Length(w.Length, _weights.Length, nameof(w));
        double a = 0, q = 0;
        for (int j = 0; j < w.Length; j++) { a += _weights[j] * Math.Abs(w[j]); q += _weights[j] * w[j] * w[j]; }
        return Lambda * (L1Ratio * a + 0.5 * (1 - L1Ratio) * q);
    }

    /// <inheritdoc/>
    public double Prox(ReadOnlySpan<double> v, double step, Span<double> result)
    {
        Checks.Step(step);
        Checks.Destination(v, result);
        double t = step * Lambda * L1Ratio, s = step * Lambda * (1 - L1Ratio), a, q;
        if (_weights is null) SeparableKernels.Shrink(v, t, 1 / (1 + s), result, out a, out q);
        else
        {
            Checks.Length(v.Length, _weights.Length, nameof(v));
            SeparableKernels.ShrinkWeighted(v, _weights, t, s, result, out a, out q);
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
        return CoordinateConjugate(Math.Abs(uj), Lambda * L1Ratio * c, Lambda * (1 - L1Ratio) * c);
    }

    /// <summary>
    /// The conjugate of a·|w| + (b/2)·w² at a dual value whose magnitude (or, for the non-negative variant, positive
    /// part) is <paramref name="x"/>: (x − a)₊²/(2b), or the indicator of x ≤ a (with the relative slack) when b = 0.
    /// </summary>
    internal static double CoordinateConjugate(double x, double a, double b)
    {
        if (b > 0)
        {
            double e = Math.Max(x - a, 0);
            return e * e / (2 * b);
        }
        return x > a * (1 + Checks.RelativeSlack) ? double.PositiveInfinity : 0.0;
    }

    /// <inheritdoc/>
    public double ConjugateDomainGaugeCoordinate(double uj, int j)
    {
        double c = Weight(j);
        return Lambda * (1 - L1Ratio) * c > 0 ? 0.0 : L1Norm.Ratio(Math.Abs(uj), Lambda * L1Ratio * c);
    }

    /// <inheritdoc/>
    public double ValueCoordinate(double wj, int j) => Lambda * Weight(j) * (L1Ratio * Math.Abs(wj) + 0.5 * (1 - L1Ratio) * wj * wj);

    /// <inheritdoc/>
    public double ProxCoordinate(double vj, double step, int j)
    {
        double c = Weight(j), t = step * Lambda * L1Ratio * c, s = step * Lambda * (1 - L1Ratio) * c;
        double p = SeparableKernels.Soft(vj, t);
        // The same arithmetic as the vector kernels: a reciprocal multiply when unweighted, a divide when weighted.
        return _weights is null ? p * (1 / (1 + s)) : p / (1 + s);
    }

    /// <inheritdoc/>
    public double SubdifferentialDistance(double wj, double gj, int j)
    {
        double c = Weight(j), a = Lambda * L1Ratio * c, b = Lambda * (1 - L1Ratio) * c;
        if (wj == 0) return Math.Max(Math.Abs(gj) - a, 0);
        return Math.Abs(gj + (wj > 0 ? a : -a) + b * wj);
    }
}
