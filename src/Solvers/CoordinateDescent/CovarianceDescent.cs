using System.Diagnostics;
using OptSuite.LinearAlgebra;
using OptSuite.LinearAlgebra.Distributed;
using OptSuite.Objectives;
using OptSuite.Prox;

namespace OptSuite.Solvers;

/// <summary>
/// Coordinate descent in covariance mode for data read in row blocks (<see cref="IRowBlockedMap"/>: shards): the
/// lasso, elastic net and ridge — the squared loss with a weighted L1 penalty plus ridge, or the ridge alone, with or
/// without intercept and sample weights — out of core, from one pass over the data. <see cref="CoordinateDescent.Minimize{TLoss, TReg}"/>
/// runs it for such data.
/// </summary>
/// <remarks>
/// glmnet's covariance mode (Friedman, Hastie &amp; Tibshirani 2010, §2.2): one streaming pass forms G = X_cᵀAX_c,
/// q = X_cᵀAy_c, y_cᵀAy_c and the weighted means (<see cref="BlockedCovariance"/>, centred stably by the pairwise update of
/// Chan, Golub &amp; LeVeque), then cyclic exact coordinate steps on the active set cost O(p) each, with the gradient
/// g = Gw − q, the KKT check and the p-space duality gap O(p) per sweep (<see cref="CovariancePath"/>); the intercept is
/// eliminated, b = ȳ − x̄ᵀw. When the p-space gap reaches half the tolerance the point is certified from the data (a
/// second pass, scores and correlations block by block: <see cref="DataCertificate"/>): the run converges only on that
/// certificate, so a converged fit reads the data twice. A
/// certificate that fails (rounding in the p-space gap of a near-perfect fit) asks the p-space gap for 100× less, at
/// most <see cref="Certificates"/> times; then the run stops with <see cref="StopReason.NoProgress"/>, so Auto hands the
/// point to a solver working from the data. One iteration is one sweep of the active set;
/// <see cref="CoordinateDescentOptions.Order"/>, working sets, screening and the Gram options of the sample-space
/// engine do not apply. Memory: (p + 1)² doubles, which bounds p by <see cref="MaxFeatures"/>.
/// <para>Rows split across ranks (<see cref="IDistributedMap"/>, MPI) are solved the same way: each rank forms the
/// statistics of its rows, one all-reduce of (p + 1)² + p + 2 doubles merges them (the pairwise centring update taken K
/// ways), the sweeps run on identical statistics on every rank (so the iterates are bit-identical), and the certificate's
/// products all-reduce their p-vectors.</para>
/// </remarks>
public static class CovarianceDescent
{
    /// <summary>
    /// Largest p: G is (p + 1)² doubles, 134 MB at 4,096 (the sample-space engine's largest Gram system), beside
    /// shards of up to 256 MB; the one-pass build costs n(p + 1)²/2 multiply-adds. Beyond it, L-BFGS, trust-region Newton
    /// (ridge) or OWL-QN (L1, elastic net) work from products.
    /// </summary>
    public const int MaxFeatures = 4096;

    /// <summary>Data certificates a run may fail before it stops with <see cref="StopReason.NoProgress"/>.</summary>
    public const int Certificates = 3;

    /// <summary>Minimises <paramref name="objective"/>, whose data are read in row blocks, from <paramref name="x0"/>
    /// (w then b; zeros when empty; only w is used, b being optimal for it; never modified).</summary>
    /// <param name="objective">The squared loss with a weighted L1 penalty or none (plus its ridge term), on an
    /// <see cref="IRowBlockedMap"/> of at most <see cref="MaxFeatures"/> columns.</param>
    /// <param name="x0">Warm start.</param>
    /// <param name="options">Tolerance, sweep limit (<see cref="SolverOptions.MaxIterations"/>), time, observer, trace; defaults when null.</param>
    /// <param name="cancellationToken">Stops the run with <see cref="StopReason.Cancelled"/> (also during the first pass, which
    /// <see cref="SolverOptions.MaxTime"/> bounds too: the start is then returned).</param>
    /// <typeparam name="TLoss">The loss (<see cref="ILoss.IsQuadratic"/>).</typeparam>
    /// <typeparam name="TReg">The regulariser: a weighted L1 norm or zero.</typeparam>
    /// <exception cref="ArgumentException">The objective is not one of these (the message says which condition fails).</exception>
    public static SolverResult Minimize<TLoss, TReg>(LinearObjective<TLoss, TReg> objective, ReadOnlySpan<double> x0 = default,
        CoordinateDescentOptions? options = null, CancellationToken cancellationToken = default)
        where TLoss : struct, ILoss
        where TReg : struct, ISeparableRegularizer
    {
        ArgumentNullException.ThrowIfNull(objective);
        if (Refusal(objective) is { } why) throw new ArgumentException($"Covariance-mode coordinate descent cannot solve this objective: {why}", nameof(objective));
        options ??= new CoordinateDescentOptions();
        options.Validate();
        if (!x0.IsEmpty && x0.Length != objective.Dimension)
            throw new ArgumentException($"x0 has length {x0.Length}; the objective has dimension {objective.Dimension}.", nameof(x0));
        // The pass that forms the statistics draws on the time budget and stops on cancellation, as iterations do.
        var clock = Stopwatch.StartNew();
        long deadline = options.MaxTime is { } budget ? Stopwatch.GetTimestamp() + (long)(budget.TotalSeconds * Stopwatch.Frequency) : 0;
        int n = objective.Samples;
        double[] a = objective.SampleWeights.IsEmpty ? Enumerable.Repeat(1.0 / objective.SamplesOverAllRanks, n).ToArray() : objective.SampleWeights.ToArray();
        double[] means;
        var engine = objective.Data is IDistributedMap ranks
            ? BlockedCovariance.BuildOverRanks(ranks, objective.Labels, a, objective.FitIntercept, out means, cancellationToken, deadline)
            : BlockedCovariance.Build((IRowBlockedMap)objective.Data, objective.Labels, a, objective.FitIntercept, out means, cancellationToken, deadline);
        if (engine is null) return Interrupted(objective, x0, cancellationToken.IsCancellationRequested ? StopReason.Cancelled : StopReason.MaxTime, clock.Elapsed);
        var state = new CovarianceDescentState<TLoss, TReg>(objective, x0, engine, means);
        if (objective.Data is IDistributedMap { Communicator: var c }) options = options with { Communicator = options.Communicator ?? c };
        TimeSpan? left = options.MaxTime is { } total ? (total > clock.Elapsed ? total - clock.Elapsed : TimeSpan.Zero) : null;
        var outcome = SolverLoop.Run(state, options with { MaxTime = left }, cancellationToken);
        return state.ToResult(outcome with { Elapsed = clock.Elapsed });
    }

    /// <summary>The start, unsolved, when the statistics' pass was stopped: its objective (one pass) and no gap.</summary>
    private static SolverResult Interrupted<TLoss, TReg>(LinearObjective<TLoss, TReg> f, ReadOnlySpan<double> x0, StopReason reason, TimeSpan elapsed)
        where TLoss : struct, ILoss
        where TReg : struct, ISeparableRegularizer
    {
        double[] point = x0.IsEmpty ? new double[f.Dimension] : x0.ToArray();
        return new SolverResult
        {
            Solution = point,
            Intercepts = f.FitIntercept ? [point[f.Features]] : [],
            Objective = f.TotalValue(point),
            Iterations = 0,
            StopReason = reason,
            Criterion = double.PositiveInfinity,
            Elapsed = elapsed,
        };
    }

    /// <summary>Why covariance mode cannot solve <paramref name="f"/>, or null.</summary>
    internal static string? Refusal<TLoss, TReg>(LinearObjective<TLoss, TReg> f)
        where TLoss : struct, ILoss
        where TReg : struct, IRegularizer
    {
        if (f.Data is not (IRowBlockedMap or IDistributedMap))
            return "its data are neither read in row blocks (IRowBlockedMap) nor split across ranks (IDistributedMap); CoordinateDescent.Minimize solves stored matrices.";
        if (!f.Loss.IsQuadratic) return $"the {typeof(TLoss).Name} is not the squared loss, whose Gram matrix stays fixed.";
        if (f.HasOffset) return "it has offsets, which its statistics (XᵀAX and XᵀAy) do not carry; subtract them from y for the squared loss.";
        if (!IsWeightedL1OrZero(f.Regularizer)) return $"the regulariser {typeof(TReg).Name} is neither a weighted L1 norm nor zero.";
        if (f.Features > MaxFeatures)
            return $"X has {f.Features} columns; the Gram matrix is held for at most {MaxFeatures} ((p + 1)² doubles: {(MaxFeatures + 1.0) * (MaxFeatures + 1) * 8 / 1e6:F0} MB).";
        return null;
    }

    internal static bool IsWeightedL1OrZero<TReg>(TReg reg) where TReg : struct, IRegularizer =>
        (object)reg is IWeightedL1Regularizer or ISmoothRegularizer { GradientLipschitz: 0 };
}
