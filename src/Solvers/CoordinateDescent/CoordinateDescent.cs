using OptSuite.Objectives;
using OptSuite.Prox;

namespace OptSuite.Solvers;

/// <summary>
/// Coordinate descent for (1/Σc)Σ c_i ℓ(y_i, x_i·w + b) + (μ/2)‖w‖² + Σ_j r_j(w_j) with a separable regulariser
/// (lasso, elastic net, L1-logistic, non-negative and box-constrained variants): glmnet's and scikit-learn's method.
/// </summary>
/// <remarks>
/// Scores z = Xw + b and the loss derivatives ℓ′(y_i, z_i) are kept up to date on the rows a coordinate touches, so an
/// epoch costs O(nnz). Squared loss: exact coordinate minimisation, w_j ← prox_{r_j/h_j}(w_j − g_j/h_j) with
/// h_j = Σa_i x_ij² + μ (Friedman, Hastie &amp; Tibshirani 2010). Twice-differentiable losses: the same prox-Newton
/// step with h_j = Σa_i ℓ″(z_i)x_ij² + μ, accepted when it decreases F along the coordinate, otherwise the step 1/L_j
/// with L_j = L_ℓΣa_i x_ij² + μ (exact per-coordinate Lipschitz constants, which always decrease F). Other smooth
/// losses use 1/L_j. The intercept is an unpenalised coordinate updated once per epoch.
/// <para>Stopping criterion: the objective's relative duality gap, evaluated every
/// <see cref="CoordinateDescentOptions.GapCheckEvery"/> epochs or sooner when the largest coordinate KKT violation
/// dist(−g_j, ∂r_j(w_j)) has dropped below √tol times its first value (scikit-learn checks its gap in the same way).</para>
/// </remarks>
public static class CoordinateDescent
{
    /// <summary>Minimises <paramref name="objective"/> from <paramref name="x0"/> (w then b; zeros when empty; never modified).</summary>
    /// <param name="objective">The objective; its loss must be smooth (finite <see cref="ILoss.Smoothness"/>).</param>
    /// <param name="x0">Warm start.</param>
    /// <param name="options">Options; defaults when null.</param>
    /// <param name="cancellationToken">Stops the run with <see cref="StopReason.Cancelled"/>.</param>
    /// <typeparam name="TLoss">The loss.</typeparam>
    /// <typeparam name="TReg">A separable regulariser.</typeparam>
    public static SolverResult Minimize<TLoss, TReg>(LinearObjective<TLoss, TReg> objective, ReadOnlySpan<double> x0 = default,
        CoordinateDescentOptions? options = null, CancellationToken cancellationToken = default)
        where TLoss : struct, ILoss
        where TReg : struct, ISeparableRegularizer
    {
        ArgumentNullException.ThrowIfNull(objective);
        options ??= new CoordinateDescentOptions();
        var state = new CoordinateDescentState<TLoss, TReg>(objective, x0, options);
        return state.ToResult(SolverLoop.Run(state, options, cancellationToken));
    }
}
