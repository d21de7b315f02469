using System.Runtime.CompilerServices;
using OptSuite.LinearAlgebra;
using OptSuite.Objectives;
using OptSuite.Objectives.Losses;
using OptSuite.Prox;

namespace OptSuite.Solvers;

/// <summary>
/// The buffers and one outer iteration of <see cref="CoordinateDescent"/>; see there for the method and criterion.
/// </summary>
/// <remarks>
/// An outer iteration is split in two: <see cref="HasConverged"/> computes the full gradient, the KKT violation and
/// (when due) the duality gap at the current point, screens and chooses the working set; <see cref="Step"/> builds the
/// quadratic model there, minimises it by coordinate descent on the working set and moves along the result.
/// <para>The state holds the iterate (w, b, the scores z and ℓ′(z)), the quadratic model and the sweep. Which
/// coordinates are swept — gap-safe screening, the working set, a path's strong set — is a
/// <see cref="WorkingSet{TReg}"/>; the Gram matrix of the working set and its covariance updates are a
/// <see cref="GramEngine"/>, which the sweep drives through its model gradient.</para>
/// </remarks>
/// <typeparam name="TLoss">The loss.</typeparam>
/// <typeparam name="TReg">The separable regulariser.</typeparam>
public sealed partial class CoordinateDescentState<TLoss, TReg> : ISolverState
    where TLoss : struct, ILoss
    where TReg : struct, ISeparableRegularizer
{
    private readonly LinearObjective<TLoss, TReg> _objective;
    private readonly CoordinateDescentOptions _options;
    private readonly TLoss _loss;
    private readonly TReg _reg;
    private readonly CscMatrix _x;
    private readonly int _n, _p;
    private readonly double[] _y, _a, _z, _d, _h, _s, _q, _dual;
    private readonly double[] _packed, _w;        // one array: w in the first p entries, then b when fitted (see Pack)
    private readonly double[] _delta, _g, _c, _hjj;
    private readonly double[] _hcol, _hcentred;   // c_j = Σh_i x_ij and the centred curvatures, with an intercept
    private readonly ColumnStatistics _columns;   // Σ a_i x_ij², its root, and Σ a_i x_ij when the dual point is shifted
    private readonly double[] _data;              // Σ a_i ℓ′_i x_ij at the last gradient (unscreened coordinates)
    private bool _dataFresh;                      // _data is at the current point
    private double _lossSum, _trialLoss;          // Σa_iℓ(y_i, z_i) at move _lossAt; the last line-search trial's sum
    private long _lossAt = -1;
    private bool _trialAccepted;
    private readonly bool _shiftDual;             // intercept, and the objective balances its dual point by a shift
    private long _moves, _checkedAt = -1;         // point changes so far, and the one the last gap was computed at
    private double _checkedGap;
    private readonly WorkingSet<TReg> _set;      // screening and the working set
    private readonly GramEngine _gram;           // the Gram matrix of the working set and its covariance updates
    private readonly Random _rng;
    private readonly AndersonExtrapolation? _anderson;   // of the Gram engine's sweeps
    private double[] _extrapolated = [], _displacement = [], _displacedGradient = [];
    private readonly bool _intercept, _uniform;
    private readonly double _mu, _smooth, _uniformWeight;
    private readonly long _nnz;
    private double _b, _deltaB, _hb, _gb;
    private int _outer;
    private double _kkt, _kkt0 = double.NaN, _kktNoise;
    private int _stalled;
    private bool _prepared, _gapFresh;
    private bool _restricted;                     // a path's solve still works on its strong set only (see HasConverged)
    private long _fullPasses;                     // gradient passes over every unscreened feature
    private bool _spent;                          // a successor took this state's buffers (see the constructor)
    private long _updates, _gaps, _gradients, _sweeps, _touched, _visits;

    /// <summary>Prepares a run from <paramref name="x0"/> (w then b; zeros when empty; never modified).</summary>
    /// <param name="objective">The objective.</param>
    /// <param name="x0">Warm start.</param>
    /// <param name="options">Options.</param>
    public CoordinateDescentState(LinearObjective<TLoss, TReg> objective, ReadOnlySpan<double> x0, CoordinateDescentOptions options)
        : this(objective, x0, options, null)
    {
    }

    /// <param name="objective">The objective.</param>
    /// <param name="x0">Warm start.</param>
    /// <param name="options">Options.</param>
    /// <param name="initialWorkingSet">An initial working set (a path's strong set), or null.</param>
    /// <param name="previous">A state on the same data, labels and weights (a path's previous point): its column norms
    /// are reused, and its scores when <paramref name="x0"/> is its current point — two data passes saved per λ. Its
    /// buffers (w, δ, the gradient, correlations and curvatures, the scores and model vectors, the working set's lists,
    /// the Gram and extrapolation storage) are taken over too, the first time it is given: it must not be stepped
    /// again, and a second state built from it allocates its own.</param>
    internal CoordinateDescentState(LinearObjective<TLoss, TReg> objective, ReadOnlySpan<double> x0, CoordinateDescentOptions options,
        bool[]? initialWorkingSet, CoordinateDescentState<TLoss, TReg>? previous = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _loss = objective.Loss;
        if (!double.IsFinite(_loss.Smoothness) && !_loss.IsTwiceDifferentiable)
            throw new ArgumentException($"Coordinate descent needs a smooth loss; {typeof(TLoss).Name} is not (use dual coordinate descent for hinge losses).", nameof(objective));
        _objective = objective;
        _options = options;
        _reg = objective.Regularizer;
        _x = ColumnMajorSparse.From(objective.Data);
        _nnz = Math.Max(1, _x.NonZeroCount);
        int n = _n = objective.Samples, p = _p = objective.Features;
        bool related = previous is not null && ReferenceEquals(previous._objective.Data, objective.Data)
            && previous._objective.FitIntercept == objective.FitIntercept && previous._objective.SampleWeights == objective.SampleWeights
            && previous._objective.Labels == objective.Labels && previous._objective.Offset == objective.Offset;
        _uniform = objective.SampleWeights.IsEmpty;
        _uniformWeight = 1.0 / n;
        // Labels and weights are never written: a related state's copies serve.
        _y = related ? previous!._y : objective.Labels.ToArray();
        _a = related ? previous!._a : _uniform ? Enumerable.Repeat(_uniformWeight, n).ToArray() : objective.SampleWeights.ToArray();
        _mu = objective.Ridge;
        _smooth = _loss.Smoothness;
        _intercept = objective.FitIntercept;
        _shiftDual = _intercept && objective.BalancesDualByShift;

        // A related state that still holds its buffers hands them over (a path allocates them once, not once per λ):
        // every entry below is written before it is read, except the gradient, which the path reads after the run.
        CoordinateDescentState<TLoss, TReg>? donor = related && !previous!._spent ? previous : null;
        // w lives in the first p entries of the packed point (w, then b), so the gap and the objective read it in place.
        bool atDonor = donor is not null && (x0.IsEmpty ? donor.IsAtOrigin() : donor.IsAt(x0));
        _packed = _w = donor?._packed ?? new double[objective.Dimension];
        StartingPoint.CopyTo(x0, _packed);
        _b = _intercept ? _packed[p] : 0.0;
        _d = donor?._d ?? new double[n];
        _h = donor?._h ?? new double[n];
        _s = donor?._s ?? new double[n];
        _q = donor?._q ?? new double[n];
        _dual = donor?._dual ?? (_intercept && !_shiftDual ? new double[n] : []);   // the balanced dual point, when it is not a shift
        _z = donor?._z ?? new double[n];
        if (!atDonor)
        {
            objective.Data.Apply(_w.AsSpan(0, p), _z);
            for (int i = 0; i < n; i++) _z[i] += _b;
            objective.AddOffset(_z);
        }
        for (int i = 0; i < n; i++) _d[i] = _loss.Derivative(_y[i], _z[i]);
        if (IsSquared) _a.AsSpan().CopyTo(_h);   // the squared loss's model is exact: h_i = a_i·ℓ″ = a_i

        _delta = donor?._delta ?? new double[p];
        _g = donor?._g ?? new double[p];
        if (donor is not null) Array.Clear(_g);
        _data = donor?._data ?? new double[p];
        _c = donor?._c ?? new double[p];
        _hjj = donor?._hjj ?? new double[p];
        _hcol = donor?._hcol ?? (_intercept ? new double[p] : []);
        _hcentred = donor?._hcentred ?? (_intercept ? new double[p] : []);
        // Never written after construction: a related state's column sums serve.
        _columns = related && previous!._shiftDual == _shiftDual ? previous._columns : new ColumnStatistics(_x, _a, _shiftDual);
        _set = new WorkingSet<TReg>(_reg, _x, _columns, _smooth, options, initialWorkingSet, donor?._set);
        // A column without data leaves w_j only the penalty (and ridge): w_j = 0 is optimal when 0 ∈ ∂r_j(0).
        foreach (int j in _set.ScreenEmpty()) _w[j] = _c[j] = 0;
        // A path's strong set: the gradient, gap and working set stay on it until its problem is solved (HasConverged);
        // the other features keep g_j = c_j = 0 meanwhile, so the gap is that of the strong-set problem.
        _restricted = initialWorkingSet is not null && _set.ListStrongSet();
        if (_restricted && donor is not null) Array.Clear(_c);
        // The squared loss's curvatures are fixed: a donor with the same ridge strength (a lasso path) left them in place.
        if (IsSquared && !(donor is not null && donor._mu == _mu))
        {
            ReadOnlySpan<double> colSq = _columns.SquaredNorms;
            for (int j = 0; j < p; j++) _hjj[j] = colSq[j] + _mu;
        }

        _rng = new Random(options.Seed);
        // Quadratic losses only: their model is the objective and is solved to a tight tolerance over many sweeps. A
        // Newton model of another loss is solved loosely in a few sweeps, which leave Anderson nothing to combine, and
        // giving up active-set cycling for it cost L1-logistic paths outer iterations (australian: 266 → 316).
        _anderson = IsSquared && options.Extrapolation > 0 && options.Order == CoordinateOrder.Cyclic
            ? donor?._anderson is { } kept && kept.Depth == options.Extrapolation ? kept : new AndersonExtrapolation(options.Extrapolation)
            : null;
        if (donor is not null) (_extrapolated, _displacement, _displacedGradient) = (donor._extrapolated, donor._displacement, donor._displacedGradient);
        if (_anderson is not null && p <= 256)
        {
            // As the Gram buffers (GramEngine.Allocate): small problems get everything now, so no step allocates.
            _anderson.Reset(p);
            EnsureExtrapolationBuffers(p);
        }
        // The squared loss's Gram matrix has fixed weights (h = a): a related state's cache carries over, columns and all.
        GramCache? inherited = IsSquared && related && options.Gram != GramMode.Never ? previous!._gram.TakeCache() : null;
        _gram = new GramEngine(_x, _intercept, IsSquared, options, Unscreened, inherited, donor?._gram);
        if (donor is not null) donor._spent = true;
    }

    /// <summary>Unscreened coordinates plus the intercept.</summary>
    private int Unscreened => _p - _set.ScreenedCount + (_intercept ? 1 : 0);

    /// <summary>True for the squared loss, whose quadratic model is the objective itself (no line search).</summary>
    private static bool IsSquared => default(TLoss).IsQuadratic;

    /// <inheritdoc/>
    public double Criterion { get; private set; } = double.PositiveInfinity;

    /// <inheritdoc/>
    public EvaluationCounts Counts => new(_gaps, _gradients, _updates);

    /// <summary>Features eliminated so far by gap-safe screening (and empty columns); they stay at 0.</summary>
    public int ScreenedFeatures => _set.ScreenedCount;

    /// <summary>The size of the current working set.</summary>
    public int WorkingSetSize => _set.Count;

    /// <summary>Model solves (outer iterations) that ran on the Gram matrix of the working set.</summary>
    public long GramSolves => _gram.Solves;

    /// <summary>Coordinate-descent sweeps over working sets so far (all outer iterations).</summary>
    public long InnerSweeps => _sweeps;

    /// <summary>Stored entries of the data read so far divided by their number: the work in "epochs".</summary>
    public double DataPasses => (double)_touched / _nnz;

    /// <summary>
    /// Gradient passes over every unscreened feature so far. A path's solve started on a strong set makes one per λ when
    /// the strong set holds (glmnet's order: converge on the strong set, then check every feature once); the passes
    /// before it read the strong set's columns only.
    /// </summary>
    public long FullGradientPasses => _fullPasses;

    /// <summary>The largest KKT violation dist(−∇_j f, ∂r_j(w_j)) (and |∂f/∂b|) at the last check.</summary>
    public double KktViolation => _kkt;

    /// <summary>The gradient of the smooth part at the last check (unscreened coordinates; 0 elsewhere).</summary>
    internal ReadOnlySpan<double> Gradient => _g;

    /// <inheritdoc/>
    public bool HasConverged(double tolerance)
    {
        ThrowIfSpent();
        ComputeGradient();
        if (double.IsNaN(_kkt0)) _kkt0 = _kkt;
        bool due = _outer % _options.GapCheckEvery == 0 || _kkt <= Math.Sqrt(tolerance) * _kkt0 || _set.Screens || _restricted;
        _gapFresh = false;
        if (due)
        {
            Pack();
            double gap = Gap(out double value);
            _gaps++;
            if (_restricted)
            {
                // The gap of the strong-set problem (the other features held at 0) only says when to look at the rest: it
                // certifies nothing about the full problem, so it neither screens nor becomes the criterion. Once it
                // meets the tolerance, or the strong set can do no more (its KKT violation at the rounding level, or the
                // last step left the point unchanged), one pass over every unscreened feature gives the full gap, which
                // decides.
                if (ProximalGradientState.RelativeGap(gap, value) > tolerance && _kkt > _kktNoise && _stalled == 0)
                {
                    SelectWorkingSet();
                    _prepared = true;
                    return false;
                }
                _restricted = false;
                ComputeGradient();
                Pack();
                gap = Gap(out value);
                _gaps++;
            }
            (_checkedAt, _checkedGap) = (_moves, gap);
            Criterion = ProximalGradientState.RelativeGap(gap, value);
            if (Criterion <= tolerance) return true;
            _gapFresh = true;
            if (_set.Screens) Screen(gap, value);
        }
        SelectWorkingSet();
        _prepared = true;
        return false;
    }

    /// <summary>A state whose buffers a path's next state took over holds another solve's numbers.</summary>
    private void ThrowIfSpent()
    {
        if (_spent) throw new InvalidOperationException("This coordinate-descent state handed its buffers to the next state of a path and cannot be used again.");
    }

    /// <summary>Whether <paramref name="x"/> (w, then b) is exactly the current point.</summary>
    private bool IsAt(ReadOnlySpan<double> x) =>
        x.Length == _p + (_intercept ? 1 : 0) && x[.._p].SequenceEqual(_w.AsSpan(0, _p)) && (!_intercept || x[_p] == _b);

    /// <summary>Whether the current point is w = 0, b = 0 (an empty start).</summary>
    private bool IsAtOrigin() => !_w.AsSpan(0, _p).ContainsAnyExcept(0.0) && (!_intercept || _b == 0);

    /// <summary>Completes the packed point (w, then b): w is its first p entries already, b is kept apart while stepping.</summary>
    private void Pack()
    {
        if (_intercept) _packed[_p] = _b;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// From scores formed afresh from the data (not the incrementally maintained ones): b plus the columns of the
    /// non-zero coefficients only, so a sparse point costs a fraction of a full product.
    /// </remarks>
    public double Objective()
    {
        Pack();
        Span<double> z = _q;
        z.Fill(_b);
        ColumnKernels.AddNonZeroColumns(_x, _w.AsSpan(0, _p), z);
        _objective.AddOffset(z);
        return _objective.TotalValue(_packed, z);
    }

    /// <inheritdoc/>
    public double DualityGap()
    {
        Pack();
        return _objective.DualityGap(_packed);
    }

    /// <summary>The result for <paramref name="outcome"/>.</summary>
    /// <param name="outcome">What the run loop returned.</param>
    public SolverResult ToResult(LoopOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ThrowIfSpent();
        // The last convergence check saw this very point (the usual case): its gap stands; otherwise recompute. The
        // objective is always evaluated afresh from the data, so it is exactly what the objective says at the solution.
        bool fresh = _checkedAt == _moves;
        double gap = fresh ? _checkedGap : DualityGap();
        Pack();
        return outcome.ToResult(_packed.ToArray(), Objective(), Criterion, gap, Counts, _intercept ? [_b] : []);
    }
}
