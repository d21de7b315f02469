using OptSuite.Objectives;
using OptSuite.Objectives.Losses;
using OptSuite.Prox;

namespace OptSuite.Solvers;

/// <summary>
/// Primal–dual interior-point method for penalised quantile regression, min over (w, b) of
/// (1/Σc)Σ c_i ρ_τ(y_i − x_i·w − b) + Σ_j λ_j|w_j| + (μ/2)‖w‖²: Koenker &amp; Portnoy's Frisch–Newton algorithm (R
/// quantreg's rq.fit.fnb; rq.fit.lasso for the L1 penalty) with Mehrotra's predictor–corrector.
/// </summary>
/// <remarks>
/// <para><b>Formulation.</b> With a_i = c_i/Σc, the pinball loss is a_iρ_τ(r) = max(a_iτ·r, a_i(τ − 1)·r) and λ_j|w_j| is
/// the same kind of piecewise-linear function of the pseudo-residual 0 − w_j with slopes ±λ_j: the L1 penalty adds one
/// "observation" per penalised feature (Koenker &amp; Mizera's rq.fit.lasso). The dual is
/// max Σ y_i z_i − (1/2μ)‖(Xᵀz + z_p)‖² over the boxes z_i ∈ [a_i(τ − 1), a_iτ], z_p,j ∈ [−λ_j, λ_j], with Σz_i = 0
/// when an intercept is fitted (and Xᵀz + z_p = 0 when μ = 0, the linear program of Koenker &amp; Bassett 1978).
/// Writing the residuals r̃ = s⁺ − s⁻ with slacks s± ≥ 0 complementary to the box slacks, each iteration solves the
/// Newton system of the perturbed KKT conditions through the (p+1)×(p+1) normal equations
/// (X̃ᵀD⁻¹X̃ + diag(D_p⁻¹) + μE)Δx = …, X̃ = [X 1], which costs one weighted Gram matrix (O(n p²), see
/// <see cref="WeightedGram"/>) and one Cholesky factorisation; the predictor's step gives the centring
/// σ = (ν_aff/ν)³ and the corrector adds the second-order term (Mehrotra 1992; Portnoy &amp; Koenker 1997, "The Gaussian
/// hare and the Laplacian tortoise", Statistical Science 12). Primal and dual step lengths are separate for the linear
/// program (one common step with μ &gt; 0), 0.99995 of the way to the boundary.</para>
/// <para><b>Stopping criterion.</b> The relative duality gap (F(x) − D(z̄))/|F(x)| between the primal objective at the
/// current point and the dual value of a feasible dual point z̄ built from the iterate: with μ &gt; 0 the box and Σz = 0
/// suffice (z is balanced by shrinking); with μ = 0 z is projected onto the equalities in the D⁻¹ metric with the current
/// factor and scaled into the boxes. So a Converged result carries a certificate, not a step-size test. A run that
/// improves neither the certificate nor the complementarity gap (while that gap is above the rounding level of F) for 12
/// iterations ends with NoProgress.</para>
/// <para><b>Exact zeros.</b> The iterates tend to the analytic centre of the optimal face, where L1-inactive
/// coefficients are ~1e-9, not 0. After convergence, coefficients whose penalty dual is strictly inside (−λ_j, λ_j) are
/// set to 0 (failing that, only the negligible ones among them), kept so only if the certificate at the new point still
/// meets the tolerance. When the optimal face is not a single point (p ≫ n), the coefficients that are 0 at some optima
/// but not all stay non-zero: the result is optimal but not a sparsest vertex (no crossover).</para>
/// </remarks>
public static class QuantileInteriorPoint
{
    /// <summary>Solves a quantile-regression objective (e.g. <see cref="Objective.QuantileRegression"/>).</summary>
    /// <param name="objective">The objective: the pinball loss with an L1 penalty (<see cref="IWeightedL1Regularizer"/>,
    /// per-feature weights allowed) or the zero regulariser, and any ridge term μ ≥ 0 and intercept.</param>
    /// <param name="x0">Optional starting point (w, then b); never modified.</param>
    /// <param name="options">Options; defaults when null.</param>
    /// <param name="cancellationToken">Stops the run with <see cref="StopReason.Cancelled"/>.</param>
    /// <typeparam name="TReg">The regulariser: a weighted L1 norm or the zero regulariser.</typeparam>
    public static SolverResult Minimize<TReg>(LinearObjective<QuantileLoss, TReg> objective, ReadOnlySpan<double> x0 = default,
        QuantileInteriorPointOptions? options = null, CancellationToken cancellationToken = default)
        where TReg : struct, IRegularizer
    {
        ArgumentNullException.ThrowIfNull(objective);
        if (!x0.IsEmpty && x0.Length != objective.Dimension)
            throw new ArgumentException($"x0 has length {x0.Length}; the objective has dimension {objective.Dimension}.", nameof(x0));
        if (!x0.IsEmpty && !Vec.AllFinite(x0)) throw new ArgumentException("x0 holds a non-finite value.", nameof(x0));
        if (!objective.Offset.IsEmpty)
            throw new ArgumentException("The interior-point method does not take offsets (for the pinball loss, subtract them from y).", nameof(objective));
        if (objective.Data is LinearAlgebra.Distributed.IDistributedMap { Communicator.Size: > 1 })
            throw new NotSupportedException("The interior-point method factorises its normal equations in one process; it does not run on rows split across ranks.");
        var l1 = new double[objective.Features];
        TReg reg = objective.Regularizer;
        if ((object)reg is IWeightedL1Regularizer weighted) weighted.GetWeights(l1);
        else if ((object)reg is not ISmoothRegularizer { GradientLipschitz: 0 })
            throw new ArgumentException($"The interior-point method handles L1 penalties and the ridge term; {typeof(TReg).Name} is neither.", nameof(objective));
        foreach (double l in l1)
            if (!(l >= 0 && double.IsFinite(l))) throw new ArgumentException($"The L1 weights must be finite and ≥ 0; one is {l}.", nameof(objective));
        options ??= new QuantileInteriorPointOptions();
        var state = new QuantileInteriorPointState(objective.Data, objective.Labels, objective.SampleWeights, objective.Loss.Tau, l1,
            objective.Ridge, objective.FitIntercept, x0, options);
        LoopOutcome outcome = SolverLoop.Run(state, options, cancellationToken);
        if (outcome.StopReason == StopReason.Converged) state.ZeroInactiveCoefficients(options.Tolerance);
        return state.ToResult(outcome);
    }
}
