using OptSuite.Objectives;

namespace OptSuite.Solvers;

/// <summary>The buffers and one outer step of <see cref="PredictorProximalNewton"/>; see there for the method and criterion.</summary>
public sealed class PredictorProximalNewtonState : ISolverState
{
    private const double Armijo = 1e-4;
    private const int MaxHalvings = 40;

    private readonly PredictorObjective _f;
    private readonly CoordinateDescentOptions _options;
    private readonly int _n, _p;
    private readonly LinearAlgebra.CscMatrix _x;
    private readonly double[] _beta, _trial, _grad, _eta, _g, _h, _r, _v, _next;
    private readonly int[] _active;
    private readonly double _scale;
    private double _value;
    private long _functions, _gradients, _proxes;

    /// <summary>Prepares a run from <paramref name="x0"/> (copied, never modified).</summary>
    /// <param name="objective">The objective.</param>
    /// <param name="x0">Starting point; zeros when empty.</param>
    /// <param name="options">Options.</param>
    public PredictorProximalNewtonState(PredictorObjective objective, ReadOnlySpan<double> x0, CoordinateDescentOptions options)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(options);
        _f = objective;
        _options = options;
        _n = objective.Data.Rows;
        _p = objective.Dimension;
        _beta = StartingPoint.Copy(x0, _p);
        _trial = new double[_p];
        _grad = new double[_p];
        _eta = new double[_n];
        _g = new double[_n];
        _h = new double[_n];
        _r = new double[_n];
        _v = new double[_p];
        _next = new double[_p];
        _active = new int[_p];
        _x = ColumnMajorSparse.From(objective.Data);
        // The scale of the criterion: ‖∇f(0)‖∞ = ‖Xᵀ∇L(0)‖∞ (α·λ_max on the path), 1 when it is 0.
        var zero = new double[_p];
        objective.ValueAndGradient(zero, _grad);
        double s = 0;
        foreach (double v in _grad) s = Math.Max(s, Math.Abs(v));
        _scale = s > 0 && double.IsFinite(s) ? s : 1;
        _value = Total(_beta);
        Measure();
    }

    /// <inheritdoc/>
    public double Criterion { get; private set; } = double.PositiveInfinity;

    /// <inheritdoc/>
    public EvaluationCounts Counts => new(_functions, _gradients, _proxes);

    /// <summary>The current point.</summary>
    public ReadOnlySpan<double> Solution => _beta;

    /// <inheritdoc/>
    public bool HasConverged(double tolerance) => Criterion <= tolerance;

    /// <inheritdoc/>
    public double Objective() => _value;

    /// <inheritdoc/>
    public double DualityGap() => double.NaN;

    /// <inheritdoc/>
    public StepOutcome Step()
    {
        _f.Data.Apply(_beta, _eta);
        _f.Loss.ValueGradientHessianDiagonal(_eta, _g, _h);
        _gradients++;
        for (int i = 0; i < _n; i++)
            if (!double.IsFinite(_g[i]) || !double.IsFinite(_h[i])) return StepOutcome.NonFinite;
        SolveModel();
        double[] next = _next;

        // Armijo backtracking on F along d = next − β.
        // Δ coordinate by coordinate: near the optimum its terms cancel, and ‖β‖₁ − ‖β′‖₁ as a difference of sums would
        // leave only the rounding of the sums.
        double delta = 0;
        for (int j = 0; j < _p; j++) delta += _grad[j] * (next[j] - _beta[j]) + _f.L1 * (Math.Abs(next[j]) - Math.Abs(_beta[j]));
        if (!double.IsFinite(delta)) return StepOutcome.NonFinite;
        if (delta >= 0) return StepOutcome.NoProgress;
        // Once the predicted decrease is below the rounding of F (a sum of n logarithms: about 1e-14 relative on CoxExample)
        // comparing values of F says nothing: the model's step is taken (it is a descent step in exact arithmetic) and the
        // KKT check decides. Comparing there made the line search accept steps of 2⁻³⁹ and stall.
        if (-delta <= 1e-12 * (Math.Abs(_value) + 1))
            return Accept(next);
        double t = 1;
        for (int k = 0; k < MaxHalvings; k++, t *= 0.5)
        {
            for (int j = 0; j < _p; j++) _trial[j] = _beta[j] + t * (next[j] - _beta[j]);
            double v = Total(_trial);
            if (v <= _value + Armijo * t * delta)
            {
                Array.Copy(_trial, _beta, _p);
                _value = v;
                Measure();
                return StepOutcome.Continue;
            }
        }
        return StepOutcome.LineSearchFailed;
    }

    /// <summary>
    /// Minimises the model q(β′) = Σ_i [g_i(η′_i − η_i) + ½h_i(η′_i − η_i)²] + (μ/2)‖β′‖² + λ₁‖β′‖₁ from β into
    /// <c>_next</c> by cyclic coordinate descent with the model's gradient r = g + h⊙(η′ − η) kept up to date; full sweeps
    /// alternate with sweeps over the non-zeros (glmnet's active-set cycling) until a full sweep's largest step,
    /// v_j|Δ_j| in gradient units, is at most <see cref="CoordinateDescentOptions.InnerTolerance"/> times the outer KKT
    /// violation (and never below a hundredth of the tolerance's).
    /// </summary>
    private void SolveModel()
    {
        ReadOnlySpan<int> ptr = _x.ColumnPointers, rows = _x.RowIndices;
        ReadOnlySpan<double> vals = _x.Values;
        Array.Copy(_beta, _next, _p);
        Array.Copy(_g, _r, _n);
        for (int j = 0; j < _p; j++)
        {
            double v = 0;
            for (int q = ptr[j]; q < ptr[j + 1]; q++) v += _h[rows[q]] * vals[q] * vals[q];
            _v[j] = v;
        }
        double target = Math.Max(_options.InnerTolerance * Criterion * _scale, 0.01 * _options.Tolerance * _scale);
        for (int sweep = 0; sweep < _options.MaxInnerSweeps;)
        {
            double worst = Sweep(null, ptr, rows, vals);
            sweep++;
            if (worst <= target) return;
            int active = 0;
            for (int j = 0; j < _p; j++)
                if (_next[j] != 0) _active[active++] = j;
            while (sweep < _options.MaxInnerSweeps)
            {
                double moved = Sweep(active, ptr, rows, vals);
                sweep++;
                if (moved <= target) break;
            }
        }
    }

    /// <summary>One sweep over every coordinate (<paramref name="count"/> null) or the first <paramref name="count"/> of
    /// <c>_active</c>; returns the largest v_j|Δ_j|.</summary>
    private double Sweep(int? count, ReadOnlySpan<int> ptr, ReadOnlySpan<int> rows, ReadOnlySpan<double> vals)
    {
        double worst = 0, l1 = _f.L1, mu = _f.Ridge;
        int m = count ?? _p;
        for (int k = 0; k < m; k++)
        {
            int j = count is null ? k : _active[k];
            double curv = _v[j] + mu;
            if (!(curv > 0)) continue;
            double c = 0;
            for (int q = ptr[j]; q < ptr[j + 1]; q++) c += vals[q] * _r[rows[q]];
            double old = _next[j], u = _v[j] * old - c, a = Math.Abs(u) - l1;
            double b = a > 0 ? Math.CopySign(a, u) / curv : 0;
            if (b == old) continue;
            double step = b - old;
            _next[j] = b;
            _proxes++;
            for (int q = ptr[j]; q < ptr[j + 1]; q++) _r[rows[q]] += step * _h[rows[q]] * vals[q];
            worst = Math.Max(worst, curv * Math.Abs(step));
        }
        return worst;
    }

    /// <summary>Takes the full step to <paramref name="next"/>; no progress when it changes nothing.</summary>
    private StepOutcome Accept(double[] next)
    {
        if (next.AsSpan().SequenceEqual(_beta)) return StepOutcome.NoProgress;
        Array.Copy(next, _beta, _p);
        _value = Total(_beta);
        Measure();
        return StepOutcome.Continue;
    }

    /// <summary>Packs the run's answer.</summary>
    /// <param name="outcome">The loop's outcome.</param>
    public SolverResult ToResult(LoopOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.ToResult((double[])_beta.Clone(), _value, Criterion, null, Counts);
    }

    private double Total(ReadOnlySpan<double> x)
    {
        _functions++;
        return _f.Value(x) + _f.NonsmoothValue(x);
    }

    /// <summary>The gradient of f and the relative KKT violation at β.</summary>
    private void Measure()
    {
        double v = _f.KktViolation(_beta, _grad);
        _gradients++;
        Criterion = double.IsNaN(v) ? double.PositiveInfinity : v / _scale;
    }

    private static double L1(ReadOnlySpan<double> x)
    {
        double s = 0;
        foreach (double v in x) s += Math.Abs(v);
        return s;
    }
}
