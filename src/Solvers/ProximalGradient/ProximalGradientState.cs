using OptSuite.Objectives;

namespace OptSuite.Solvers;

/// <summary>The buffers and one iteration of <see cref="ProximalGradient"/>; see there for the method and criterion.</summary>
/// <remarks><see cref="Step"/> allocates nothing: the four vectors are allocated once here.</remarks>
public sealed class ProximalGradientState : ISolverState, ICheckpointable
{
    private const int MaxBacktracks = 200;

    private readonly ICompositeFunction _f;
    private readonly ProximalGradientOptions _options;
    private readonly bool _hasGap;
    private double[] _x;          // current iterate x_k
    private double[] _candidate;  // x⁺ under test
    private readonly double[] _y; // extrapolated point
    private readonly double[] _gradY;
    private readonly double[] _gradScratch;
    private double _fy;           // f(y)
    private double _t = 1;
    private double _step;
    private double _residual = double.PositiveInfinity;
    private readonly double _residualScale;
    private bool _nonFinite;
    private int _steps;
    private long _functions, _gradients, _proxes;

    /// <summary>Prepares a run from <paramref name="x0"/> (zeros when empty; copied, never modified).</summary>
    /// <param name="function">The composite objective.</param>
    /// <param name="x0">Starting point.</param>
    /// <param name="options">Validated options.</param>
    public ProximalGradientState(ICompositeFunction function, ReadOnlySpan<double> x0, ProximalGradientOptions options)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _f = function;
        _options = options;
        int n = function.Dimension;
        _x = StartingPoint.Copy(x0, n);
        _candidate = new double[n];
        _y = (double[])_x.Clone();
        _gradY = new double[n];
        _gradScratch = new double[n];
        _hasGap = function.HasDualityGap;

        double lipschitz = function.SmoothLipschitz;
        bool knownL = lipschitz > 0 && double.IsFinite(lipschitz);
        if (options.StepSize == StepSizeRule.Constant && !knownL)
            throw new ArgumentException(
                $"StepSize = Constant needs a finite positive SmoothLipschitz bound; this objective reports {lipschitz}. Use Backtracking.",
                nameof(options));
        _step = options.InitialStep ?? (knownL ? 1.0 / lipschitz : 1.0);

        _fy = function.ValueAndGradient(_y, _gradY);
        _functions++; _gradients++;
        if (!double.IsFinite(_fy) || !Vec.AllFinite(_gradY))
        {
            _nonFinite = true;
            _residualScale = 1;
            return;
        }
        // Scale of the gradient mapping at x0, so the criterion is relative: ‖G(x0)‖∞ with the initial step.
        Vec.AddScaled(_y, -_step, _gradY, _candidate);
        _f.Prox(_candidate, _step, _candidate);
        _proxes++;
        _residual = Vec.DistanceInf(_y, _candidate) / _step;
        _residualScale = Math.Max(1.0, double.IsFinite(_residual) ? _residual : 1.0);
    }

    /// <summary>The current iterate (read-only view; copied into the result).</summary>
    public ReadOnlySpan<double> Point => _x;

    private string Name => _options.Accelerated ? "fista" : "ista";

    /// <inheritdoc/>
    public SolverCheckpoint Capture(int iteration) => new()
    {
        Solver = Name, Iteration = iteration,
        Vectors = new Dictionary<string, double[]> { ["x"] = _x.ToArray(), ["y"] = _y.ToArray() },
        Numbers = new Dictionary<string, double> { ["t"] = _t, ["step"] = _step, ["steps"] = _steps, ["residual"] = _residual },
    };

    /// <inheritdoc/>
    /// <remarks>The whole state is kept (iterate, extrapolated point, momentum, step size), so the resumed run takes the
    /// steps the uninterrupted one would.</remarks>
    public void Restore(SolverCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        checkpoint.Require(Name);
        checkpoint.Vector("x", _x.Length).CopyTo(_x, 0);
        checkpoint.Vector("y", _y.Length).CopyTo(_y, 0);
        _t = checkpoint.Number("t");
        _step = checkpoint.Number("step");
        _steps = (int)checkpoint.Number("steps");
        _residual = checkpoint.Number("residual");
        _fy = _f.ValueAndGradient(_y, _gradY);
        _functions++; _gradients++;
        _nonFinite = !double.IsFinite(_fy) || !Vec.AllFinite(_gradY);
    }

    /// <summary>The step η in use.</summary>
    public double StepSize => _step;

    /// <inheritdoc/>
    public double Criterion { get; private set; } = double.PositiveInfinity;

    /// <inheritdoc/>
    public EvaluationCounts Counts => new(_functions, _gradients, _proxes);

    /// <inheritdoc/>
    public StepOutcome Step()
    {
        if (_nonFinite) return StepOutcome.NonFinite;
        bool backtrack = _options.StepSize == StepSizeRule.Backtracking;
        if (backtrack && _steps > 0) _step *= _options.StepGrowth;
        _steps++;

        int tries = 0;
        while (true)
        {
            Vec.AddScaled(_y, -_step, _gradY, _candidate);
            _f.Prox(_candidate, _step, _candidate);
            _proxes++;
            if (!backtrack) break;
            double fNew = _f.Value(_candidate);
            _functions++;
            if (SufficientDecrease(fNew)) break;
            _step *= _options.BacktrackingFactor;
            if (++tries >= MaxBacktracks || !(_step > 0)) return StepOutcome.LineSearchFailed;
        }
        if (!Vec.AllFinite(_candidate)) { _nonFinite = true; return StepOutcome.NonFinite; }
        _residual = Vec.DistanceInf(_y, _candidate) / _step;

        if (_options.Accelerated)
        {
            bool restart = false;
            if (_options.AdaptiveRestart)
            {
                double s = 0;   // ⟨y − x⁺, x⁺ − x⟩
                for (int i = 0; i < _y.Length; i++) s += (_y[i] - _candidate[i]) * (_candidate[i] - _x[i]);
                restart = s > 0;
            }
            if (restart)
            {
                _t = 1;
                _candidate.AsSpan().CopyTo(_y);
            }
            else
            {
                double tNext = 0.5 * (1 + Math.Sqrt(1 + 4 * _t * _t));
                double momentum = (_t - 1) / tNext;
                for (int i = 0; i < _y.Length; i++) _y[i] = _candidate[i] + momentum * (_candidate[i] - _x[i]);
                _t = tNext;
            }
        }
        else
        {
            _candidate.AsSpan().CopyTo(_y);
        }
        (_x, _candidate) = (_candidate, _x);

        _fy = _f.ValueAndGradient(_y, _gradY);
        _functions++; _gradients++;
        if (!double.IsFinite(_fy) || !Vec.AllFinite(_gradY)) { _nonFinite = true; return StepOutcome.NonFinite; }
        return StepOutcome.Continue;
    }

    /// <summary>
    /// f(x⁺) ≤ f(y) + ⟨∇f(y), d⟩ + ‖d‖²/(2η), d = x⁺ − y. When f(x⁺) and f(y) agree to 1e-9 relative the difference is
    /// mostly rounding, so the test switches to the gradient form ⟨∇f(x⁺) − ∇f(y), d⟩ ≤ ‖d‖²/η (as TFOCS does, Becker,
    /// Candès &amp; Grant 2011), which stays exact near the optimum at the price of one more gradient evaluation.
    /// </summary>
    private bool SufficientDecrease(double fNew)
    {
        if (!double.IsFinite(fNew)) return false;
        double dot = 0, sq = 0;
        for (int i = 0; i < _y.Length; i++)
        {
            double d = _candidate[i] - _y[i];
            dot += _gradY[i] * d;
            sq += d * d;
        }
        if (sq == 0) return true;
        if (Math.Abs(fNew - _fy) > 1e-9 * Math.Abs(_fy))
            return fNew - _fy - dot <= sq / (2 * _step);
        _f.ValueAndGradient(_candidate, _gradScratch);
        _functions++; _gradients++;
        double curvature = 0;
        for (int i = 0; i < _y.Length; i++) curvature += (_gradScratch[i] - _gradY[i]) * (_candidate[i] - _y[i]);
        return curvature <= sq / _step;
    }

    /// <inheritdoc/>
    public bool HasConverged(double tolerance)
    {
        if (_nonFinite) return false;
        if (_hasGap)
        {
            if (_steps > 0 && _steps % _options.GapCheckEvery != 0) return false;
            double gap = _f.DualityGap(_x);
            double objective = Objective();
            _functions += 2;
            Criterion = RelativeGap(gap, objective);
            return Criterion <= tolerance;
        }
        Criterion = _residual / _residualScale;
        return Criterion <= tolerance;
    }

    internal static double RelativeGap(double gap, double objective)
    {
        if (double.IsNaN(gap)) return double.PositiveInfinity;
        double scale = Math.Abs(objective);
        return scale > 0 ? Math.Max(gap, 0) / scale : Math.Max(gap, 0);
    }

    /// <inheritdoc/>
    public double Objective() => _f.Value(_x) + _f.NonsmoothValue(_x);

    /// <inheritdoc/>
    public double DualityGap() => _hasGap ? _f.DualityGap(_x) : double.NaN;

    /// <summary>The result for <paramref name="outcome"/>: a copy of the iterate with its objective and gap.</summary>
    /// <param name="outcome">What the run loop returned.</param>
    public SolverResult ToResult(LoopOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.ToResult(_x.ToArray(), Objective(), Criterion, _hasGap ? DualityGap() : null, Counts);
    }
}
