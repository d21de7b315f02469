using OptSuite.LinearAlgebra;
using OptSuite.Objectives;

namespace OptSuite.Solvers;

/// <summary>
/// The buffers and one epoch of <see cref="DualCoordinateDescent"/> (see there): α, w = Σα_i y_i x_i, the diagonal of
/// Q̄, the active set and the shrinking thresholds; the rows' blocks (<see cref="BinaryDualLane"/>: one, or
/// <see cref="DualCoordinateDescentOptions.Threads"/> solved at the same time).
/// </summary>
internal sealed partial class BinaryDualState : CertifiedDualState, ISolverState, ICheckpointable
{
    private readonly CsrMatrix _x;
    private readonly double[] _y, _c, _qd, _upper, _diag, _alpha, _beta, _w;
    private readonly int[] _index;
    private readonly DualCoordinateStep _step;
    private readonly bool _logistic;
    private readonly double _lambda;
    private readonly DualCoordinateDescentOptions _options;
    private readonly int _count;
    private int _active;
    private double _pgMaxOld = double.PositiveInfinity, _pgMinOld = double.NegativeInfinity;
    private double _pgThreshold = 0.1;
    private int _epochs;
    private bool _fullPass, _solvedActive;
    private readonly bool _liblinear;   // LibLinearThenGap: no gap pass until LIBLINEAR's test held (_ruleMet)
    private bool _ruleMet;
    private double _innerEps = 1e-2;
    private readonly double _innerEpsMin;
    private long _coordinateUpdates, _passes;

    public BinaryDualState(ILinearMap x, ReadOnlySpan<double> labels, DualCoordinateStep step, double lambda, DualCoordinateDescentOptions options)
        : this(x, labels, default, step, lambda, options) { }

    public BinaryDualState(ILinearMap x, ReadOnlySpan<double> labels, ReadOnlySpan<double> weights, DualCoordinateStep step, double lambda,
        DualCoordinateDescentOptions options)
    {
        options.Validate();
        _x = RowMajorSparse.From(x);
        var rows = new SparseRows(_x);
        if (step.Kind == DualCoordinateKind.None) throw new ArgumentException("The loss has no dual coordinate step.", nameof(step));
        _step = step;
        _logistic = step.Kind == DualCoordinateKind.Logistic;
        _lambda = lambda;
        _options = options;
        _liblinear = options.Stopping == DualStoppingRule.LibLinearThenGap;
        if (_liblinear) _pgThreshold = options.LibLinearEpsilon;
        // Inner Newton accuracy floor: LIBLINEAR's min(1e-8, eps), kept above the rounding noise of log(z/(C − z)).
        _innerEpsMin = Math.Clamp(options.Tolerance, 1e-13, 1e-8);
        int n = x.Rows;
        _y = new double[n]; _c = new double[n]; _qd = new double[n]; _upper = new double[n]; _diag = new double[n];
        _alpha = new double[n]; _beta = new double[n]; _w = new double[x.Columns];
        _index = new int[n];
        rows.SquaredNorms(_qd);
        for (int i = 0; i < n; i++)
        {
            _y[i] = labels[i] > 0 ? 1.0 : -1.0;
            // C_i = a_i/λ, a_i = c_i/Σc (1/n when uniform): λ·(C·Σℓ + ½‖w‖²) is our mean-loss objective.
            _c[i] = (weights.IsEmpty ? 1.0 / n : weights[i]) / lambda;
            if (_c[i] > 0) _index[_count++] = i;
            _upper[i] = _logistic || double.IsPositiveInfinity(step.UpperBound) ? double.PositiveInfinity : step.UpperBound * _c[i];
            if (!_logistic && step.DiagonalShift > 0 && _c[i] > 0) _diag[i] = step.DiagonalShift / _c[i];
            _qd[i] += _diag[i];
            if (_logistic && _c[i] > 0)
            {
                _alpha[i] = Math.Min(1e-3 * _c[i], 1e-8);
                _beta[i] = _c[i] - _alpha[i];
                rows.Axpy(i, _y[i] * _alpha[i], _w);
            }
        }
        _active = _count;
        _lanes = CreateLanes();
        _laneJob = new LaneJob(this);
    }

    /// <inheritdoc/>
    public SolverCheckpoint Capture(int iteration) => new()
    {
        Solver = "dual-cd", Iteration = iteration,
        Vectors = new Dictionary<string, double[]> { ["alpha"] = _alpha.ToArray(), ["beta"] = _beta.ToArray(), ["w"] = _w.ToArray() },
        Numbers = new Dictionary<string, double> { ["epochs"] = _epochs, ["inner"] = _innerEps, ["ranks"] = 1, ["rows"] = _y.Length },
    };

    /// <inheritdoc/>
    /// <remarks>α, β and w are restored; shrinking starts again from every coordinate and the permutations from a stream
    /// seeded by the epoch.</remarks>
    public void Restore(SolverCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        checkpoint.Require("dual-cd");
        Moved();
        if (checkpoint.Number("ranks") != 1)
            throw new ArgumentException($"The checkpoint was taken on {checkpoint.Number("ranks")} ranks; this run has one.", nameof(checkpoint));
        checkpoint.Vector("alpha", _alpha.Length).CopyTo(_alpha, 0);
        checkpoint.Vector("beta", _beta.Length).CopyTo(_beta, 0);
        checkpoint.Vector("w", _w.Length).CopyTo(_w, 0);
        _epochs = (int)checkpoint.Number("epochs");
        _innerEps = checkpoint.Number("inner");
        ResetLanes();
    }

    public override EvaluationCounts Counts => new(_passes, _passes, _coordinateUpdates);

    private protected override double[] Weights => _w;

    public StepOutcome Step()
    {
        Moved();
        _epochs++;
        _fullPass = _active == _count;
        RunLanes();
        if (_logistic) EndLogisticEpoch();
        else EndHingeEpoch();
        if (!Vec.AllFinite(_w)) return StepOutcome.NonFinite;
        return StepOutcome.Continue;
    }

    /// <summary>One pass over a block's active rows of Hsieh et al.'s projected Newton-free coordinate steps, with
    /// shrinking (their Algorithm 3).</summary>
    private void HingeEpoch(BinaryDualLane lane)
    {
        bool shrinking = _options.Shrinking;
        var rows = new SparseRows(_x);
        double pgMax = double.NegativeInfinity, pgMin = double.PositiveInfinity;
        double pgMaxOld = _pgMaxOld, pgMinOld = _pgMinOld;
        double[] alpha = _alpha, y = _y, upperBound = _upper, diag = _diag, qd = _qd, w = _w;
        int[] index = _index;
        long updates = 0;
        int end = lane.Start + lane.Active;
        for (int s = lane.Start; s < end; s++)
        {
            int i = index[s];
            double a = alpha[i], upper = upperBound[i];
            double g = y[i] * rows.Dot(i, w) - 1 + diag[i] * a;
            if (shrinking && ((a == 0 && g > pgMaxOld) || (a == upper && a != 0 && g < pgMinOld)))
            {
                end--;
                (index[s], index[end]) = (index[end], index[s]);
                s--;
                continue;
            }
            double pg = BinaryDualCoordinate.ProjectedGradient(a, g, upper);
            pgMax = Math.Max(pgMax, pg);
            pgMin = Math.Min(pgMin, pg);
            if (Math.Abs(pg) > BinaryDualCoordinate.Stationary)
            {
                double next = BinaryDualCoordinate.BoxStep(a, g, qd[i], upper);
                alpha[i] = next;
                rows.Axpy(i, (next - a) * y[i], w);
                updates++;
            }
        }
        lane.Active = end - lane.Start;
        lane.Ended(pgMax, pgMin, updates, 0);
    }

    /// <summary>
    /// LIBLINEAR-style thresholds: a coordinate at a bound is shrunk when its gradient lies beyond last epoch's extreme
    /// projected gradients. When the active set looks solved (projected-gradient spread below a threshold that tightens
    /// by 10× each time) every coordinate comes back, so the duality gap, not shrinking, decides convergence.
    /// </summary>
    private void UpdateShrinkingThresholds(double pgMax, double pgMin)
    {
        double spread = pgMax - pgMin;
        _solvedActive = _active == 0 || spread <= _pgThreshold;
        if (_solvedActive)
        {
            if (_active < _count) RestoreActive();
            else
            {
                _ruleMet = true;   // LIBLINEAR's stop: spread ≤ eps over every coordinate
                _pgThreshold *= 0.1;
            }
            _pgMaxOld = double.PositiveInfinity;
            _pgMinOld = double.NegativeInfinity;
            return;
        }
        _pgMaxOld = pgMax <= 0 ? double.PositiveInfinity : pgMax;
        _pgMinOld = pgMin >= 0 ? double.NegativeInfinity : pgMin;
    }

    /// <summary>
    /// One pass of Yu, Huang &amp; Lin's (2011) coordinate Newton steps on the logistic dual, each variable kept as α_i and
    /// β_i = C_i − α_i so the one nearer its bound is solved for (no cancellation near C_i). As in their Algorithm 3 (and
    /// LIBLINEAR -s 7) a sub-problem is solved only to |h′| &lt; ε_inner, starting at 1e-2 and tightening tenfold after
    /// an epoch that needed few Newton steps: early epochs then cost one logarithm per coordinate, not a full solve.
    /// </summary>
    private void LogisticEpoch(BinaryDualLane lane)
    {
        double innerEps = _innerEps;
        var rows = new SparseRows(_x);
        double[] alpha = _alpha, beta = _beta, y = _y, cs = _c, qd = _qd, w = _w;
        int[] index = _index;
        long newton = 0, updates = 0;
        double largest = 0;
        int end = lane.Start + lane.Active;
        for (int s = lane.Start; s < end; s++)
        {
            int i = index[s];
            double oldAlpha = alpha[i];
            int inner = BinaryDualCoordinate.LogisticNewton(cs[i], qd[i], y[i] * rows.Dot(i, w), ref alpha[i], ref beta[i], innerEps, out double start);
            largest = Math.Max(largest, Math.Abs(start));
            if (inner == 0) continue;
            newton += inner;
            double delta = alpha[i] - oldAlpha;
            if (delta != 0) { rows.Axpy(i, delta * y[i], w); updates++; }
        }
        lane.Ended(largest, 0, updates, newton);
    }

    /// <summary>
    /// Under <see cref="DualStoppingRule.LibLinearThenGap"/> false (no pass) until an epoch met LIBLINEAR's test. Then the
    /// relative duality gap, computed (one pass) every <see cref="DualCoordinateDescentOptions.GapCheckEvery"/>
    /// epochs; with shrinking on hinge-type losses only after an epoch over every coordinate or one that found the active
    /// set solved, as LIBLINEAR only stops after a full pass (a shrunk epoch costs a fraction of the check).
    /// </summary>
    public bool HasConverged(double tolerance)
    {
        if (_liblinear && !_ruleMet) return false;
        if (_epochs > 0 && _epochs % _options.GapCheckEvery != 0) return false;
        if (_epochs > 0 && !_logistic && _options.Shrinking && !_fullPass && !_solvedActive) return false;
        Certify();
        return Criterion <= tolerance;
    }

    /// <summary>P(w) and P(w) − D(α) (one pass; <see cref="DualCertificate"/>).</summary>
    private protected override void ComputeGap()
    {
        double ww = 0;
        for (int j = 0; j < _w.Length; j++) ww += _w[j] * _w[j];
        var rows = new SparseRows(_x);
        double loss = 0, dualTerms = 0;
        for (int k = 0; k < _count; k++)
        {
            int i = _index[k];
            double m = _y[i] * rows.Dot(i, _w), c = _c[i], a = _alpha[i];
            if (_logistic)
            {
                loss += c * BinaryDualCoordinate.LogisticLoss(m);
                dualTerms += BinaryDualCoordinate.LogisticDualTerm(a, _beta[i], c);
            }
            else
            {
                loss += c * BinaryDualCoordinate.BoxQuadraticLoss(m, _step);
                dualTerms += BinaryDualCoordinate.BoxQuadraticDualTerm(a, _diag[i]);
            }
        }
        _passes++;
        Certificate.Set(_lambda, ww, loss, dualTerms);
    }
}
