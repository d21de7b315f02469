using OptSuite.Objectives;

namespace OptSuite.Solvers;

/// <summary>
/// Limited-memory BFGS (Nocedal &amp; Wright 2006, ch. 7) for smooth objectives: two-loop recursion over the last m
/// pairs, initial scaling γ = sᵀy/yᵀy, strong-Wolfe line search.
/// </summary>
/// <remarks>
/// Stopping criterion (<see cref="SolverOptions.Tolerance"/>): ‖∇f(x)‖∞ / max(1, ‖∇f(x₀)‖∞). A line search that finds no
/// decrease ends the run with <see cref="StopReason.LineSearchFailed"/> and the best point, never an exception. Where
/// the function also implements <see cref="IDualityGapProvider"/>, the result carries the duality gap.
/// </remarks>
public static class Lbfgs
{
    /// <summary>Minimises <paramref name="function"/> from <paramref name="x0"/> (zeros when empty; never modified).</summary>
    /// <param name="function">The smooth objective.</param>
    /// <param name="x0">Starting point (warm start).</param>
    /// <param name="options">Options; defaults when null.</param>
    /// <param name="cancellationToken">Stops the run with <see cref="StopReason.Cancelled"/>.</param>
    public static SolverResult Minimize(IDifferentiableFunction function, ReadOnlySpan<double> x0 = default,
        LbfgsOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new LbfgsOptions();
        var state = new LbfgsState(function, x0, options);
        return state.ToResult(SolverLoop.Run(state, options, cancellationToken));
    }
}
