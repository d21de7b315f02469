using OptSuite.LinearAlgebra;
using OptSuite.Objectives;

namespace OptSuite.Solvers;

/// <summary>
/// The buffers and one epoch of <see cref="DualCoordinateDescent"/> on support vector regression's dual (Ho &amp; Lin
/// 2012, LIBLINEAR -s 12/-s 13; see <see cref="SvrDualCoordinate"/>): β, w = Σβ_i x_i, the diagonal Q_ii + D_i, the
/// active set and the shrinking bound.
/// </summary>
/// <remarks>
/// Shrinking as Ho &amp; Lin's Algorithm 4: a coordinate at 0 or at a bound whose one-sided derivatives hold it there by
/// more than the last epoch's largest violation M leaves the active set. When the active set looks solved (its summed
/// violation below a fraction of the first epoch's, the fraction tightening tenfold each time a full pass is found
/// solved) every coordinate comes back, so the duality gap, checked after full passes, decides convergence.
/// </remarks>
internal sealed class SvrDualState : CertifiedDualState, ISolverState, ICheckpointable
{
    private readonly CsrMatrix _x;
    private readonly double[] _y, _c, _qd, _upper, _diag, _beta, _w;
    private readonly int[] _index;
    private readonly DualCoordinateStep _step;
    private readonly double _lambda, _epsilon;
    private readonly DualCoordinateDescentOptions _options;
    private EpochShuffle _rng;
    private readonly int _count;
    private int _active, _epochs;
    private double _bound = double.PositiveInfinity, _firstViolation = double.NaN, _ratio = 0.1;
    private bool _fullPass, _solvedActive;
    private readonly bool _liblinear;   // LibLinearThenGap: no gap pass until LIBLINEAR's test held (_ruleMet)
    private bool _ruleMet;
    private long _coordinateUpdates, _passes;

    public SvrDualState(ILinearMap x, ReadOnlySpan<double> labels, ReadOnlySpan<double> weights, DualCoordinateStep step, double lambda,
        DualCoordinateDescentOptions options)
    {
        options.Validate();
        if (step.Kind != DualCoordinateKind.EpsilonInsensitive) throw new ArgumentException("The loss has no ε-insensitive dual step.", nameof(step));
        _x = RowMajorSparse.From(x);
        var rows = new SparseRows(_x);
        _step = step;
        _epsilon = step.Epsilon;
        _lambda = lambda;
        _options = options;
        _rng = new EpochShuffle(options.Seed);
        _liblinear = options.Stopping == DualStoppingRule.LibLinearThenGap;
        if (_liblinear) _ratio = options.LibLinearEpsilon;
        int n = x.Rows;
        _y = labels.ToArray(); _c = new double[n]; _qd = new double[n]; _upper = new double[n]; _diag = new double[n];
        _beta = new double[n]; _w = new double[x.Columns];
        _index = new int[n];
        rows.SquaredNorms(_qd);
        for (int i = 0; i < n; i++)
        {
            // C_i = a_i/λ, a_i = c_i/Σc (1/n when uniform): λ·(½‖w‖² + ΣC_iℓ_i) is our mean-loss objective.
            _c[i] = (weights.IsEmpty ? 1.0 / n : weights[i]) / lambda;
            if (_c[i] > 0) _index[_count++] = i;
            _upper[i] = double.IsPositiveInfinity(step.UpperBound) ? double.PositiveInfinity : step.UpperBound * _c[i];
            if (step.DiagonalShift > 0 && _c[i] > 0) _diag[i] = step.DiagonalShift / _c[i];
            _qd[i] += _diag[i];
        }
        _active = _count;
    }

    public override EvaluationCounts Counts => new(_passes, _passes, _coordinateUpdates);

    private protected override double[] Weights => _w;

    /// <inheritdoc/>
    public SolverCheckpoint Capture(int iteration) => new()
    {
        Solver = "dual-cd-svr", Iteration = iteration,
        Vectors = new Dictionary<string, double[]> { ["beta"] = _beta.ToArray(), ["w"] = _w.ToArray() },
        Numbers = new Dictionary<string, double> { ["epochs"] = _epochs, ["rows"] = _y.Length },
    };

    /// <inheritdoc/>
    /// <remarks>β and w are restored; shrinking starts again from every coordinate and the permutations from a stream
    /// seeded by the epoch, as for the classification duals.</remarks>
    public void Restore(SolverCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        checkpoint.Require("dual-cd-svr");
        Moved();
        checkpoint.Vector("beta", _beta.Length).CopyTo(_beta, 0);
        checkpoint.Vector("w", _w.Length).CopyTo(_w, 0);
        _epochs = (int)checkpoint.Number("epochs");
        _rng = new EpochShuffle(unchecked(_options.Seed + 104_729 * _epochs));
    }

    public StepOutcome Step()
    {
        Moved();
        _epochs++;
        _fullPass = _active == _count;
        _rng.Shuffle(_index, _active);
        Epoch();
        return Vec.AllFinite(_w) ? StepOutcome.Continue : StepOutcome.NonFinite;
    }

    private void Epoch()
    {
        bool shrinking = _options.Shrinking;
        var rows = new SparseRows(_x);
        double bound = _bound, epsilon = _epsilon, largest = 0, total = 0;
        double[] beta = _beta, y = _y, upperBound = _upper, diag = _diag, qd = _qd, w = _w;
        int[] index = _index;
        long updates = 0;
        for (int s = 0; s < _active; s++)
        {
            int i = index[s];
            double b = beta[i], upper = upperBound[i];
            double g = rows.Dot(i, w) - y[i] + diag[i] * b;
            double violation = SvrDualCoordinate.Violation(b, g, epsilon, upper, bound, out bool shrinkable);
            if (shrinking && shrinkable)
            {
                _active--;
                (index[s], index[_active]) = (index[_active], index[s]);
                s--;
                continue;
            }
            largest = Math.Max(largest, violation);
            total += violation;
            if (violation > BinaryDualCoordinate.Stationary)
            {
                double next = SvrDualCoordinate.Step(b, g, qd[i], epsilon, upper);
                if (next != b)
                {
                    beta[i] = next;
                    rows.Axpy(i, next - b, w);
                    updates++;
                }
            }
        }
        _coordinateUpdates += updates;
        _passes++;
        if (double.IsNaN(_firstViolation)) _firstViolation = total;
        _solvedActive = _active == 0 || total <= _ratio * _firstViolation;
        if (_solvedActive)
        {
            if (_active < _count) _active = _count;
            else
            {
                _ruleMet = true;   // LIBLINEAR's stop: Gnorm1 ≤ eps·Gnorm1_init over every coordinate
                _ratio *= 0.1;
            }
            _bound = double.PositiveInfinity;
            return;
        }
        _bound = largest > 0 ? largest : double.PositiveInfinity;
    }

    /// <summary>
    /// The relative duality gap, computed every <see cref="DualCoordinateDescentOptions.GapCheckEvery"/> epochs and, with
    /// shrinking, only after a full pass or one that found the active set solved.
    /// </summary>
    public bool HasConverged(double tolerance)
    {
        if (_liblinear && !_ruleMet) return false;
        if (_epochs > 0 && _epochs % _options.GapCheckEvery != 0) return false;
        if (_epochs > 0 && _options.Shrinking && !_fullPass && !_solvedActive) return false;
        Certify();
        return Criterion <= tolerance;
    }

    /// <summary>P(w) and P(w) − D(β) (one pass; <see cref="DualCertificate"/>).</summary>
    private protected override void ComputeGap()
    {
        double ww = 0;
        for (int j = 0; j < _w.Length; j++) ww += _w[j] * _w[j];
        var rows = new SparseRows(_x);
        double loss = 0, dualTerms = 0;
        for (int k = 0; k < _count; k++)
        {
            int i = _index[k];
            loss += _c[i] * SvrDualCoordinate.Loss(rows.Dot(i, _w) - _y[i], _step);
            dualTerms += SvrDualCoordinate.DualTerm(_beta[i], _y[i], _epsilon, _diag[i]);
        }
        _passes++;
        Certificate.Set(_lambda, ww, loss, dualTerms);
    }
}
