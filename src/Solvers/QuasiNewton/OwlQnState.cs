using OptSuite.Objectives;

namespace OptSuite.Solvers;

/// <summary>The buffers and one iteration of <see cref="OwlQn"/>; see there for the method and criterion.</summary>
public sealed class OwlQnState : ISolverState, ICheckpointable
{
    private readonly IL1CompositeFunction _f;
    private readonly OwlQnOptions _options;
    private readonly LbfgsHistory _history;
    private readonly GapCertificate? _certificate;
    private readonly double[] _lambda;
    private double[] _x, _g, _xNew, _gNew;
    private readonly double[] _pg, _d;
    private double _smooth, _value;
    private readonly double _scale;
    private bool _nonFinite;
    private int _steps;
    private long _functions, _gradients;

    /// <summary>Prepares a run from <paramref name="x0"/> (zeros when empty; copied, never modified).</summary>
    /// <param name="function">f and the L1 weights.</param>
    /// <param name="x0">Starting point.</param>
    /// <param name="options">Options.</param>
    public OwlQnState(IL1CompositeFunction function, ReadOnlySpan<double> x0, OwlQnOptions options)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _f = function;
        _options = options;
        _certificate = GapCertificate.For(function, options);
        int n = function.Dimension;
        _lambda = function.L1Weights.ToArray();
        if (_lambda.Length != n)
            throw new ArgumentException($"L1Weights has length {_lambda.Length}; the function has dimension {n}.", nameof(function));
        for (int j = 0; j < n; j++)
            if (!(_lambda[j] >= 0 && double.IsFinite(_lambda[j])))
                throw new ArgumentException($"L1Weights[{j}] = {_lambda[j]}; weights must be finite and ≥ 0.", nameof(function));
        _x = StartingPoint.Copy(x0, n);
        _g = new double[n]; _xNew = new double[n]; _gNew = new double[n];
        _pg = new double[n]; _d = new double[n];
        _history = new LbfgsHistory(options.HistorySize, n);
        _smooth = function.ValueAndGradient(_x, _g);
        _functions++; _gradients++;
        _value = _smooth + L1(_x);
        _nonFinite = !double.IsFinite(_value) || !Vec.AllFinite(_g);
        PseudoGradient();
        _scale = _nonFinite ? 1.0 : Math.Max(1.0, Vec.NormInf(_pg));
    }

    /// <summary>The current iterate.</summary>
    public ReadOnlySpan<double> Point => _x;

    /// <inheritdoc/>
    public SolverCheckpoint Capture(int iteration) => new()
    {
        Solver = "owlqn", Iteration = iteration,
        Vectors = new Dictionary<string, double[]> { ["x"] = _x.ToArray() },
        Numbers = new Dictionary<string, double> { ["steps"] = _steps },
    };

    /// <inheritdoc/>
    /// <remarks>The curvature pairs are rebuilt from the resumed point (see <see cref="LbfgsState.Restore"/>).</remarks>
    public void Restore(SolverCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        checkpoint.Require("owlqn");
        checkpoint.Vector("x", _x.Length).CopyTo(_x, 0);
        _smooth = _f.ValueAndGradient(_x, _g);
        _functions++; _gradients++;
        _value = _smooth + L1(_x);
        _nonFinite = !double.IsFinite(_value) || !Vec.AllFinite(_g);
        PseudoGradient();
        _history.Clear();
        _steps = (int)checkpoint.Number("steps");
    }

    /// <inheritdoc/>
    public double Criterion { get; private set; } = double.PositiveInfinity;

    /// <inheritdoc/>
    public EvaluationCounts Counts => new(_functions + (_certificate?.Evaluations ?? 0), _gradients, 0);

    private double L1(ReadOnlySpan<double> x)
    {
        double s = 0;
        for (int j = 0; j < x.Length; j++) s += _lambda[j] * Math.Abs(x[j]);
        return s;
    }

    private void PseudoGradient()
    {
        for (int j = 0; j < _x.Length; j++)
        {
            double g = _g[j], l = _lambda[j], xj = _x[j];
            if (xj > 0) _pg[j] = g + l;
            else if (xj < 0) _pg[j] = g - l;
            else if (g + l < 0) _pg[j] = g + l;
            else if (g - l > 0) _pg[j] = g - l;
            else _pg[j] = 0;
        }
    }

    /// <inheritdoc/>
    public StepOutcome Step()
    {
        if (_nonFinite) return StepOutcome.NonFinite;
        _steps++;
        for (int j = 0; j < _d.Length; j++) _d[j] = -_pg[j];
        _history.Apply(_d);
        bool any = false;
        for (int j = 0; j < _d.Length; j++)
        {
            if (_d[j] * _pg[j] >= 0) _d[j] = 0;   // keep only components that descend along −◇F
            else any = true;
        }
        if (!any)
        {
            _history.Clear();
            for (int j = 0; j < _d.Length; j++) _d[j] = -_pg[j];
        }

        double alpha = _history.Count == 0 ? Math.Min(1.0, 1.0 / Math.Max(Vec.Norm2(_pg), double.Epsilon)) : 1.0;
        for (int k = 0; k < _options.MaxBacktracks; k++, alpha *= 0.5)
        {
            double directional = 0;
            for (int j = 0; j < _x.Length; j++)
            {
                double xj = _x[j];
                double orthant = xj != 0 ? Math.Sign(xj) : -Math.Sign(_pg[j]);
                double t = xj + alpha * _d[j];
                if (Math.Sign(t) != orthant) t = 0;
                _xNew[j] = t;
                directional += _pg[j] * (t - xj);
            }
            double smooth = _f.ValueAndGradient(_xNew, _gNew);
            _functions++; _gradients++;
            double value = smooth + L1(_xNew);
            // Armijo on F, or a change within rounding of F once the predicted decrease is below what F can resolve
            // (the gradient-driven iteration still makes progress there; see StrongWolfeLineSearch).
            bool armijo = value <= _value + _options.SufficientDecrease * directional;
            bool flat = -directional <= 1e-12 * Math.Abs(_value) && value <= _value + 1e-13 * Math.Abs(_value);
            if (double.IsFinite(value) && (armijo || flat))
            {
                if (!Vec.AllFinite(_gNew)) { _nonFinite = true; return StepOutcome.NonFinite; }
                _history.TryPush(_xNew, _x, _gNew, _g);
                (_x, _xNew) = (_xNew, _x);
                (_g, _gNew) = (_gNew, _g);
                _smooth = smooth;
                _value = value;
                PseudoGradient();
                return StepOutcome.Continue;
            }
        }
        return StepOutcome.LineSearchFailed;
    }

    /// <inheritdoc/>
    public bool HasConverged(double tolerance)
    {
        if (_nonFinite) return false;
        double pseudoGradient = Vec.NormInf(_pg) / _scale;
        if (_certificate is { } c)
        {
            bool certified = c.Certifies(_x, _value, _steps, pseudoGradient, false, tolerance);
            Criterion = c.Criterion;
            return certified;
        }
        Criterion = pseudoGradient;
        return Criterion <= tolerance;
    }

    /// <inheritdoc/>
    public double Objective() => _value;

    /// <inheritdoc/>
    public double DualityGap() => _f is IDualityGapProvider { HasDualityGap: true } p ? p.DualityGap(_x) : double.NaN;

    private double FinalGap() => _certificate is { } c ? c.Gap(_x, _steps) : DualityGap();

    /// <summary>The result for <paramref name="outcome"/>.</summary>
    /// <param name="outcome">What the run loop returned.</param>
    public SolverResult ToResult(LoopOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        double gap = FinalGap();
        return outcome.ToResult(_x.ToArray(), _value, Criterion, double.IsNaN(gap) ? null : gap, Counts);
    }
}
