using OptSuite.Objectives;

namespace OptSuite.Solvers;

/// <summary>
/// Proximal Newton for F(β) = L(Xβ) + (μ/2)‖β‖² + λ₁‖β‖₁ with a loss of the whole linear predictor
/// (<see cref="PredictorObjective"/>: the Cox partial likelihood): glmnet's coxnet method.
/// </summary>
/// <remarks>
/// <para>Each outer iteration forms the quadratic model of L at η = Xβ with the diagonal of ∇²L (glmnet's weighted least
/// squares: weights h_i = ∂²L/∂η_i², working response z_i = η_i − g_i/h_i), minimises the penalised model
/// Σ_i [g_i(η′_i − η_i) + ½h_i(η′_i − η_i)²] + (μ/2)‖β′‖² + λ₁‖β′‖₁ by cyclic coordinate descent on the columns of X
/// (exact coordinate steps, the model's gradient g + h⊙(η′ − η) kept up to date, glmnet's active-set cycling) until a full
/// sweep moves no coordinate by more than <see cref="CoordinateDescentOptions.InnerTolerance"/> times the outer KKT violation,
/// and backtracks along d = β′ − β on F itself (Armijo on F(β + td) ≤ F(β) + σtΔ, Δ = ∇fᵀd + λ₁(‖β + d‖₁ − ‖β‖₁); Tseng &amp;
/// Yun 2009), which glmnet does not do: it guards against the diagonal model overshooting (Friedman, Hastie &amp;
/// Tibshirani 2010; Simon, Friedman, Hastie &amp; Tibshirani 2011 for the Cox case). X is read by columns (a CSC copy of a
/// dense or CSR matrix, made once per run).</para>
/// <para>Stopping criterion: the KKT violation max_j dist(−∇_j f(β), λ₁∂|β_j|) divided by ‖∇f(0)‖∞ (the gradient's scale on
/// the regularisation path: α·λ_max), at most <see cref="SolverOptions.Tolerance"/>. The partial likelihood has no cheap
/// dual, so no duality gap is reported. <see cref="SolverResult.Iterations"/> counts outer (Newton) iterations,
/// <see cref="EvaluationCounts.Proxes"/> coordinate updates.</para>
/// </remarks>
public static class PredictorProximalNewton
{
    /// <summary>Minimises <paramref name="objective"/> from <paramref name="x0"/> (zeros when empty; never modified).</summary>
    /// <param name="objective">The objective.</param>
    /// <param name="x0">Warm start.</param>
    /// <param name="options">Options (tolerance, iteration limit, inner sweep limit); defaults when null.</param>
    /// <param name="cancellationToken">Stops the run with <see cref="StopReason.Cancelled"/>.</param>
    public static SolverResult Minimize(PredictorObjective objective, ReadOnlySpan<double> x0 = default,
        CoordinateDescentOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        options ??= new CoordinateDescentOptions();
        options.Validate();
        var state = new PredictorProximalNewtonState(objective, x0, options);
        return state.ToResult(SolverLoop.Run(state, options, cancellationToken));
    }
}
