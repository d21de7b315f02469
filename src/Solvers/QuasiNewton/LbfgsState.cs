using OptSuite.Objectives;

namespace OptSuite.Solvers;

/// <summary>The buffers and one iteration of <see cref="Lbfgs"/>; see there for the method and criterion.</summary>
public sealed class LbfgsState : ISolverState, ICheckpointable
{
    private readonly IDifferentiableFunction _f;
    private readonly LbfgsOptions _options;
    private readonly LbfgsHistory _history;
    private readonly StrongWolfeLineSearch _search;
    private readonly GapCertificate? _certificate;
    private readonly double[] _x, _g, _d;
    private double _value, _previousValue = double.NaN;
    private readonly double _gradientScale;
    private bool _nonFinite;
    private int _steps;
    private long _functions, _gradients;

    /// <summary>Prepares a run from <paramref name="x0"/> (zeros when empty; copied, never modified).</summary>
    /// <param name="function">The smooth objective.</param>
    /// <param name="x0">Starting point.</param>
    /// <param name="options">Options.</param>
    public LbfgsState(IDifferentiableFunction function, ReadOnlySpan<double> x0, LbfgsOptions options)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _f = function;
        _options = options;
        _certificate = GapCertificate.For(function, options);
        int n = function.Dimension;
        _x = StartingPoint.Copy(x0, n);
        _g = new double[n];
        _d = new double[n];
        _history = new LbfgsHistory(options.HistorySize, n);
        _search = new StrongWolfeLineSearch(n, options.SufficientDecrease, options.Curvature, options.MaxLineSearchEvaluations);
        _value = function.ValueAndGradient(_x, _g);
        _functions++; _gradients++;
        _nonFinite = !double.IsFinite(_value) || !Vec.AllFinite(_g);
        _gradientScale = _nonFinite ? 1.0 : Math.Max(1.0, Vec.NormInf(_g));
    }

    /// <summary>The current iterate.</summary>
    public ReadOnlySpan<double> Point => _x;

    /// <inheritdoc/>
    public SolverCheckpoint Capture(int iteration) => new()
    {
        Solver = "lbfgs", Iteration = iteration,
        Vectors = new Dictionary<string, double[]> { ["x"] = _x.ToArray() },
        Numbers = new Dictionary<string, double> { ["steps"] = _steps, ["previous"] = _previousValue },
    };

    /// <inheritdoc/>
    /// <remarks>The curvature pairs are not kept: they are rebuilt from the resumed point. The gradient scale of the
    /// relative criterion stays the starting point's, as in the run that saved the checkpoint.</remarks>
    public void Restore(SolverCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        checkpoint.Require("lbfgs");
        checkpoint.Vector("x", _x.Length).CopyTo(_x, 0);
        _value = _f.ValueAndGradient(_x, _g);
        _functions++; _gradients++;
        _nonFinite = !double.IsFinite(_value) || !Vec.AllFinite(_g);
        _history.Clear();
        _steps = (int)checkpoint.Number("steps");
        _previousValue = checkpoint.Number("previous");
    }

    /// <inheritdoc/>
    public double Criterion { get; private set; } = double.PositiveInfinity;

    /// <inheritdoc/>
    public EvaluationCounts Counts => new(_functions + (_certificate?.Evaluations ?? 0), _gradients, 0);

    /// <inheritdoc/>
    public StepOutcome Step()
    {
        if (_nonFinite) return StepOutcome.NonFinite;
        _steps++;
        for (int i = 0; i < _d.Length; i++) _d[i] = -_g[i];
        _history.Apply(_d);
        double slope = Vec.Dot(_g, _d);
        if (!(slope < 0))
        {
            // Not a descent direction (rounding or a bad pair): restart from steepest descent.
            _history.Clear();
            for (int i = 0; i < _d.Length; i++) _d[i] = -_g[i];
            slope = Vec.Dot(_g, _d);
            if (!(slope < 0)) return StepOutcome.LineSearchFailed;
        }
        double initial = _history.Count == 0 ? Math.Min(1.0, 1.0 / Vec.Norm2(_g)) : 1.0;
        LineSearchStatus status = _search.Search(_f, _x, _value, slope, _d, initial);
        _functions += _search.Evaluations; _gradients += _search.Evaluations;
        if (status == LineSearchStatus.Failed) return StepOutcome.LineSearchFailed;

        ReadOnlySpan<double> xNew = _search.Point, gNew = _search.Gradient;
        if (!Vec.AllFinite(gNew)) { _nonFinite = true; return StepOutcome.NonFinite; }
        _history.TryPush(xNew, _x, gNew, _g);
        xNew.CopyTo(_x);
        gNew.CopyTo(_g);
        _previousValue = _value;
        _value = _search.Value;
        return StepOutcome.Continue;
    }

    /// <inheritdoc/>
    public bool HasConverged(double tolerance)
    {
        if (_nonFinite) return false;
        double gradient = Vec.NormInf(_g) / _gradientScale;
        double rel = _options.RelativeDecreaseTolerance;
        bool stalled = rel > 0 && _steps > 0
            && (_previousValue - _value) / Math.Max(1.0, Math.Max(Math.Abs(_previousValue), Math.Abs(_value))) <= rel;
        if (_certificate is { } c)
        {
            bool certified = c.Certifies(_x, _value, _steps, gradient, stalled, tolerance);
            Criterion = c.Criterion;
            return certified;
        }
        Criterion = gradient;
        return Criterion <= tolerance || stalled;
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
