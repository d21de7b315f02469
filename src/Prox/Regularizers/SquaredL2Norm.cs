using System.Numerics.Tensors;

namespace OptSuite.Prox.Regularizers;

/// <summary>The ridge penalty R(w) = ½λ‖w‖₂² = (λ/2) Σ_j w_j², λ ≥ 0.</summary>
/// <remarks>
/// prox_{ηR}(v) = v/(1 + ηλ) (Hoerl and Kennard 1970; Parikh and Boyd 2014 §6.1.1). R*(u) = ‖u‖²/(2λ) for λ &gt; 0, so the
/// domain gauge is 0; at λ = 0, R* is the indicator of {0}. ∇R(w) = λw, so dist(−g_j, ∂r_j(w_j)) = |g_j + λw_j|.
/// </remarks>
public readonly struct SquaredL2Norm : ISeparableRegularizer, ISmoothRegularizer
{
    /// <summary>R(w) = ½λ‖w‖².</summary>
    /// <param name="lambda">The strength λ ≥ 0 (finite).</param>
    public SquaredL2Norm(double lambda) => Lambda = Checks.Lambda(lambda, nameof(lambda));

    /// <summary>The strength λ.</summary>
    public double Lambda { get; }

    /// <inheritdoc/>
    public bool IsSeparable => true;

    /// <inheritdoc/>
    public bool IsSmooth => true;

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> w) => 0.5 * Lambda * TensorPrimitives.SumOfSquares(w);

    /// <inheritdoc/>
    public double Prox(ReadOnlySpan<double> v, double step, Span<double> result)
    {
        Checks.Step(step);
        Checks.Destination(v, result);
        SeparableKernels.Shrink(v, 0.0, 1 / (1 + step * Lambda), result, out _, out double sumSq);
        return 0.5 * Lambda * sumSq;
    }

    /// <inheritdoc/>
    public double Conjugate(ReadOnlySpan<double> u)
    {
        if (Lambda == 0) return Checks.AllZero(u) ? 0.0 : double.PositiveInfinity;
        return TensorPrimitives.SumOfSquares(u) / (2 * Lambda);
    }

    /// <inheritdoc/>
    public double ConjugateDomainGauge(ReadOnlySpan<double> u) => Lambda > 0 || Checks.AllZero(u) ? 0.0 : double.PositiveInfinity;

    /// <inheritdoc/>
    public double ConjugateCoordinate(double uj, int j) => Lambda == 0 ? (uj == 0 ? 0.0 : double.PositiveInfinity) : uj * uj / (2 * Lambda);

    /// <inheritdoc/>
    public double ConjugateDomainGaugeCoordinate(double uj, int j) => Lambda > 0 || uj == 0 ? 0.0 : double.PositiveInfinity;

    /// <inheritdoc/>
    public double ValueCoordinate(double wj, int j) => 0.5 * Lambda * wj * wj;

    /// <inheritdoc/>
    public double ProxCoordinate(double vj, double step, int j) => vj * (1 / (1 + step * Lambda));

    /// <inheritdoc/>
    public double SubdifferentialDistance(double wj, double gj, int j) => Math.Abs(gj + Lambda * wj);

    /// <inheritdoc/>
    public double ValueAddGradient(ReadOnlySpan<double> w, Span<double> gradient)
    {
        Checks.Length(gradient.Length, w.Length, nameof(gradient));
        TensorPrimitives.MultiplyAdd(w, Lambda, gradient, gradient);
        return 0.5 * Lambda * TensorPrimitives.Dot(w, w);
    }

    /// <inheritdoc/>
    public double GradientLipschitz => Lambda;
}
