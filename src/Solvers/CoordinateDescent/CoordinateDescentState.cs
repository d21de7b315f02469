using OptSuite.LinearAlgebra;
using OptSuite.Objectives;
using OptSuite.Objectives.Losses;
using OptSuite.Prox;

namespace OptSuite.Solvers;

/// <summary>The buffers and one epoch of <see cref="CoordinateDescent"/>; see there for the method and criterion.</summary>
/// <typeparam name="TLoss">The loss.</typeparam>
/// <typeparam name="TReg">The separable regulariser.</typeparam>
public sealed class CoordinateDescentState<TLoss, TReg> : ISolverState
    where TLoss : struct, ILoss
    where TReg : struct, ISeparableRegularizer
{
    private readonly LinearObjective<TLoss, TReg> _objective;
    private readonly CoordinateDescentOptions _options;
    private readonly TLoss _loss;
    private readonly TReg _reg;
    private readonly CscMatrix _x;
    private readonly double[] _y, _a, _w, _z, _d, _colSq, _packed;
    private readonly int[] _order;
    private readonly Random _rng;
    private readonly bool _intercept, _squared, _newton;
    private readonly double _mu, _smooth;
    private double _b;
    private int _epochs;
    private double _kkt, _kkt0 = double.NaN;
    private long _updates, _functions;

    /// <summary>Prepares a run from <paramref name="x0"/> (w then b; zeros when empty; never modified).</summary>
    /// <param name="objective">The objective.</param>
    /// <param name="x0">Warm start.</param>
    /// <param name="options">Options.</param>
    public CoordinateDescentState(LinearObjective<TLoss, TReg> objective, ReadOnlySpan<double> x0, CoordinateDescentOptions options)
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
        int n = objective.Samples, p = objective.Features;
        _y = objective.Labels.ToArray();
        _a = objective.SampleWeights.IsEmpty ? Enumerable.Repeat(1.0 / n, n).ToArray() : objective.SampleWeights.ToArray();
        _mu = objective.Ridge;
        _smooth = _loss.Smoothness;
        _intercept = objective.FitIntercept;
        _squared = typeof(TLoss) == typeof(SquaredLoss);
        _newton = !_squared && _loss.IsTwiceDifferentiable;

        double[] start = StartingPoint.Copy(x0, objective.Dimension);
        _w = start.AsSpan(0, p).ToArray();
        _b = _intercept ? start[p] : 0.0;
        _packed = new double[objective.Dimension];
        _z = new double[n];
        _d = new double[n];
        objective.Data.Apply(_w, _z);
        for (int i = 0; i < n; i++) { _z[i] += _b; _d[i] = _loss.Derivative(_y[i], _z[i]); }

        _colSq = new double[p];
        ReadOnlySpan<int> ptr = _x.ColumnPointers, idx = _x.RowIndices;
        ReadOnlySpan<double> val = _x.Values;
        for (int j = 0; j < p; j++)
        {
            double s = 0;
            for (int t = ptr[j]; t < ptr[j + 1]; t++) s += _a[idx[t]] * val[t] * val[t];
            _colSq[j] = s;
        }
        _order = new int[p];
        for (int j = 0; j < p; j++) _order[j] = j;
        _rng = new Random(options.Seed);
    }

    /// <inheritdoc/>
    public double Criterion { get; private set; } = double.PositiveInfinity;

    /// <inheritdoc/>
    public EvaluationCounts Counts => new(_functions, _epochs, _updates);

    /// <inheritdoc/>
    public StepOutcome Step()
    {
        _epochs++;
        if (_options.Order == CoordinateOrder.Random)
            for (int s = 0; s < _order.Length - 1; s++)
            {
                int r = s + _rng.Next(_order.Length - s);
                (_order[s], _order[r]) = (_order[r], _order[s]);
            }
        _kkt = 0;
        double largest = 0;
        foreach (int j in _order) largest = Math.Max(largest, Update(j, measureKkt: true));
        if (_intercept) largest = Math.Max(largest, UpdateIntercept());
        if (double.IsNaN(_kkt0)) _kkt0 = _kkt;

        if (_options.ActiveSetCycling)
        {
            // Sweep the non-zero coordinates until their changes are small next to the full epoch's (glmnet).
            for (int sweep = 0; sweep < 50; sweep++)
            {
                double change = 0;
                foreach (int j in _order)
                    if (_w[j] != 0) change = Math.Max(change, Update(j, measureKkt: false));
                if (_intercept) change = Math.Max(change, UpdateIntercept());
                if (change <= 0.05 * largest) break;
            }
        }
        return Vec.AllFinite(_w) && double.IsFinite(_b) ? StepOutcome.Continue : StepOutcome.NonFinite;
    }

    /// <summary>One coordinate step; returns |δ|·√h_j, the change measured in the objective's local metric.</summary>
    private double Update(int j, bool measureKkt)
    {
        ReadOnlySpan<int> ptr = _x.ColumnPointers, idx = _x.RowIndices;
        ReadOnlySpan<double> val = _x.Values;
        int start = ptr[j], end = ptr[j + 1];
        double wj = _w[j];
        double g = _mu * wj;
        for (int t = start; t < end; t++) g += _a[idx[t]] * _d[idx[t]] * val[t];
        if (measureKkt) _kkt = Math.Max(_kkt, _reg.SubdifferentialDistance(wj, g, j));

        double lipschitz = _smooth * _colSq[j] + _mu;
        double next = wj, curvature = lipschitz;
        if (_squared)
        {
            if (!(lipschitz > 0)) return 0;
            next = _reg.ProxCoordinate(wj - g / lipschitz, 1.0 / lipschitz, j);
        }
        else if (_newton)
        {
            double h = _mu;
            for (int t = start; t < end; t++) h += _a[idx[t]] * _loss.SecondDerivative(_y[idx[t]], _z[idx[t]]) * val[t] * val[t];
            if (h > 0)
            {
                // Prox-Newton point, then halve towards w_j until F decreases (a descent direction for f + r_j).
                double candidate = _reg.ProxCoordinate(wj - g / h, 1.0 / h, j);
                for (int k = 0; k < 30 && Math.Abs(candidate - wj) > 1e-15 * Math.Abs(wj); k++)
                {
                    if (Decreases(j, wj, candidate)) { next = candidate; curvature = h; break; }
                    candidate = wj + 0.5 * (candidate - wj);
                }
            }
            if (next == wj && double.IsFinite(lipschitz) && lipschitz > 0)
                next = _reg.ProxCoordinate(wj - g / lipschitz, 1.0 / lipschitz, j);
        }
        else
        {
            if (!(lipschitz > 0)) return 0;
            next = _reg.ProxCoordinate(wj - g / lipschitz, 1.0 / lipschitz, j);
        }
        double delta = next - wj;
        if (delta == 0) return 0;
        _w[j] = next;
        _updates++;
        for (int t = start; t < end; t++)
        {
            int i = idx[t];
            _z[i] += delta * val[t];
            _d[i] = _loss.Derivative(_y[i], _z[i]);
        }
        return Math.Abs(delta) * Math.Sqrt(curvature);
    }

    /// <summary>
    /// Whether moving w_j to <paramref name="next"/> does not raise F beyond rounding (the Newton step's safeguard). The
    /// change is summed over the column's rows; a rise below 1e-13 of the terms involved is rounding, not ascent.
    /// </summary>
    private bool Decreases(int j, double wj, double next)
    {
        ReadOnlySpan<int> ptr = _x.ColumnPointers, idx = _x.RowIndices;
        ReadOnlySpan<double> val = _x.Values;
        double delta = next - wj;
        double change = 0.5 * _mu * (next * next - wj * wj) + _reg.ValueCoordinate(next, j) - _reg.ValueCoordinate(wj, j);
        double scale = Math.Abs(_reg.ValueCoordinate(wj, j)) + 0.5 * _mu * wj * wj;
        for (int t = ptr[j]; t < ptr[j + 1]; t++)
        {
            int i = idx[t];
            double before = _loss.Value(_y[i], _z[i]);
            change += _a[i] * (_loss.Value(_y[i], _z[i] + delta * val[t]) - before);
            scale += _a[i] * Math.Abs(before);
        }
        return change <= 1e-13 * scale;
    }

    private double UpdateIntercept()
    {
        double g = 0;
        for (int i = 0; i < _z.Length; i++) g += _a[i] * _d[i];
        double delta, curvature;
        if (_squared)
        {
            delta = -g;   // Σa_i = 1: the exact minimiser
            curvature = 1;
        }
        else if (_newton)
        {
            double h = 0;
            for (int i = 0; i < _z.Length; i++) h += _a[i] * _loss.SecondDerivative(_y[i], _z[i]);
            if (!(h > 0)) return 0;
            delta = -g / h;
            curvature = h;
            for (int k = 0; k < 30 && delta != 0; k++)
            {
                double change = 0, scale = 0;
                for (int i = 0; i < _z.Length; i++)
                {
                    double before = _loss.Value(_y[i], _z[i]);
                    change += _a[i] * (_loss.Value(_y[i], _z[i] + delta) - before);
                    scale += _a[i] * Math.Abs(before);
                }
                if (change <= 1e-13 * scale) break;
                delta *= 0.5;
                if (k == 29) delta = 0;
            }
        }
        else
        {
            delta = -g / _smooth;
            curvature = _smooth;
        }
        if (delta == 0 || !double.IsFinite(delta)) return 0;
        _b += delta;
        for (int i = 0; i < _z.Length; i++) { _z[i] += delta; _d[i] = _loss.Derivative(_y[i], _z[i]); }
        return Math.Abs(delta) * Math.Sqrt(curvature);
    }

    /// <inheritdoc/>
    public bool HasConverged(double tolerance)
    {
        bool due = _epochs == 0 || _epochs % _options.GapCheckEvery == 0 || _kkt <= Math.Sqrt(tolerance) * _kkt0;
        if (!due) return false;
        Pack();
        double gap = _objective.DualityGap(_packed);
        double value = _objective.TotalValue(_packed);
        _functions += 2;
        Criterion = ProximalGradientState.RelativeGap(gap, value);
        return Criterion <= tolerance;
    }

    private void Pack()
    {
        _w.AsSpan().CopyTo(_packed);
        if (_intercept) _packed[^1] = _b;
    }

    /// <inheritdoc/>
    public double Objective()
    {
        Pack();
        return _objective.TotalValue(_packed);
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
        double gap = DualityGap();
        return new SolverResult
        {
            Solution = _packed.ToArray(),
            Intercepts = _intercept ? [_b] : [],
            Objective = Objective(),
            Iterations = outcome.Iterations,
            StopReason = outcome.StopReason,
            Criterion = Criterion,
            DualityGap = gap,
            Counts = Counts,
            Elapsed = outcome.Elapsed,
            Trace = outcome.Trace,
        };
    }
}
