using OptSuite.Objectives;
using OptSuite.Prox;

namespace OptSuite.Solvers;

/// <summary>
/// Block coordinate descent for block-separable regularisers: group lasso, the L2,1 norm and the multi-task lasso /
/// elastic net (blocks of whole rows of W); and jaxopt's Crammer–Singer dual, whose blocks (one sample's k dual
/// variables) are minimised exactly by the sequential dual method of <see cref="DualCoordinateDescent"/>.
/// </summary>
/// <remarks>
/// Block update (Tseng &amp; Yun 2009; Qin, Scheinberg &amp; Goldfarb 2013; skglm's and scikit-learn's multi-task
/// CD): W_g ← prox_{r_g/L_g}(W_g − ∇_g f(W)/L_g) with L_g = L_ℓ·λ_max(X_gᵀDX_g) + μ the exact block Lipschitz constant
/// (D = diag(a), a_i = c_i/Σc), computed once per block: Σa_i x_ij² for one-feature blocks, Jacobi on the block's Gram
/// matrix otherwise. For the squared loss and blocks of one feature — every row of W in the multi-task lasso, whose
/// block Hessian is (Σa_i x_ij² + μ)·I_k — the step is the exact block minimiser (sklearn's MultiTaskLasso update);
/// for the squared loss with a Euclidean-norm penalty (group lasso, k = 1) groups of 2–64 features are minimised exactly
/// too, by the secular equation on the block Hessian's eigendecomposition (Qin, Scheinberg &amp; Goldfarb 2013, §3;
/// <see cref="ExactBlockStep"/>), so columns of different scales within a group do not slow the step; otherwise it is
/// a majorise-minimise step, so F never increases. The gradient comes from the loss derivatives d = ℓ′(Y, XW + 1bᵀ),
/// updated on the rows a block's columns touch (the residual itself for the squared loss), so an epoch costs O(k·nnz).
/// Intercepts are unpenalised. For the squared loss they are eliminated exactly: every block step is followed by the
/// intercepts' exact step b ← b − m_gᵀδ (m_j = Σa_i x_ij), carried as a pending shift of b and d, and the block
/// constants are those of the centred columns, λ_max(X_gᵀDX_g − m_g m_gᵀ) — columns with means far above their spread
/// (raw concrete, auto_mpg) then cost nothing extra, as in glmnet. Other losses update them once per epoch by a 1/L_ℓ
/// step. Blocks are visited cyclically or in a fresh seeded permutation per epoch;
/// between epochs the non-zero blocks are swept until they settle (glmnet's active set).
/// <para>Stopping criterion: the objective's relative duality gap (F − D)/|F|, evaluated every
/// <see cref="BlockCoordinateDescentOptions.GapCheckEvery"/> epochs, or sooner once the epoch's largest block KKT
/// violation dist(−∇_g f, ∂r_g(W_g)) has fallen below √tol times the first epoch's.</para>
/// </remarks>
public static class BlockCoordinateDescent
{
    /// <summary>Minimises a single-output objective with a block-separable regulariser (group lasso, L2,1 on groups).</summary>
    /// <param name="objective">The objective; its loss needs a Lipschitz derivative (squared, logistic, Huber, …).</param>
    /// <param name="x0">Warm start (w then b; zeros when empty; never modified).</param>
    /// <param name="options">Options; defaults when null.</param>
    /// <param name="cancellationToken">Stops the run with <see cref="StopReason.Cancelled"/>.</param>
    /// <typeparam name="TLoss">The loss.</typeparam>
    /// <typeparam name="TReg">The block-separable regulariser (its blocks partition the p coefficients).</typeparam>
    public static SolverResult Minimize<TLoss, TReg>(LinearObjective<TLoss, TReg> objective, ReadOnlySpan<double> x0 = default,
        BlockCoordinateDescentOptions? options = null, CancellationToken cancellationToken = default)
        where TLoss : struct, ILoss
        where TReg : struct, IBlockRegularizer
    {
        ArgumentNullException.ThrowIfNull(objective);
        if (!objective.Offset.IsEmpty)
            throw new ArgumentException("Block coordinate descent does not take offsets (its block scores start from Aw + b); use proximal gradient.", nameof(objective));
        options ??= new BlockCoordinateDescentOptions();
        var state = new BlockCoordinateDescentState<TLoss, TReg>(objective, objective.Data, objective.Labels, 1,
            objective.SampleWeights, objective.Ridge, objective.FitIntercept, objective.Loss, objective.Regularizer, x0, options);
        return state.ToResult(SolverLoop.Run(state, options, cancellationToken));
    }

    /// <summary>Minimises a multi-task objective (multi-task lasso / elastic net): blocks are rows of W (or groups of rows).</summary>
    /// <param name="objective">The objective; the regulariser's blocks must consist of whole rows of the p×k matrix W.</param>
    /// <param name="x0">Warm start (W row-major then b; zeros when empty; never modified).</param>
    /// <param name="options">Options; defaults when null.</param>
    /// <param name="cancellationToken">Stops the run with <see cref="StopReason.Cancelled"/>.</param>
    /// <typeparam name="TReg">The block-separable regulariser, e.g. <c>L21Norm</c>.</typeparam>
    public static SolverResult Minimize<TReg>(MultiTaskLinearObjective<TReg> objective, ReadOnlySpan<double> x0 = default,
        BlockCoordinateDescentOptions? options = null, CancellationToken cancellationToken = default)
        where TReg : struct, IBlockRegularizer
    {
        ArgumentNullException.ThrowIfNull(objective);
        options ??= new BlockCoordinateDescentOptions();
        var state = new BlockCoordinateDescentState<Objectives.Losses.SquaredLoss, TReg>(objective, objective.Data, objective.Targets,
            objective.Tasks, objective.SampleWeights, objective.Ridge, objective.FitIntercept, default, objective.Regularizer, x0, options);
        return state.ToResult(SolverLoop.Run(state, options, cancellationToken));
    }

    /// <summary>
    /// Minimises jaxopt's Crammer–Singer dual f(β) (<see cref="MulticlassSvmDualObjective"/>) block by block — one row
    /// β_i, a sample's k dual variables, at a time, each minimised exactly over the simplex — by the sequential dual
    /// method of LIBLINEAR -s 4 (Keerthi et al. 2008; the solver of
    /// <see cref="DualCoordinateDescent.Minimize{TReg}(MulticlassLinearObjective{Objectives.Multiclass.CrammerSingerHingeLoss, TReg}, DualCoordinateDescentOptions?, CancellationToken)"/>)
    /// with its sort-based block solution and shrinking. The result is in jaxopt's terms: Solution is β (n×k row-major,
    /// every row on the simplex), Objective is f(β), DualityGap is P(W(β)) + f(β) with the sum-form primal P; the
    /// primal weights are <see cref="MulticlassSvmDualObjective.PrimalWeights"/>(β) = Xᵀ(Y − β)/λ.
    /// </summary>
    /// <remarks>
    /// The sequential dual method's variables are α = (Y − β)/λ with bounds C = 1/λ (λ = l2reg; β = Y − λα), so the same
    /// W = Xᵀα; see <see cref="MulticlassSvmDualObjective"/> for λ: jaxopt's l2reg multiplies the sum over samples, and
    /// the mean-form objective (1/n)Σℓ_CS + (λ'/2)‖W‖²_F of <see cref="Objective.CrammerSinger"/> has the same W for
    /// λ' = l2reg/n, its optimal value being −f(β*)/n. Stopping criterion: the relative duality gap (P − (−f))/P, checked
    /// on epochs over every sample (at most every <see cref="BlockCoordinateDescentOptions.GapCheckEvery"/> epochs).
    /// Samples are visited in a fresh permutation seeded by <see cref="BlockCoordinateDescentOptions.Seed"/> each epoch
    /// whatever <see cref="BlockCoordinateDescentOptions.Order"/> says (the shrinking heuristic relies on it);
    /// <see cref="BlockCoordinateDescentOptions.ActiveSetCycling"/> is ignored. Rows with x_i = 0 are set to their exact
    /// minimiser (all mass on one other class); a warm start's rows are projected onto the simplex.
    /// </remarks>
    /// <param name="objective">The dual objective.</param>
    /// <param name="x0">Warm start β (n×k; empty: β = Y, i.e. W = 0); never modified.</param>
    /// <param name="options">Options; defaults when null.</param>
    /// <param name="cancellationToken">Stops the run with <see cref="StopReason.Cancelled"/>.</param>
    public static SolverResult Minimize(MulticlassSvmDualObjective objective, ReadOnlySpan<double> x0 = default,
        BlockCoordinateDescentOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        options ??= new BlockCoordinateDescentOptions();
        options.Validate();
        var sdm = new DualCoordinateDescentOptions { Seed = options.Seed, GapCheckEvery = options.GapCheckEvery };
        var state = new MulticlassSvmDualState(objective, x0, sdm);
        return state.ToResult(SolverLoop.Run(state, options, cancellationToken));
    }
}
