using OptSuite.Objectives;

namespace OptSuite.Solvers;

/// <summary>
/// Proximal gradient for F = f + g with f smooth and g prox-friendly: ISTA, and FISTA (Beck &amp; Teboulle 2009) with
/// adaptive restart (O'Donoghue &amp; Candès 2015) and backtracking.
/// </summary>
/// <remarks>
/// Iteration: x⁺ = prox_{ηg}(y − η∇f(y)); FISTA then sets t⁺ = (1 + √(1 + 4t²))/2, y⁺ = x⁺ + ((t − 1)/t⁺)(x⁺ − x),
/// restarting (t = 1, y⁺ = x⁺) when ⟨y − x⁺, x⁺ − x⟩ &gt; 0.
/// <para>Stopping criterion (<see cref="SolverOptions.Tolerance"/>): where the objective has a duality gap, the relative
/// gap (F(x) − D(θ(x)))/|F(x)| checked every <see cref="ProximalGradientOptions.GapCheckEvery"/> iterations; otherwise
/// the gradient-mapping norm ‖(y − x⁺)/η‖∞ / max(1, ‖G(x₀)‖∞).</para>
/// </remarks>
public static class ProximalGradient
{
    /// <summary>Minimises <paramref name="function"/> from <paramref name="x0"/> (zeros when null; never modified).</summary>
    /// <param name="function">The composite objective.</param>
    /// <param name="x0">Starting point (warm start), length <see cref="IDifferentiableFunction.Dimension"/>.</param>
    /// <param name="options">Options; defaults when null.</param>
    /// <param name="cancellationToken">Stops the run with <see cref="StopReason.Cancelled"/>.</param>
    public static SolverResult Minimize(ICompositeFunction function, ReadOnlySpan<double> x0 = default,
        ProximalGradientOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ProximalGradientOptions();
        var state = new ProximalGradientState(function, x0, options);
        LoopOutcome outcome = SolverLoop.Run(state, options, cancellationToken);
        return state.ToResult(outcome);
    }
}
