using System.Numerics.Tensors;
using OptSuite.LinearAlgebra;
using OptSuite.LinearAlgebra.Distributed;
using OptSuite.Objectives;

namespace OptSuite.Solvers;

/// <summary>
/// Dual coordinate descent on rows distributed across ranks by CoCoA+ (Ma, Smith, Jaggi, Jordan, Richtárik &amp; Takáč,
/// ICML 2015) for the hinge, squared-hinge, logistic and support vector regression (ε-insensitive) duals: each round every rank runs
/// <see cref="DualCoordinateDescentOptions.InnerEpochs"/> epochs of the in-memory coordinate steps on its own rows'
/// dual variables against its local model, then the ranks' changes of w are added with one all-reduce.
/// </summary>
/// <remarks>
/// <para>Adding the K local changes (γ = 1) is safe when each rank's model takes the data term's curvature σ′ = K times
/// (the "safe" σ′ = γK of CoCoA+): rank k minimises, over its own Δα, the dual with ½‖w‖² replaced by
/// ½‖w‖² + wᵀA_kΔ + (σ′/2)‖A_kΔ‖² (A_kΔ = Σ_{i∈k} Δα_i y_i x_i). Its coordinate step for row i is the in-memory one with
/// x_i·w replaced by x_i·(w + σ′A_kΔ) and ‖x_i‖² by σ′‖x_i‖², so the rank keeps u = w + σ′A_kΔ and A_kΔ itself. At K = 1
/// it is the in-memory solver without shrinking. Support vector regression keeps β_i in α's place (w = Σβ_i x_i, no
/// sign) and takes <see cref="SvrDualCoordinate"/>'s step; CoCoA+'s safe σ′ holds for any separable dual term, the
/// ε|β_i| included.</para>
/// <para>Certificate: after each round (every <see cref="DualCoordinateDescentOptions.GapCheckEvery"/>), the primal
/// losses at w over each rank's rows and the dual terms of its α, summed in one all-reduce of two doubles — the relative
/// duality gap of the whole problem, as in one process. Every rank holds the same w (the same all-reduced sum added to
/// the same w), so every rank stops at the same round. Iterations are rounds; the counts are local passes (epochs and
/// evaluations) and local coordinate updates.</para>
/// </remarks>
internal sealed class CocoaDualState : ISolverState, ICheckpointable
{
    private readonly ICommunicator _comm;
    private readonly BlockRows _rows = new();
    private readonly sbyte[] _y;
    private readonly double[]? _c;
    private readonly double _uniformC, _lambda, _sigma;
    private readonly double[] _qd, _alpha, _beta, _w, _u, _dw, _reduce = new double[2];
    private readonly int[] _order;
    private EpochShuffle _rng;
    private readonly DualCoordinateStep _step;
    private readonly bool _logistic, _svr;
    private readonly double[] _targets;   // support vector regression's real y_i (empty otherwise)
    private readonly DualCoordinateDescentOptions _options;
    private double _innerEps = 1e-2;
    private readonly double _innerEpsMin;
    private long _passes, _updates, _newton, _visits;
    private int _rounds;
    private DualCertificate _certificate = DualCertificate.None;
    private bool _evaluated;

    public CocoaDualState(IDistributedMap x, ReadOnlySpan<double> labels, ReadOnlySpan<double> weights, DualCoordinateStep step,
        double lambda, long totalSamples, DualCoordinateDescentOptions options)
    {
        options.Validate();
        options.RequireGapStop("CoCoA+ across ranks");
        if (step.Kind == DualCoordinateKind.None) throw new ArgumentException("The loss has no dual coordinate step.", nameof(step));
        if (x.Local is IRowBlockedMap)
            throw new NotSupportedException("Dual coordinate descent on distributed rows needs each rank's rows in memory (a CSR or dense matrix); for shard directories use trust-region Newton or L-BFGS.");
        _comm = x.Communicator;
        _rows.Load(x.Local);
        _step = step;
        _logistic = step.Kind == DualCoordinateKind.Logistic;
        _svr = step.Kind == DualCoordinateKind.EpsilonInsensitive;
        _targets = _svr ? labels.ToArray() : [];
        _options = options;
        _lambda = lambda;
        _sigma = _comm.Size;
        _innerEpsMin = Math.Clamp(options.Tolerance, 1e-13, 1e-8);
        int n = x.Rows, p = x.Columns;
        _y = BinaryDualCoordinate.Signs(labels);
        _uniformC = 1.0 / totalSamples / lambda;   // C_i = a_i/λ as in memory, a_i = 1/N or c_i/Σc over all ranks
        _c = BinaryDualCoordinate.Costs(weights, lambda);
        _qd = new double[n];
        _alpha = new double[n];
        _beta = _logistic ? new double[n] : [];
        _w = new double[p];
        _u = new double[p];
        _dw = new double[p];
        _order = new int[n];
        // Ranks draw different permutations from one seed.
        _rng = new EpochShuffle(unchecked(options.Seed * 7919 + _comm.Rank));
        SparseRows rows = _rows.Rows;
        for (int i = 0; i < n; i++)
        {
            double s = 0;
            for (int t = rows.Start(i); t < rows.End(i); t++) s += rows.Values[t] * rows.Values[t];
            _qd[i] = s;
            double c = C(i);
            if (_logistic)
            {
                _alpha[i] = c > 0 ? Math.Min(1e-3 * c, 1e-8) : 0;
                _beta[i] = c - _alpha[i];
                if (_alpha[i] != 0) rows.Axpy(i, _y[i] * _alpha[i], _dw);
            }
        }
        _comm.AllReduceSum(_dw);   // the starting w = Σ α_i y_i x_i over every rank (0 but for the logistic start)
        _dw.CopyTo(_w, 0);
    }

    private double C(int i) => _c is null ? _uniformC : _c[i];

    private double Upper(double c) => _logistic || double.IsPositiveInfinity(_step.UpperBound) ? double.PositiveInfinity : _step.UpperBound * c;

    private double Diagonal(double c) => !_logistic && _step.DiagonalShift > 0 && c > 0 ? _step.DiagonalShift / c : 0;

    public double Criterion => _certificate.Criterion;

    public EvaluationCounts Counts => new(_passes, _passes, _updates);

    /// <summary>The shared w (the same bits on every rank).</summary>
    public ReadOnlySpan<double> W => _w;

    /// <inheritdoc/>
    public SolverCheckpoint Capture(int iteration)
    {
        var vectors = new Dictionary<string, double[]> { ["alpha"] = _alpha.ToArray(), ["w"] = _w.ToArray() };
        if (_logistic) vectors["beta"] = _beta.ToArray();
        return new SolverCheckpoint
        {
            Solver = "dual-cd", Iteration = iteration, Vectors = vectors,
            Numbers = new Dictionary<string, double> { ["rounds"] = _rounds, ["inner"] = _innerEps, ["ranks"] = _comm.Size, ["rows"] = _y.Length },
        };
    }

    /// <inheritdoc/>
    /// <remarks>This rank's α (and β) and the shared w are restored; the permutations continue from a stream seeded by
    /// the round, so the path after the resume is not the uninterrupted run's bits, its optimum and certificate are.</remarks>
    public void Restore(SolverCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        checkpoint.Require("dual-cd");
        if (checkpoint.Number("ranks") != _comm.Size)
            throw new ArgumentException($"The checkpoint was taken on {checkpoint.Number("ranks")} ranks; this run has {_comm.Size}: CoCoA+'s dual variables belong to each rank's rows.", nameof(checkpoint));
        checkpoint.Vector("alpha", _alpha.Length).CopyTo(_alpha, 0);
        if (_logistic) checkpoint.Vector("beta", _beta.Length).CopyTo(_beta, 0);
        checkpoint.Vector("w", _w.Length).CopyTo(_w, 0);
        _rounds = (int)checkpoint.Number("rounds");
        _innerEps = checkpoint.Number("inner");
        _rng = new EpochShuffle(unchecked(_options.Seed * 7919 + _comm.Rank + 104_729 * _rounds));
        _evaluated = false;
    }

    public StepOutcome Step()
    {
        _rounds++;
        _w.CopyTo(_u, 0);
        Array.Clear(_dw);
        SparseRows rows = _rows.Rows;
        int count = 0;
        for (int i = 0; i < _y.Length; i++)
            if (C(i) > 0) _order[count++] = i;
        for (int e = 0; e < _options.InnerEpochs; e++)
        {
            _rng.Shuffle(_order, count);
            for (int s = 0; s < count; s++)
                if (_logistic ? LogisticStep(rows, _order[s]) : _svr ? SvrStep(rows, _order[s]) : BoxStep(rows, _order[s])) _updates++;
            _passes++;
        }
        if (_logistic && _newton <= _visits / 10) _innerEps = Math.Max(_innerEpsMin, 0.1 * _innerEps);
        (_newton, _visits) = (0, 0);
        _comm.AllReduceSum(_dw);
        TensorPrimitives.Add(_w, _dw, _w);
        _evaluated = false;
        if (_rounds % _options.GapCheckEvery == 0) Evaluate();
        return Vec.AllFinite(_w) ? StepOutcome.Continue : StepOutcome.NonFinite;
    }

    /// <summary>A coordinate step on the local model: u = w + σ′A_kΔ for the gradient, σ′‖x_i‖² for the curvature.</summary>
    private bool BoxStep(SparseRows rows, int i)
    {
        double c = C(i), a = _alpha[i], upper = Upper(c), y = _y[i], d = Diagonal(c);
        double g = y * rows.Dot(i, _u) - 1 + d * a;
        if (Math.Abs(BinaryDualCoordinate.ProjectedGradient(a, g, upper)) <= BinaryDualCoordinate.Stationary) return false;
        double next = BinaryDualCoordinate.BoxStep(a, g, _sigma * _qd[i] + d, upper);
        _alpha[i] = next;
        Move(rows, i, (next - a) * y);
        return true;
    }

    /// <summary>Support vector regression's step on the local model (<see cref="SvrDualCoordinate"/>).</summary>
    private bool SvrStep(SparseRows rows, int i)
    {
        double c = C(i), b = _alpha[i], upper = Upper(c), d = Diagonal(c), epsilon = _step.Epsilon;
        double g = rows.Dot(i, _u) - _targets[i] + d * b;
        if (SvrDualCoordinate.Violation(b, g, epsilon, upper, double.PositiveInfinity, out _) <= BinaryDualCoordinate.Stationary) return false;
        double next = SvrDualCoordinate.Step(b, g, _sigma * _qd[i] + d, epsilon, upper);
        if (next == b) return false;
        _alpha[i] = next;
        Move(rows, i, next - b);
        return true;
    }

    private bool LogisticStep(SparseRows rows, int i)
    {
        double old = _alpha[i], y = _y[i];
        _visits++;
        int inner = BinaryDualCoordinate.LogisticNewton(C(i), _sigma * _qd[i], y * rows.Dot(i, _u), ref _alpha[i], ref _beta[i], _innerEps, out _);
        if (inner == 0) return false;
        _newton += inner;
        if (_alpha[i] == old) return false;
        Move(rows, i, (_alpha[i] - old) * y);
        return true;
    }

    private void Move(SparseRows rows, int i, double delta)
    {
        rows.Axpy(i, delta, _dw);
        rows.Axpy(i, _sigma * delta, _u);
    }

    /// <summary>P(w) and the gap over all ranks: one local pass and one all-reduce of two doubles.</summary>
    private void Evaluate()
    {
        SparseRows rows = _rows.Rows;
        double loss = 0, terms = 0;
        for (int i = 0; i < _y.Length; i++)
        {
            double c = C(i);
            if (c == 0) continue;
            if (_svr)
            {
                loss += c * SvrDualCoordinate.Loss(rows.Dot(i, _w) - _targets[i], _step);
                terms += SvrDualCoordinate.DualTerm(_alpha[i], _targets[i], _step.Epsilon, Diagonal(c));
                continue;
            }
            double m = _y[i] * rows.Dot(i, _w);
            loss += c * (_logistic ? BinaryDualCoordinate.LogisticLoss(m) : BinaryDualCoordinate.BoxQuadraticLoss(m, _step));
            terms += _logistic ? BinaryDualCoordinate.LogisticDualTerm(_alpha[i], _beta[i], c) : BinaryDualCoordinate.BoxQuadraticDualTerm(_alpha[i], Diagonal(c));
        }
        _passes++;
        _reduce[0] = loss;
        _reduce[1] = terms;
        _comm.AllReduceSum(_reduce);
        double squaredNorm = TensorPrimitives.Dot<double>(_w, _w);
        _certificate.Set(_lambda, squaredNorm, _reduce[0], _reduce[1]);
        _evaluated = true;
    }

    public bool HasConverged(double tolerance) => _evaluated && Criterion <= tolerance;

    public double Objective()
    {
        if (!_evaluated) Evaluate();
        return _certificate.Primal;
    }

    public double DualityGap()
    {
        if (!_evaluated) Evaluate();
        return _certificate.Gap;
    }

    public SolverResult ToResult(LoopOutcome outcome)
    {
        if (!_evaluated) Evaluate();
        return _certificate.Result(outcome, _w.ToArray(), Counts);
    }
}
