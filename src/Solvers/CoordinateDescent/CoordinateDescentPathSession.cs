using OptSuite.LinearAlgebra;
using OptSuite.Objectives;
using OptSuite.Prox.Regularizers;

namespace OptSuite.Solvers;

/// <summary>
/// A regularisation path solved one λ at a time, for callers that choose each next λ themselves (early stopping,
/// cross-validation folds): the data validated and put in column storage once, λ_max from the null model, and each
/// solve started on the sequential strong set with the previous state's column norms, scores and Gram cache.
/// </summary>
/// <remarks>
/// The strong rule needs the gradient at the start point, which the session holds for the last solution it returned;
/// a solve from any other start runs without the strong-set hint (the working set then grows as in a single fit) and
/// recomputes the scores. One session must not be used from two threads at once.
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
    private readonly bool[] _strong;
    private double[] _last;                // the last solution returned (w, then b); the null model at first
    private double _lastLambda;
    private CoordinateDescentState<TLoss, L1Norm>? _state;

    /// <param name="x">The n×p data (CSR, CSC or dense; converted to CSC once).</param>
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
        _probe = new LinearObjective<TLoss, L1Norm>(ColumnMajorSparse.From(x), y, loss, Penalty(0), 0, intercept, weights);
        _gradient = new double[_p];
        _strong = new bool[_p];
        NullIntercept = _probe.NullModel(_gradient);
        double max = 0;
        for (int j = 0; j < _p; j++)
        {
            double c = factors is null ? 1.0 : factors[j];
            if (c > 0) max = Math.Max(max, Math.Abs(_gradient[j]) / c);
        }
        LambdaMax = max / alpha;
        _last = new double[_probe.Dimension];
        if (intercept) _last[_p] = NullIntercept;
        _lastLambda = LambdaMax;
    }

    /// <summary>The smallest λ with w = 0 optimal (intercept, weights and penalty factors included).</summary>
    public double LambdaMax { get; }

    /// <summary>b at w = 0 (0 without an intercept).</summary>
    public double NullIntercept { get; }

    /// <summary>The null model (w = 0, b = b₀): the path's first start.</summary>
    public double[] NullModel => (double[])_last.Clone();

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
        var state = new CoordinateDescentState<TLoss, L1Norm>(f, start, options, hint, _state);
        var result = state.ToResult(SolverLoop.Run(state, options, cancellationToken));

        // The data-term gradient at this solution (the solver's last gradient minus the ridge part) for the next rule.
        ReadOnlySpan<double> g = state.Gradient;
        double ridge = lambda * (1 - _alpha);
        for (int j = 0; j < _p; j++) _gradient[j] = g[j] - ridge * result.Solution[j];
        _last = result.Solution.ToArray();
        _lastLambda = lambda;
        _state = state;
        return (result, state.ScreenedFeatures);
    }

    private L1Norm Penalty(double lambda) =>
        _factors is null ? new L1Norm(lambda * _alpha) : new L1Norm(lambda * _alpha, _factors);
}
