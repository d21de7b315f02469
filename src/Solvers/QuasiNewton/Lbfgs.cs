using OptSuite.Objectives;

namespace OptSuite.Solvers;

/// <summary>
/// Limited-memory BFGS (Nocedal &amp; Wright 2006, ch. 7) for smooth objectives: two-loop recursion over the last m
/// pairs, initial scaling γ = sᵀy/yᵀy, strong-Wolfe line search.
/// </summary>
/// <remarks>
/// Stopping criterion (<see cref="SolverOptions.Tolerance"/>, <see cref="QuasiNewtonOptions.Criterion"/>): where the
/// function has a duality gap (<see cref="IDualityGapProvider"/>, as the <c>AsSmooth()</c> views of the linear objectives
/// do), ‖∇f(x)‖∞ / max(1, ‖∇f(x₀)‖∞) confirmed by the relative gap (f(x) − D(θ(x))) / |f(x)| (both ≤ the tolerance; at the
/// iteration cap the gap alone); otherwise, at points where the gap is infinite (an unregularised objective), or with
/// <see cref="QuasiNewtonCriterion.Gradient"/>, the gradient norm alone. A line search that finds
/// no decrease ends the run with <see cref="StopReason.LineSearchFailed"/> and the best point, never an exception. Where
/// the function has a gap, the result carries it.
/// </remarks>
public static class Lbfgs
{
    /// <summary>Minimises <paramref name="function"/> from <paramref name="x0"/> (zeros when empty; never modified).</summary>
    /// <param name="function">The smooth objective.</param>
    /// <param name="x0">Starting point (warm start).</param>
    /// <param name="options">Options; defaults when null.</param>
    /// <param name="cancellationToken">Stops the run with <see cref="StopReason.Cancelled"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="function"/> is a composite objective f + g whose g is not
    /// identically zero (or whose f is not differentiable): L-BFGS sees only f, so it would minimise another problem
    /// (a lasso without its L1 term). Pass <c>AsSmooth()</c> of an L2 or unpenalised objective, or use OWL-QN,
    /// coordinate descent or proximal gradient (FISTA) for an L1 part.</exception>
    public static SolverResult Minimize(IDifferentiableFunction function, ReadOnlySpan<double> x0 = default,
        LbfgsOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (function is ICompositeFunction { HasNonsmoothPart: true })
            throw new ArgumentException(
                $"L-BFGS minimises smooth functions, and this {function.GetType().Name} is a composite f + g with a non-smooth part " +
                "that L-BFGS would silently drop (a lasso would lose its L1 term). Use OWL-QN (OwlQn.Minimize(objective.AsL1Composite())) " +
                "or coordinate descent (CoordinateDescent.Minimize) for an L1 or elastic-net penalty, FISTA (ProximalGradient.Minimize) " +
                "for other penalties, or pass objective.AsSmooth() when the penalty is L2 or none and the loss is differentiable.", nameof(function));
        options ??= new LbfgsOptions();
        var state = new LbfgsState(function, x0, options);
        return state.ToResult(SolverLoop.Run(state, options, cancellationToken));
    }
}
