using System.Diagnostics;
using System.Numerics.Tensors;
using OptSuite.LinearAlgebra;
using OptSuite.Objectives.Losses;
using OptSuite.Objectives;
using OptSuite.Prox.Regularizers;

namespace OptSuite.Solvers;

/// <summary>
/// A regularisation path solved one λ at a time, for callers that choose each next λ themselves (early stopping,
/// cross-validation folds): the data validated and put in column storage once, λ_max from the null model, and each
/// solve started on the sequential strong set with the previous state's column norms, scores and Gram cache.
/// </summary>
/// <remarks>
/// For the squared loss with p ≤ <see cref="CovariancePath.MaxFeatures"/> ≤ n (and the default cyclic order, Gram mode
/// not <see cref="GramMode.Never"/>, no observer or trace), the solves run in covariance mode
/// (<see cref="CovariancePath"/>): no pass over the samples while solving, then one product and one transposed product
/// to certify the point from the data; a point whose certificate fails is finished by the sample-space engine.
/// The strong rule needs the gradient at the start point, which the session holds for the last solution it returned;
/// a solve from any other start runs without the strong-set hint (the working set then grows as in a single fit) and
/// recomputes the scores. Data read in row blocks (<see cref="IRowBlockedMap"/>) are never copied: every λ runs in
/// covariance mode on the statistics of one pass (<see cref="BlockedCovariance"/>, p ≤ <see cref="CovarianceDescent.MaxFeatures"/>),
/// whatever the order and Gram options, and a point the data do not certify is solved again in p-space to a 100×
/// smaller gap (at most <see cref="CovarianceDescent.Certificates"/> times) instead of being finished in sample space;
/// it is then returned uncertified (<see cref="StopReason.NoProgress"/>). One session must not be used from two threads
/// at once.
/// </remarks>
/// <typeparam name="TLoss">The smooth loss.</typeparam>
internal sealed class CoordinateDescentPathSession<TLoss>
    where TLoss : struct, ILoss
{
    private readonly LinearObjective<TLoss, L1Norm> _probe;
    private readonly double[]? _factors;
    private readonly double _alpha;
    private readonly int _p;
    private readonly double[] _gradient;   // data-term gradient at _last (the strong rule's input)
    private bool _atNullModel = true;      // _last is the null model and _gradient its exact gradient (λ_max's)
    private readonly bool[] _strong;
    private double[] _last;                // the last solution returned (w, then b); the null model at first
    private double _lastLambda;
    private CoordinateDescentState<TLoss, L1Norm>? _state;
    private CovariancePath? _covariance;
    private readonly bool _covarianceEligible;
    private readonly bool _blocked;        // X is read in row blocks: covariance mode only
    private double[] _lambda1 = [];
    private DataCertificate? _certificate;
    private double[] _means = [];          // row blocks: the weighted column means, which the certificate centres by

    /// <param name="x">The n×p data (CSR, CSC or dense, converted to CSC once; or read in row blocks, then used as it is).</param>
    /// <param name="y">The labels.</param>
    /// <param name="loss">The loss.</param>
    /// <param name="alpha">The L1 share α ∈ (0, 1] of λ(α Σ c_j|w_j| + (1 − α)/2‖w‖²).</param>
    /// <param name="intercept">Fit an unpenalised intercept.</param>
    /// <param name="weights">Sample weights, or null.</param>
    /// <param name="factors">Penalty factors c_j, or null for all 1.</param>
    public CoordinateDescentPathSession(ILinearMap x, ReadOnlySpan<double> y, TLoss loss, double alpha, bool intercept,
        double[]? weights, double[]? factors)
    {
        if (!(alpha > 0 && alpha <= 1)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "α must lie in (0, 1].");
        _p = x.Columns;
        if (factors is not null && factors.Length != _p)
            throw new ArgumentException($"There are {factors.Length} penalty factors for {_p} features.", nameof(factors));
        _factors = factors;
        _alpha = alpha;
        _blocked = x is IRowBlockedMap;
        _probe = new LinearObjective<TLoss, L1Norm>(_blocked ? x : ColumnMajorSparse.From(x), y, loss, Penalty(0), 0, intercept, weights);
        _strong = new bool[_p];
        Null = NullModel.Of(_probe);
        _gradient = Null.Gradient.ToArray();
        LambdaMax = Null.LambdaMax(alpha, factors);
        _last = Null.StartPoint();
        _lastLambda = LambdaMax;
        bool covariance = default(TLoss).IsQuadratic && (alpha < 1 || factors is null || factors.All(c => c > 0));
        _covarianceEligible = covariance && _p <= CovariancePath.MaxFeatures && _p <= x.Rows;
        if (_blocked && !(covariance && _p <= CovarianceDescent.MaxFeatures))
            throw new ArgumentException("A coordinate-descent path on data read in row blocks runs in covariance mode, which needs the squared " +
                $"loss, p ≤ {CovarianceDescent.MaxFeatures} and, for the lasso, a positive penalty factor on every feature; " +
                $"this path has the {typeof(TLoss).Name} and {_p} features. Solve each λ with OWL-QN or L-BFGS instead.", nameof(x));
    }

    /// <summary>The null model (b₀, its gradient in the engine's column kernel, λ_max).</summary>
    public NullModel Null { get; }

    /// <summary>λ_max (<see cref="NullModel.LambdaMax"/>): the smallest λ with w = 0 optimal (intercept, weights and
    /// penalty factors included) when α ≥ <see cref="LambdaGrid.L1RatioFloor"/>.</summary>
    public double LambdaMax { get; }

    /// <summary>The state of the last λ solved in sample space (its work counters), or null.</summary>
    public CoordinateDescentState<TLoss, L1Norm>? LastState => _state;

    /// <summary>b at w = 0 (0 without an intercept).</summary>
    public double NullIntercept => Null.Intercept;

    /// <summary>The objective at <paramref name="lambda"/> (sharing the validated data).</summary>
    public LinearObjective<TLoss, L1Norm> ObjectiveAt(double lambda) => _probe.WithRegularizer(Penalty(lambda), lambda * (1 - _alpha));

    /// <summary>Solves at <paramref name="lambda"/> from <paramref name="start"/> (null: the last solution).</summary>
    /// <param name="lambda">λ &gt; 0.</param>
    /// <param name="start">The warm start (w, then b), or null for the last solution (the null model at first).</param>
    /// <param name="options">The solver options.</param>
    /// <param name="useStrongRule">Start on the sequential strong set when <paramref name="start"/> is the last solution.</param>
    /// <param name="cancellationToken">Stops the solve.</param>
    /// <returns>The result and the number of features screened at this λ.</returns>
    public (SolverResult Result, int Screened) Solve(double lambda, ReadOnlySpan<double> start, CoordinateDescentOptions options,
        bool useStrongRule, CancellationToken cancellationToken)
    {
        if (!(lambda > 0 && double.IsFinite(lambda))) throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "λ must be finite and > 0.");
        bool fromLast = start.IsEmpty || start.SequenceEqual(_last);
        if (start.IsEmpty) start = _last;
        var f = ObjectiveAt(lambda);
        var clock = Stopwatch.StartNew();
        bool[]? hint = null;
        if (useStrongRule && fromLast)
        {
            // Sequential strong rule (Tibshirani et al. 2012): keep j when |∂_j L(w(λ_prev))| ≥ α c_j(2λ − λ_prev).
            double threshold = _alpha * (2 * lambda - Math.Max(_lastLambda, lambda));
            for (int j = 0; j < _p; j++)
            {
                double c = _factors is null ? 1.0 : _factors[j];
                _strong[j] = start[j] != 0 || c == 0 || Math.Abs(_gradient[j]) >= c * threshold;
            }
            hint = _strong;
        }
        if (_blocked || (_covarianceEligible && options.Gram != GramMode.Never && options.Order == CoordinateOrder.Cyclic
            && options.Observer is null && options.TraceEvery == 0))
        {
            var covariance = SolveCovariance(f, lambda, start, fromLast, options, hint, clock, cancellationToken);
            if (covariance is not null) return (covariance, 0);
            start = _last;   // the data did not confirm the p-space gap: finish from the covariance point
        }
        var state = new CoordinateDescentState<TLoss, L1Norm>(f, start, options, hint, _state);
        var result = state.ToResult(SolverLoop.Run(state, options, cancellationToken));
        if (clock.Elapsed > result.Elapsed + TimeSpan.FromMilliseconds(1))
            result = new SolverResult
            {
                Solution = result.Solution, Intercepts = result.Intercepts, Objective = result.Objective, Iterations = result.Iterations,
                StopReason = result.StopReason, Criterion = result.Criterion, DualityGap = result.DualityGap, Counts = result.Counts,
                Elapsed = clock.Elapsed, Trace = result.Trace,
            };

        // The data-term gradient at this solution (the solver's last gradient minus the ridge part) for the next rule.
        ReadOnlySpan<double> g = state.Gradient;
        double ridge = lambda * (1 - _alpha);
        for (int j = 0; j < _p; j++) _gradient[j] = g[j] - ridge * result.Solution[j];
        _atNullModel = false;
        if (_last.Length == result.Solution.Length) result.Solution.CopyTo(_last);   // the start was copied by the state
        else _last = result.Solution.ToArray();
        _lastLambda = lambda;
        _state = state;
        return (result, state.ScreenedFeatures);
    }

    /// <summary>
    /// One λ in covariance mode, certified from the data; null when the data's gap does not confirm the p-space one
    /// (rounding in ‖u‖²_a for a near-perfect fit): <c>_last</c> then holds the point for the sample-space engine. Data
    /// read in row blocks have no sample-space engine: the p-space solve is repeated to a 100× smaller gap instead, and a
    /// point still uncertified is returned with <see cref="StopReason.NoProgress"/>.
    /// </summary>
    private SolverResult? SolveCovariance(LinearObjective<TLoss, L1Norm> f, double lambda, ReadOnlySpan<double> start, bool fromLast,
        CoordinateDescentOptions options, bool[]? hint, Stopwatch clock, CancellationToken cancellationToken)
    {
        int n = _probe.Samples;
        if (_covariance is null)
        {
            ReadOnlySpan<double> a = _probe.SampleWeights;
            double[] weights = a.IsEmpty ? Enumerable.Repeat(1.0 / n, n).ToArray() : a.ToArray();
            if (_probe.Data is IRowBlockedMap blocks)
            {
                _covariance = BlockedCovariance.Build(blocks, _probe.Labels, weights, _probe.FitIntercept, out _means, cancellationToken);
                if (_covariance is null)
                    return new SolverResult
                    {
                        Solution = start.ToArray(), Intercepts = _probe.FitIntercept ? [start[_p]] : [], Objective = f.TotalValue(start),
                        Iterations = 0, StopReason = StopReason.Cancelled, Criterion = double.PositiveInfinity, Elapsed = clock.Elapsed,
                    };
            }
            else _covariance = new CovariancePath((CscMatrix)_probe.Data, _probe.Labels, weights, _probe.FitIntercept);
            _lambda1 = new double[_p];
            _certificate = new DataCertificate(n, _p);
        }
        for (int j = 0; j < _p; j++) _lambda1[j] = lambda * _alpha * (_factors is null ? 1.0 : _factors[j]);
        double mu = lambda * (1 - _alpha);
        double[] point = new double[_probe.Dimension];
        start[.._p].CopyTo(point);
        long deadline = options.MaxTime is { } budget ? Stopwatch.GetTimestamp() + (long)(budget.TotalSeconds * Stopwatch.Frequency) : 0;
        // Half the tolerance in p-space leaves room for the rounding between the two evaluations of the gap.
        // One λ is one model solve: the sweep budget is the inner one; running out of it hands over to the sample-space
        // engine, whose outer iterations MaxIterations limits.
        double share = 0.5;
        int sweeps = 0, checks = 0, certificates = 0;
        long updates = 0;
        CovariancePath.Outcome outcome;
        double gap, value, criterion;
        bool certified;
        while (true)
        {
            outcome = _covariance.Solve(point.AsSpan(0, _p), fromLast && _atNullModel && certificates == 0 ? _gradient : default, _lambda1, mu, hint,
                share * options.Tolerance, Math.Max(options.MaxInnerSweeps - sweeps, 1), deadline, cancellationToken);
            sweeps += outcome.Sweeps;
            checks += outcome.Checks;
            updates += outcome.Updates;
            if (_probe.FitIntercept) point[_p] = _covariance.Intercept(point.AsSpan(0, _p));
            // β = b + μᵀw for the row blocks' centred certificate: ȳ with the optimal intercept, μᵀw without one.
            double shift = !_blocked ? 0 : _probe.FitIntercept ? _covariance.TargetMean : TensorPrimitives.Dot(_means, point.AsSpan(0, _p));
            gap = _certificate!.Gap(f, point, _means, shift, out value);
            certificates++;
            criterion = ProximalGradientState.RelativeGap(gap, value);
            certified = criterion <= options.Tolerance;
            if (certified || !_blocked || outcome.StopReason != StopReason.Converged || certificates >= CovarianceDescent.Certificates) break;
            share /= 100;
        }
        _covariance.Gradient.CopyTo(_gradient);
        _atNullModel = false;
        _last = point;
        _lastLambda = lambda;
        if (!certified && !_blocked && outcome.StopReason is StopReason.Converged or StopReason.MaxIterations) return null;
        return new SolverResult
        {
            Solution = point.ToArray(),
            Intercepts = _probe.FitIntercept ? [point[_p]] : [],
            Objective = value,
            Iterations = sweeps,
            // The data's gap decides, as everywhere: a limit reached with a certifying gap is convergence.
            StopReason = certified && outcome.StopReason != StopReason.Cancelled ? StopReason.Converged
                : outcome.StopReason == StopReason.Converged ? StopReason.NoProgress : outcome.StopReason,
            Criterion = criterion,
            DualityGap = gap,
            Counts = new EvaluationCounts(checks + certificates, certificates, updates),
            Elapsed = clock.Elapsed,
        };
    }

    private L1Norm Penalty(double lambda) =>
        _factors is null ? new L1Norm(lambda * _alpha) : new L1Norm(lambda * _alpha, _factors);
}
