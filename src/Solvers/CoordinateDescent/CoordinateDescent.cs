using OptSuite.Objectives;
using OptSuite.Prox;

namespace OptSuite.Solvers;

/// <summary>
/// Coordinate descent for (1/Σc)Σ c_i ℓ(y_i, x_i·w + b) + (μ/2)‖w‖² + Σ_j r_j(w_j) with a separable regulariser
/// (lasso, elastic net, L1-logistic, non-negative and box-constrained variants): glmnet's and celer's method.
/// </summary>
/// <remarks>
/// Proximal Newton with coordinate-descent inner solves (newGLMNET: Yuan, Ho &amp; Lin 2012; glmnet's quadratic
/// approximation, Friedman, Hastie &amp; Tibshirani 2010). Each outer iteration builds the model
/// q(δ) = ∇fᵀδ + ½δᵀ(XᵀHX + μI)δ + R(w + δ) with H = diag(a_i ℓ″(y_i, z_i)), minimises it by exact coordinate steps
/// w_j ← prox_{r_j/H_jj}(w_j − G_j/H_jj) on a working set until its largest coordinate violation is a fraction
/// (<see cref="CoordinateDescentOptions.InnerTolerance"/>) of the outer KKT violation, then backtracks on F
/// (Armijo, Tseng &amp; Yun 2009). For the squared loss the model is F itself, so this is plain coordinate descent
/// with h_i = a_i and no line search. Smooth losses without a second derivative use their generalised one (Huber).
/// <para>Working sets (with a weighted L1 penalty): the non-zeros, the large KKT violators and the zeros whose dual
/// constraint is closest to active, filled to max(p₀, 2·nnz) (celer: Massias, Gramfort &amp; Salmon 2018). Gap-safe
/// screening removes coordinates that are zero at every optimum (Fercoq, Gramfort &amp; Salmon 2015). One sweep over
/// the working set costs O(nnz of its columns); the gradient and duality gap between outer iterations cost O(nnz).</para>
/// <para>Stopping criterion: the objective's relative duality gap (F − D)/|F|, evaluated after every outer iteration
/// (see <see cref="CoordinateDescentOptions.GapCheckEvery"/>). <see cref="SolverResult.Iterations"/> counts outer
/// iterations; <see cref="EvaluationCounts.Proxes"/> counts coordinate updates.</para>
/// <para>Data read in row blocks (<see cref="LinearAlgebra.IRowBlockedMap"/>: shards) give no column access: the squared
/// loss with an L1, elastic-net or ridge penalty is then solved in covariance mode from one pass
/// (<see cref="CovarianceDescent"/>), and other problems are refused up front; so are rows split across ranks
/// (<see cref="LinearAlgebra.Distributed.IDistributedMap"/>), whose statistics are all-reduced.</para>
/// </remarks>
public static class CoordinateDescent
{
    /// <summary>Minimises <paramref name="objective"/> from <paramref name="x0"/> (w then b; zeros when empty; never modified).</summary>
    /// <param name="objective">The objective; its loss must be smooth (finite <see cref="ILoss.Smoothness"/>) and convex.</param>
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
        if (!objective.Loss.IsConvex)
            throw new ArgumentException($"Coordinate descent needs a convex loss (its coordinate Newton steps need ℓ″ > 0 and it stops on the duality gap); {typeof(TLoss).Name} is not convex here. Use L-BFGS, OWL-QN or ISTA.", nameof(objective));
        if (objective.Data is LinearAlgebra.IRowBlockedMap or LinearAlgebra.Distributed.IDistributedMap) return CovarianceDescent.Minimize(objective, x0, options, cancellationToken);
        options ??= new CoordinateDescentOptions();
        var state = new CoordinateDescentState<TLoss, TReg>(objective, x0, options);
        return state.ToResult(SolverLoop.Run(state, options, cancellationToken));
    }
}
