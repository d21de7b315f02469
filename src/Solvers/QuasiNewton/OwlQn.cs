using OptSuite.Objectives;

namespace OptSuite.Solvers;

/// <summary>
/// Orthant-wise limited-memory quasi-Newton (Andrew &amp; Gao 2007) for F(x) = f(x) + Σ_j λ_j|x_j| with f smooth:
/// L-BFGS on the pseudo-gradient, directions and steps kept in the current orthant. ML.NET's L1 solver.
/// </summary>
/// <remarks>
/// The pseudo-gradient ◇F is ∇f + λ·sign(x) off zero and the minimum-norm subgradient at zero. The direction −H◇F is
/// zeroed where it disagrees in sign with −◇F; trial points x + αd are projected onto the orthant of x (sign(−◇F) at
/// zeros) and accepted on F(x⁺) ≤ F(x) + c·⟨◇F, x⁺ − x⟩. Curvature pairs use ∇f only.
/// <para>Stopping criterion (<see cref="QuasiNewtonOptions.Criterion"/>): where the function has a duality gap
/// (<see cref="IDualityGapProvider"/>, as the <c>AsL1Composite()</c> views of the linear objectives do), the relative gap
/// (F(x) − D(θ(x))) / |F(x)| once ‖◇F(x)‖∞ / max(1, ‖◇F(x₀)‖∞) is below the tolerance too (at the iteration cap the gap
/// alone); otherwise, at points where the gap is infinite (λ = 0), or with <see cref="QuasiNewtonCriterion.Gradient"/>,
/// the pseudo-gradient norm alone. The result carries the gap where there is
/// one. No decrease after the allowed halvings ends the run with <see cref="StopReason.LineSearchFailed"/> and the best
/// point.</para>
/// </remarks>
public static class OwlQn
{
    /// <summary>Minimises <paramref name="function"/> from <paramref name="x0"/> (zeros when empty; never modified).</summary>
    /// <param name="function">f and the L1 weights λ.</param>
    /// <param name="x0">Starting point (warm start).</param>
    /// <param name="options">Options; defaults when null.</param>
    /// <param name="cancellationToken">Stops the run with <see cref="StopReason.Cancelled"/>.</param>
    public static SolverResult Minimize(IL1CompositeFunction function, ReadOnlySpan<double> x0 = default,
        OwlQnOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new OwlQnOptions();
        var state = new OwlQnState(function, x0, options);
        return state.ToResult(SolverLoop.Run(state, options, cancellationToken));
    }
}
