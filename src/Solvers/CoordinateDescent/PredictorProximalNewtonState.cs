using OptSuite.Objectives;
using OptSuite.Objectives.Losses;
using OptSuite.Prox.Regularizers;

namespace OptSuite.Solvers;

/// <summary>The buffers and one outer step of <see cref="PredictorProximalNewton"/>; see there for the method and criterion.</summary>
public sealed class PredictorProximalNewtonState : ISolverState
{
    private const double Armijo = 1e-4;
    private const int MaxHalvings = 40;

    private readonly PredictorObjective _f;
    private readonly CoordinateDescentOptions _options;
    private readonly int _n, _p;
    private readonly double[] _beta, _trial, _grad, _eta, _g, _h, _z, _c;
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
        _z = new double[_n];
        _c = new double[_n];
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
        double hmax = 0;
        for (int i = 0; i < _n; i++) hmax = Math.Max(hmax, _h[i]);
        if (!(hmax > 0) || !double.IsFinite(hmax)) return StepOutcome.NonFinite;
        double total = 0;
        for (int i = 0; i < _n; i++)
        {
            // A sample whose curvature vanishes (it alone in its risk sets) has gradient 0 too: it leaves the model.
            bool keep = _h[i] > 1e-14 * hmax;
            _c[i] = keep ? _h[i] : 0;
            _z[i] = keep ? _eta[i] - _g[i] / _h[i] : _eta[i];
            total += _c[i];
        }
        var model = new LinearObjective<SquaredLoss, L1Norm>(_f.Data, _z, default, new L1Norm(_f.L1 / total), _f.Ridge / total, false, _c);
        double inner = Math.Clamp(Criterion * Criterion, 1e-14, 1e-4);
        var result = CoordinateDescent.Minimize(model, _beta, _options with
        {
            Tolerance = inner, MaxIterations = _options.MaxInnerSweeps, MaxTime = null, TraceEvery = 0, Observer = null,
            Checkpoints = null, Communicator = null,
        });
        _proxes += result.Counts.Proxes;
        double[] next = result.Solution;

        // Armijo backtracking on F along d = next − β.
        double l1Now = L1(_beta), delta = 0;
        for (int j = 0; j < _p; j++) delta += _grad[j] * (next[j] - _beta[j]);
        delta += _f.L1 * (L1(next) - l1Now);
        if (!double.IsFinite(delta)) return StepOutcome.NonFinite;
        if (delta >= 0)
            return Criterion <= _options.Tolerance ? StepOutcome.Continue : StepOutcome.NoProgress;
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

    /// <summary>Packs the run's answer.</summary>
    /// <param name="outcome">The loop's outcome.</param>
    public SolverResult ToResult(LoopOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return new SolverResult
        {
            Solution = (double[])_beta.Clone(),
            Objective = _value,
            Iterations = outcome.Iterations,
            StopReason = outcome.StopReason,
            Criterion = Criterion,
            Counts = Counts,
            Elapsed = outcome.Elapsed,
            Trace = outcome.Trace,
        };
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
