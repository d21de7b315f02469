using OptSuite.Objectives;

namespace OptSuite.Solvers;

/// <summary>
/// The duality-gap stopping test of the quasi-Newton states: x is accepted when (F(x) − D(θ(x))) / |F(x)| ≤ tolerance.
/// </summary>
/// <remarks>
/// Their gradient criterion says little about suboptimality on badly scaled data (raw Fashion-MNIST pixels: L-BFGS met
/// ‖∇F‖∞ ≤ 10⁻⁶·‖∇F(x₀)‖∞ 2.4% above the optimum, gap 1.08), and the gap is a certificate. It costs about one
/// value-and-gradient pass, so the gradient criterion is its pre-check: the gap is evaluated when the relative gradient
/// norm passes a gate (first the tolerance; after a check that fails, a tenth of the gradient norm at that check, so a
/// long tail below the tolerance costs one gap per tenfold decrease) and at the last iteration
/// <see cref="SolverOptions.MaxIterations"/> allows, where the gap alone decides (raw breast cancer, squared hinge: the
/// gap certified 6·10⁻⁸ at the cap where ‖∇F‖∞ never reached its tolerance). A run is thus Converged when both hold —
/// the coefficients as accurate as the gradient criterion made them, the objective certified by the gap — or, at the
/// cap, when the gap certifies.
/// <para>An infinite (or NaN) gap is no certificate rather than a contradiction: no feasible dual point can be built
/// from x (an unregularised least-squares or logistic objective: H = 0 makes the dual point feasible only at the exact
/// optimum). There the gradient criterion decides alone, so such a run stops where it always did.</para>
/// </remarks>
internal sealed class GapCertificate
{
    private readonly IDualityGapProvider _function;
    private readonly int _last;
    private double _gate = double.NaN;
    private int _checkedAt = -1;
    private double _gap = double.NaN;

    private GapCertificate(IDualityGapProvider function, QuasiNewtonOptions options)
    {
        _function = function;
        _last = options.MaxIterations;
    }

    /// <summary>The test for <paramref name="function"/> under <paramref name="options"/>, or null when the gradient
    /// criterion decides (<see cref="QuasiNewtonCriterion.Gradient"/>, or Auto on a function without a gap).</summary>
    /// <exception cref="ArgumentException"><see cref="QuasiNewtonCriterion.DualityGap"/> for a function without a gap.</exception>
    public static GapCertificate? For(object function, QuasiNewtonOptions options)
    {
        var provider = function as IDualityGapProvider;
        bool hasGap = provider is { HasDualityGap: true };
        return options.Criterion switch
        {
            QuasiNewtonCriterion.Gradient => null,
            QuasiNewtonCriterion.DualityGap when !hasGap => throw new ArgumentException(
                $"{nameof(QuasiNewtonOptions.Criterion)} = {nameof(QuasiNewtonCriterion.DualityGap)} needs a function with a duality gap " +
                $"({nameof(IDualityGapProvider)}.{nameof(IDualityGapProvider.HasDualityGap)}); this {function.GetType().Name} has none. " +
                $"Use {nameof(QuasiNewtonCriterion.Auto)} or {nameof(QuasiNewtonCriterion.Gradient)}.", nameof(options)),
            _ => hasGap ? new GapCertificate(provider!, options) : null,
        };
    }

    /// <summary>The relative gap at the last check (+∞ before the first), or the gradient criterion there when that gap
    /// was infinite.</summary>
    public double Criterion { get; private set; } = double.PositiveInfinity;

    /// <summary>Gap evaluations so far.</summary>
    public long Evaluations { get; private set; }

    /// <summary>
    /// Whether the gap at <paramref name="x"/> certifies <paramref name="tolerance"/>, when this is a check point; false
    /// between check points.
    /// </summary>
    /// <param name="x">The iterate.</param>
    /// <param name="objective">F(x).</param>
    /// <param name="steps">Steps taken so far.</param>
    /// <param name="gradientCriterion">The relative gradient norm at x, the pre-check.</param>
    /// <param name="stalled">True when another cheap sign says the run is near its end (a small relative decrease).</param>
    /// <param name="tolerance">The tolerance on the relative gap.</param>
    public bool Certifies(ReadOnlySpan<double> x, double objective, int steps, double gradientCriterion, bool stalled, double tolerance)
    {
        if (double.IsNaN(_gate)) _gate = tolerance;
        bool gate = gradientCriterion <= _gate;
        if (!(gate || stalled || steps >= _last)) return false;
        _gap = _function.DualityGap(x);
        _checkedAt = steps;
        Evaluations++;
        if (!double.IsFinite(_gap))
        {
            Criterion = gradientCriterion;
            return gradientCriterion <= tolerance || stalled;
        }
        Criterion = ProximalGradientState.RelativeGap(_gap, objective);
        if (Criterion <= tolerance) return true;
        if (gate) _gate = 0.1 * gradientCriterion;
        return false;
    }

    /// <summary>The gap at the current point: the last check's when it was made after step <paramref name="steps"/>, else
    /// evaluated now.</summary>
    public double Gap(ReadOnlySpan<double> x, int steps) => _checkedAt == steps ? _gap : _function.DualityGap(x);
}
