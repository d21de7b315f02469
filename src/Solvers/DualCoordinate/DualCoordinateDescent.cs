using OptSuite.LinearAlgebra;
using OptSuite.Objectives;
using OptSuite.Objectives.Losses;
using OptSuite.Prox;

namespace OptSuite.Solvers;

/// <summary>
/// Dual coordinate descent for L2-regularised linear models without intercept: hinge and squared hinge (Hsieh,
/// Chang, Lin, Keerthi &amp; Sundararajan 2008; LIBLINEAR -s 3 and -s 1), logistic regression (Yu, Huang &amp; Lin
/// 2011; LIBLINEAR -s 7) and support vector regression with the ε-insensitive and squared ε-insensitive losses (Ho &amp;
/// Lin 2012; LIBLINEAR -s 13 and -s 12).
/// </summary>
/// <remarks>
/// The objective (1/n)Σℓ(y_i, x_i·w) + (λ/2)‖w‖² is λ times LIBLINEAR's C·Σℓ + ½‖w‖² with C = 1/(nλ); the solver works
/// on the dual of the latter, min_α ½αᵀQ̄α − Σα_i (hinge, squared hinge; Q̄ = Q + D) or with the entropy terms of the
/// logistic dual, keeps w = Σα_i y_i x_i, visits the coordinates in a fresh random permutation each epoch, and shrinks
/// coordinates at a bound (LIBLINEAR's projected-gradient thresholds). Stopping criterion: the relative duality gap
/// (P(w) − D(α))/P(w) between the primal at the maintained w and the dual at α; with shrinking it is evaluated after an
/// epoch over every coordinate or one whose projected-gradient spread says the active set is solved (where LIBLINEAR would
/// test its own stop), at most every <see cref="DualCoordinateDescentOptions.GapCheckEvery"/> epochs.
/// Rows are read from a CSR copy of the data (a CSC matrix through its O(nnz) row companion, a dense one by its
/// non-zeros) with unrolled, bounds-check-free gather kernels.
/// <para>Two or more threads (<see cref="DualCoordinateDescentOptions.Threads"/> = K, default 1): the rows are split into K
/// fixed contiguous blocks, each with its own permutations and shrinking (thresholds and the "active set solved" test
/// reduced over the blocks in block order after each epoch), run at the same time on one shared w without locks —
/// PASSCoDe-Wild (Hsieh, Yu &amp; Dhillon, ICML 2015). An addition to w_j lost to a concurrent one leaves w ≠ Σα_i y_i x_i,
/// so w is recomputed from α at the end of every epoch (one pass over the rows with α_i ≠ 0): the certificate stays exact. Runs with
/// K &gt; 1 are not reproducible (see the option). Why this scheme: the deterministic ones were measured first and lose
/// more epochs than a second core can win. CoCoA+'s safe adding (σ′ = K, as <see cref="CocoaDualState"/> does across
/// ranks) with the blocks merged after each epoch needs 4 559 epochs instead of 162 to LIBLINEAR's -e 0.1 objective for
/// the hinge on w8a and 16 269 instead of 424 for the squared hinge (halved steps approach the bound α_i = 0
/// geometrically instead of reaching it, so shrinking never removes those coordinates), news20 binary 69 instead of 15
/// (hinge) and 20 instead of 7 (logistic); adding without the safety factor (σ′ = 1 or 1.5) did not reach the objective in
/// 3 000 epochs. Chiang, Lee &amp; Lin's (KDD 2016) batch scheme — the batch's gradients in parallel, then the
/// coordinates whose projected gradient is not zero updated in turn with a fresh gradient — keeps the sequential path
/// but gains at most (1 + r)/(1/K + 2r) for an update ratio r; measured r (updates per visited coordinate, to a 1e-3
/// gap) was 0.15 for the hinge on w8a, 0.45–0.53 for the hinge on news20 and a9a, 0.52–0.84 for the squared hinge and
/// 0.85–0.96 for the logistic dual, so with K = 2 it could gain on one of the nine cases. The asynchronous scheme costs
/// epochs too — to LIBLINEAR's -e 0.1 objective with K = 2 (benchmarks/results/dual-coordinate-threads.md): hinge a9a
/// 2 134 instead of 293, w8a 409–492 instead of 162, news20 binary 16–23 instead of 15; squared hinge 1 953, 880–928 and
/// 23 instead of 115, 424 and 10; logistic 59–490, 44 and 9–14 instead of 35, 38 and 7. Part of it is the split itself:
/// the two blocks run one after the other (no concurrency) needed 67 epochs instead of 14 for the logistic dual on a9a
/// to a 1e-3 gap (w8a's file also holds all its positive rows in the first half). On the shared two-core machine two
/// threads were slower than one in every case; the option stays for quiet machines and is not a default.</para>
/// <para>Data read in row blocks (<see cref="IRowBlockedMap"/>: a shard directory, a <see cref="RowBlockedMatrix"/>)
/// are solved by block minimisation (Yu, Hsieh, Chang &amp; Lin 2010) with the same coordinate steps and the same
/// relative duality gap, one block in memory at a time: each iteration is one round over the blocks in a random order,
/// <see cref="DualCoordinateDescentOptions.InnerEpochs"/> epochs per block, and the gap is certified without extra
/// passes at a snapshot of w taken at the start of a round, which is what a certified run returns. Iterations are rounds;
/// <see cref="SolverResult.Counts"/> gives the passes over the data (Functions) and coordinate updates (Proxes).
/// Each block's epochs also update a cache of rows kept from the other blocks
/// (<see cref="DualCoordinateDescentOptions.BlockCacheRows"/>; selective block minimisation, Chang &amp; Roth 2011).
/// Without it, where blocks hold many more rows than the data have effective features, the rows of one block span about
/// the same directions as all the rows: its epoch fits w to that block, and weight moves between blocks only through
/// the small diagonal terms of the dual — rounds then far exceed in-memory epochs. Measured, 20 blocks, C = 1, to a 10⁻⁶
/// gap, rounds without the cache → with the default cache (in-memory epochs): a9a (32,561 × 123) squared hinge
/// 39,786 → 114 (206), logistic 3,464 → 31 (29), hinge &gt; 5,000 → 1,154; news20 (15,935 × 62,061, wide and nearly
/// orthogonal rows) squared hinge 34 → 12 (13), logistic 11 → 9, hinge 146 → 65.</para>
/// <para>Rows distributed across ranks (<see cref="LinearAlgebra.Distributed.IDistributedMap"/>) are solved by CoCoA+
/// (<see cref="CocoaDualState"/>): local epochs on each rank's rows against a model with σ′ = K, the changes of w added
/// with one all-reduce per round, the global gap as the certificate.</para>
/// </remarks>
public static class DualCoordinateDescent
{
    /// <summary>Solves an L2-regularised hinge, squared-hinge, logistic or ε-insensitive objective built without intercept.</summary>
    /// <param name="objective">The objective: a loss with a dual step (<see cref="HingeLoss"/>, <see cref="SquaredHingeLoss"/>,
    /// <see cref="LogisticLoss"/>, <see cref="EpsilonInsensitiveLoss"/>, <see cref="SquaredEpsilonInsensitiveLoss"/>), ridge μ = λ &gt; 0, no other regulariser, no intercept.</param>
    /// <param name="options">Options; defaults when null.</param>
    /// <param name="cancellationToken">Stops the run with <see cref="StopReason.Cancelled"/>.</param>
    /// <typeparam name="TLoss">The loss.</typeparam>
    /// <typeparam name="TReg">Must be a zero regulariser.</typeparam>
    public static SolverResult Minimize<TLoss, TReg>(LinearObjective<TLoss, TReg> objective,
        DualCoordinateDescentOptions? options = null, CancellationToken cancellationToken = default)
        where TLoss : struct, ILoss
        where TReg : struct, IRegularizer
    {
        ArgumentNullException.ThrowIfNull(objective);
        DualCoordinateStep step = objective.Loss.DualStep;
        if (step.Kind == DualCoordinateKind.None)
            throw new ArgumentException($"Dual coordinate descent needs a loss with a dual coordinate step (hinge, squared hinge, logistic, ε-insensitive); {typeof(TLoss).Name} has none.", nameof(objective));
        if (objective.FitIntercept)
            throw new ArgumentException("Dual coordinate descent needs an objective without intercept (the intercept's equality constraint couples all dual coordinates); add a constant feature or use proximal gradient.", nameof(objective));
        if (!(objective.Ridge > 0))
            throw new ArgumentException("Dual coordinate descent needs an L2 (ridge) term λ > 0.", nameof(objective));
        if (objective.HasOffset)
            throw new ArgumentException("Dual coordinate descent does not take offsets (its dual steps see x_i·w only); use a primal solver (L-BFGS, Newton, coordinate descent).", nameof(objective));
        if ((object)objective.Regularizer is not ISmoothRegularizer { GradientLipschitz: 0 })
            throw new ArgumentException($"Dual coordinate descent handles the ridge term only; {typeof(TReg).Name} must be the zero regulariser.", nameof(objective));
        options ??= new DualCoordinateDescentOptions();
        if (step.Kind == DualCoordinateKind.EpsilonInsensitive && objective.Data is not LinearAlgebra.Distributed.IDistributedMap)
        {
            if (objective.Data is IRowBlockedMap svrBlocks)
            {
                var blockSvr = new BlockSvrDualState(svrBlocks, objective.Labels, objective.SampleWeights, step, objective.Ridge, options);
                return blockSvr.ToResult(SolverLoop.Run(blockSvr, options, cancellationToken));
            }
            var svr = new SvrDualState(objective.Data, objective.Labels, objective.SampleWeights, step, objective.Ridge, options);
            return svr.ToResult(SolverLoop.Run(svr, options, cancellationToken));
        }
        if (objective.Data is LinearAlgebra.Distributed.IDistributedMap distributed)
        {
            options = options with { Communicator = options.Communicator ?? distributed.Communicator };
            var cocoa = new CocoaDualState(distributed, objective.Labels, objective.SampleWeights, step, objective.Ridge, objective.SamplesOverAllRanks, options);
            return cocoa.ToResult(SolverLoop.Run(cocoa, options, cancellationToken));
        }
        if (objective.Data is IRowBlockedMap blocks)
        {
            var blockState = new BlockBinaryDualState(blocks, objective.Labels, objective.SampleWeights, step, objective.Ridge, options);
            return blockState.ToResult(SolverLoop.Run(blockState, options, cancellationToken));
        }
        var state = new BinaryDualState(objective.Data, objective.Labels, objective.SampleWeights, step, objective.Ridge, options);
        return state.ToResult(SolverLoop.Run(state, options, cancellationToken));
    }

    /// <summary>
    /// Solves the Crammer–Singer multiclass SVM (1/n)Σ max_r(s_r + 1[r ≠ y_i]) − s_{y_i} + (λ/2)‖W‖²_F by the sequential
    /// dual method (LIBLINEAR -s 4, jaxopt's multiclass_linear_svm_dual solved coordinate-wise). W is p×k row-major.
    /// </summary>
    /// <remarks>
    /// Keerthi, Sundararajan, Chang, Hsieh &amp; Lin (2008): each sample's k dual variables are updated together by the
    /// closed-form, sort-based solution of their sub-problem (Crammer &amp; Singer 2001); classes at their bound whose
    /// gradient says they stay there are shrunk per sample, and samples with one active class are skipped, until the
    /// active problem looks solved. Stopping criterion: the relative duality gap, as for the binary losses.
    /// </remarks>
    /// <param name="objective">A Crammer–Singer objective with ridge λ &gt; 0, no other regulariser, no intercept.</param>
    /// <param name="options">Options; defaults when null.</param>
    /// <param name="cancellationToken">Stops the run with <see cref="StopReason.Cancelled"/>.</param>
    /// <typeparam name="TReg">Must be the zero regulariser.</typeparam>
    public static SolverResult Minimize<TReg>(MulticlassLinearObjective<Objectives.Multiclass.CrammerSingerHingeLoss, TReg> objective,
        DualCoordinateDescentOptions? options = null, CancellationToken cancellationToken = default)
        where TReg : struct, IRegularizer
    {
        ArgumentNullException.ThrowIfNull(objective);
        if (objective.FitIntercept)
            throw new ArgumentException("The Crammer–Singer dual solver needs an objective without intercepts.", nameof(objective));
        if (!(objective.Ridge > 0))
            throw new ArgumentException("The Crammer–Singer dual solver needs an L2 (ridge) term λ > 0.", nameof(objective));
        if ((object)objective.Regularizer is not ISmoothRegularizer { GradientLipschitz: 0 })
            throw new ArgumentException($"The Crammer–Singer dual solver handles the ridge term only; {typeof(TReg).Name} must be the zero regulariser.", nameof(objective));
        options ??= new DualCoordinateDescentOptions();
        if (objective.Data is LinearAlgebra.Distributed.IDistributedMap)
            throw new NotSupportedException("The Crammer–Singer dual solver does not run on rows distributed across ranks yet; trust-region Newton on the multinomial loss or one-vs-rest SVMs do.");
        if (objective.Data is IRowBlockedMap blocks)
        {
            var blockState = new BlockCrammerSingerDualState(blocks, objective.Labels, objective.Classes, objective.SampleWeights, objective.Ridge, options);
            return blockState.ToResult(SolverLoop.Run(blockState, options, cancellationToken));
        }
        var state = new CrammerSingerDualState(objective.Data, objective.Labels, objective.Classes, objective.SampleWeights, objective.Ridge, options);
        return state.ToResult(SolverLoop.Run(state, options, cancellationToken));
    }
}
