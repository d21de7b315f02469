using OptSuite.LinearAlgebra;

namespace OptSuite.Objectives;

/// <summary>
/// F(β) = L(Xβ) + (μ/2)‖β‖² + λ₁‖β‖₁ for a loss <see cref="IPredictorLoss"/> of the whole linear predictor η = Xβ (the
/// Cox partial likelihood), without intercept. The smooth part f is L(Xβ) + (μ/2)‖β‖², g = λ₁‖β‖₁; the elastic net
/// λ(α‖β‖₁ + (1 − α)/2‖β‖²) is λ₁ = λα, μ = λ(1 − α).
/// </summary>
/// <remarks>No duality gap: the conjugate of L has no cheap form here; solvers certify with the KKT violation
/// (<see cref="KktViolation(ReadOnlySpan{double}, Span{double})"/>). ∇f is not globally Lipschitz (<see cref="SmoothLipschitz"/> = +∞), so proximal gradient
/// backtracks. The objective owns scratch buffers: one instance must not be evaluated from two threads at once.</remarks>
public sealed class PredictorObjective : ICompositeFunction, IL1CompositeFunction
{
    private readonly ILinearMap _x;
    private readonly IPredictorLoss _loss;
    private readonly double[] _eta, _u, _l1;

    /// <summary>Builds the objective (X is checked for non-finite entries, not copied).</summary>
    /// <param name="x">The n×p data.</param>
    /// <param name="loss">L, with n samples.</param>
    /// <param name="l1">λ₁ ≥ 0.</param>
    /// <param name="ridge">μ ≥ 0.</param>
    public PredictorObjective(ILinearMap x, IPredictorLoss loss, double l1, double ridge)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(loss);
        if (loss.Samples != x.Rows) throw new ArgumentException($"The loss has {loss.Samples} samples for {x.Rows} rows of X.", nameof(loss));
        if (!(l1 >= 0 && double.IsFinite(l1))) throw new ArgumentOutOfRangeException(nameof(l1), l1, "λ₁ must be finite and ≥ 0.");
        if (!(ridge >= 0 && double.IsFinite(ridge))) throw new ArgumentOutOfRangeException(nameof(ridge), ridge, "μ must be finite and ≥ 0.");
        DataChecks.RequireFinite(x, nameof(x));
        _x = x;
        _loss = loss;
        L1 = l1;
        Ridge = ridge;
        _eta = new double[x.Rows];
        _u = new double[x.Rows];
        _l1 = new double[x.Columns];
        Array.Fill(_l1, l1);
    }

    /// <summary>X.</summary>
    public ILinearMap Data => _x;

    /// <summary>L.</summary>
    public IPredictorLoss Loss => _loss;

    /// <summary>λ₁, the L1 strength.</summary>
    public double L1 { get; }

    /// <summary>μ, the ridge strength.</summary>
    public double Ridge { get; }

    /// <inheritdoc/>
    public int Dimension => _x.Columns;

    /// <inheritdoc/>
    public double SmoothLipschitz => double.PositiveInfinity;

    /// <inheritdoc/>
    public bool HasNonsmoothPart => L1 > 0;

    /// <inheritdoc/>
    public bool HasDualityGap => false;

    /// <inheritdoc/>
    public ReadOnlySpan<double> L1Weights => _l1;

    /// <inheritdoc/>
    public double DualityGap(ReadOnlySpan<double> x) => double.NaN;

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> x)
    {
        _x.Apply(x, _eta);
        return _loss.Value(_eta) + 0.5 * Ridge * Dot(x, x);
    }

    /// <inheritdoc/>
    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        _x.Apply(x, _eta);
        double v = _loss.ValueAndGradient(_eta, _u);
        _x.ApplyTranspose(_u, gradient);
        for (int j = 0; j < x.Length; j++) gradient[j] += Ridge * x[j];
        return v + 0.5 * Ridge * Dot(x, x);
    }

    /// <inheritdoc/>
    public double NonsmoothValue(ReadOnlySpan<double> x)
    {
        double s = 0;
        foreach (double v in x) s += Math.Abs(v);
        return L1 * s;
    }

    /// <inheritdoc/>
    public double Prox(ReadOnlySpan<double> v, double step, Span<double> result)
    {
        double t = step * L1, s = 0;
        for (int j = 0; j < v.Length; j++)
        {
            double a = Math.Abs(v[j]) - t;
            result[j] = a > 0 ? Math.CopySign(a, v[j]) : 0;
            s += Math.Abs(result[j]);
        }
        return L1 * s;
    }

    /// <summary>
    /// max_j dist(−∇_j f(β), λ₁ ∂|β_j|): 0 exactly at the minimiser. With <paramref name="gradient"/> (length p) the
    /// gradient ∇f(β) is written there too.
    /// </summary>
    /// <param name="x">β.</param>
    /// <param name="gradient">∇f(β), written.</param>
    public double KktViolation(ReadOnlySpan<double> x, Span<double> gradient)
    {
        ValueAndGradient(x, gradient);
        return KktViolation(x, (ReadOnlySpan<double>)gradient, L1);
    }

    /// <summary>max_j dist(−g_j, λ₁ ∂|β_j|) for a given gradient g of the smooth part.</summary>
    /// <param name="x">β.</param>
    /// <param name="gradient">∇f(β).</param>
    /// <param name="l1">λ₁.</param>
    public static double KktViolation(ReadOnlySpan<double> x, ReadOnlySpan<double> gradient, double l1)
    {
        double worst = 0;
        for (int j = 0; j < x.Length; j++)
        {
            double g = gradient[j];
            double d = x[j] != 0 ? Math.Abs(g + Math.CopySign(l1, x[j])) : Math.Max(0, Math.Abs(g) - l1);
            if (!(d <= worst)) worst = d;   // NaN propagates
        }
        return worst;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }
}
