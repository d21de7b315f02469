using System.Numerics.Tensors;

namespace OptSuite.Prox.Regularizers;

/// <summary>
/// The (weighted) ℓ1 norm R(w) = λ Σ_j c_j |w_j|: the lasso penalty. λ ≥ 0 is the overall strength and c_j ≥ 0 optional
/// per-coordinate weights (glmnet's penalty.factor; c_j = 0 leaves coordinate j unpenalised, e.g. an intercept column),
/// so the per-coordinate strength is λ_j = λ·c_j (c_j = 1 when no weights are given).
/// </summary>
/// <remarks>
/// prox_{ηR}(v)_j = sign(v_j)·max(|v_j| − ηλ_j, 0) (soft-thresholding; Donoho 1995, Tibshirani 1996).
/// R*(u) = 0 if |u_j| ≤ λ_j for every j, +∞ otherwise; domain gauge max_j |u_j|/λ_j with 0/0 = 0 and x/0 = +∞ for x &gt; 0
/// (the dual rescaling of scikit-learn's Lasso gap). ∂r_j(w_j) = {λ_j sign(w_j)} for w_j ≠ 0 and [−λ_j, λ_j] at 0.
/// Membership of dom R* is tested with a relative slack of 1e-9 so that gauge-rescaled points count as inside.
/// </remarks>
public readonly struct L1Norm : ISeparableRegularizer, IWeightedL1Regularizer, IUnpenalisedCoordinates
{
    private readonly double[]? _weights;

    /// <summary>R(w) = λ‖w‖₁ on vectors of any length.</summary>
    /// <param name="lambda">The strength λ ≥ 0 (finite).</param>
    public L1Norm(double lambda)
    {
        Lambda = Checks.Lambda(lambda, nameof(lambda));
        _weights = null;
    }

    /// <summary>R(w) = λ Σ_j c_j|w_j| on vectors of length <c>weights.Length</c>.</summary>
    /// <param name="lambda">The strength λ ≥ 0 (finite).</param>
    /// <param name="weights">Per-coordinate weights c_j ≥ 0 (finite; 0 = unpenalised); copied.</param>
    public L1Norm(double lambda, ReadOnlySpan<double> weights)
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
    public bool IsSmooth => Lambda == 0 || (_weights is not null && Checks.AllZero(_weights));

    /// <inheritdoc/>
    public FreeDirections UnpenalisedDirections(int j) => _weights is not null && _weights[j] == 0 ? FreeDirections.Both : FreeDirections.None;

    /// <summary>λ_j = λ·c_j.</summary>
    /// <param name="j">The coordinate index.</param>
    public double StrengthOf(int j) => _weights is null ? Lambda : Lambda * _weights[j];

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> w)
    {
        if (_weights is null) return Lambda * TensorPrimitives.SumOfMagnitudes(w);
        Checks.Length(w.Length, _weights.Length, nameof(w));
        double s = 0;
        for (int j = 0; j < w.Length; j++) s += _weights[j] * Math.Abs(w[j]);
        return Lambda * s;
    }

    /// <inheritdoc/>
    public double Prox(ReadOnlySpan<double> v, double step, Span<double> result)
    {
        Checks.Step(step);
        Checks.Destination(v, result);
        double sum;
        if (_weights is null) SeparableKernels.Shrink(v, step * Lambda, 1.0, result, out sum, out _);
        else
        {
            Checks.Length(v.Length, _weights.Length, nameof(v));
            SeparableKernels.ShrinkWeighted(v, _weights, step * Lambda, 0.0, result, out sum, out _);
        }
        return Lambda * sum;
    }

    /// <inheritdoc/>
    public double Conjugate(ReadOnlySpan<double> u)
    {
        if (_weights is null)
            return u.IsEmpty || Math.Abs(TensorPrimitives.MaxMagnitude(u)) <= Lambda * (1 + Checks.RelativeSlack) ? 0.0 : double.PositiveInfinity;
        Checks.Length(u.Length, _weights.Length, nameof(u));
        for (int j = 0; j < u.Length; j++)
            if (Math.Abs(u[j]) > Lambda * _weights[j] * (1 + Checks.RelativeSlack)) return double.PositiveInfinity;
        return 0.0;
    }

    /// <inheritdoc/>
    public double ConjugateDomainGauge(ReadOnlySpan<double> u)
    {
        if (_weights is null) return u.IsEmpty ? 0.0 : Ratio(Math.Abs(TensorPrimitives.MaxMagnitude(u)), Lambda);
        Checks.Length(u.Length, _weights.Length, nameof(u));
        double t = 0;
        for (int j = 0; j < u.Length; j++) t = Math.Max(t, ConjugateDomainGaugeCoordinate(u[j], j));
        return t;
    }

    /// <inheritdoc/>
    public double ValueCoordinate(double wj, int j) => StrengthOf(j) * Math.Abs(wj);

    /// <inheritdoc/>
    public double ProxCoordinate(double vj, double step, int j) => SeparableKernels.Soft(vj, _weights is null ? step * Lambda : step * Lambda * _weights[j]);

    /// <inheritdoc/>
    public double SubdifferentialDistance(double wj, double gj, int j)
    {
        double l = StrengthOf(j);
        return wj == 0 ? Math.Max(Math.Abs(gj) - l, 0) : Math.Abs(gj + (wj > 0 ? l : -l));
    }

    /// <inheritdoc/>
    public double ConjugateCoordinate(double uj, int j) => Math.Abs(uj) <= StrengthOf(j) * (1 + Checks.RelativeSlack) ? 0.0 : double.PositiveInfinity;

    /// <inheritdoc/>
    public double ConjugateDomainGaugeCoordinate(double uj, int j) => Ratio(Math.Abs(uj), StrengthOf(j));

    /// <summary>x/y with 0/0 = 0 and x/0 = +∞: the gauge convention for unpenalised coordinates.</summary>
    internal static double Ratio(double x, double y) => x == 0 ? 0 : y == 0 ? double.PositiveInfinity : x / y;

    /// <inheritdoc/>
    public void GetWeights(Span<double> weights)
    {
        if (_weights is not null) Checks.Length(weights.Length, _weights.Length, nameof(weights));
        for (int j = 0; j < weights.Length; j++) weights[j] = StrengthOf(j);
    }
}
