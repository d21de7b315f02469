using OptSuite.Objectives;

namespace OptSuite.Solvers;

/// <summary>
/// The duality-gap stopping test of the quasi-Newton states: x is accepted when (F(x) − D(θ(x))) / |F(x)| ≤ tolerance.
/// </summary>
/// <remarks>
/// Their gradient criterion says little about suboptimality on badly scaled data (raw Fashion-MNIST pixels: L-BFGS met
/// ‖∇F‖∞ ≤ 10⁻⁶·‖∇F(x₀)‖∞ 2.4% above the optimum, gap 1.08), and the gap is a certificate. It costs about one
/// value-and-gradient pass, so it is not evaluated every iteration: at the start (a warm start at the optimum takes no
/// step), whenever the relative gradient norm passes a gate (first the tolerance; after a check that fails, a tenth of
/// the gradient norm at that check, so a long tail below the tolerance costs one gap per tenfold decrease), at least
/// every <see cref="QuasiNewtonOptions.GapCheckEvery"/> iterations (the gap can certify long before the gradient
/// criterion would: raw breast cancer, squared hinge, certified at 6·10⁻⁸ where ‖∇F‖∞ never reached its tolerance), and
/// at the last iteration <see cref="SolverOptions.MaxIterations"/> allows.
/// <para>An infinite (or NaN) gap is no certificate rather than a contradiction: no feasible dual point can be built
/// from x (an unregularised least-squares or logistic objective: H = 0 makes the dual point feasible only at the exact
/// optimum). There the gradient criterion decides, and the gap is evaluated again only when that criterion passes its
/// gate, so such a run stops where the gradient criterion alone would.</para>
/// </remarks>
internal sealed class GapCertificate
{
    private readonly IDualityGapProvider _function;
    private readonly int _every, _last;
    private double _gate = double.NaN;
    private int _checkedAt = -1;
    private double _gap = double.NaN;
    private bool _finite = true;   // whether the last gap was finite: periodic checks only then

    private GapCertificate(IDualityGapProvider function, QuasiNewtonOptions options)
    {
        _function = function;
        _every = options.GapCheckEvery;
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
    /// <param name="gradientCriterion">The relative gradient norm at x, the cheap pre-check.</param>
    /// <param name="stalled">True when another cheap sign says the run is near its end (a small relative decrease).</param>
    /// <param name="tolerance">The tolerance on the relative gap.</param>
    public bool Certifies(ReadOnlySpan<double> x, double objective, int steps, double gradientCriterion, bool stalled, double tolerance)
    {
        if (double.IsNaN(_gate)) _gate = tolerance;
        bool gate = gradientCriterion <= _gate;
        if (!(steps == 0 || gate || stalled || (_finite && steps - _checkedAt >= _every) || steps >= _last)) return false;
        _gap = _function.DualityGap(x);
        _checkedAt = steps;
        Evaluations++;
        _finite = double.IsFinite(_gap);
        if (!_finite)
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
