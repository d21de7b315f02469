using OptSuite.LinearAlgebra;
using OptSuite.Objectives;
using OptSuite.Prox.Regularizers;

namespace OptSuite.Solvers;

/// <summary>The buffers and one step of <see cref="TrustRegionNewton"/>; see there for the method and criterion.</summary>
/// <typeparam name="TLoss">A loss with a (generalised) second derivative.</typeparam>
public sealed class TrustRegionNewtonState<TLoss> : ISolverState
    where TLoss : struct, ILoss
{
    // Trust-region constants of Lin & Moré (1999), as in TRON.
    private const double Eta0 = 1e-4, Eta1 = 0.25, Eta2 = 0.75, Sigma1 = 0.25, Sigma2 = 0.5, Sigma3 = 4;

    private readonly LinearObjective<TLoss, ZeroRegularizer> _f;
    private readonly TrustRegionNewtonOptions _options;
    private readonly ILinearMap _data;
    private readonly TLoss _loss;
    private readonly int _n, _p, _dim;
    private readonly bool _intercept, _preconditioned;
    private readonly double _mu;
    private readonly double[] _a, _y;
    private readonly double[] _x, _trial, _g, _m, _s, _r, _d, _hd, _z, _zTrial, _curv, _u, _xv;
    private double _value, _radius = double.NaN;
    private bool _nonFinite, _stalled;
    private long _functions, _gradients, _hessianProducts;
    private int _steps;
    private long _moves, _checkedAt = -1;   // accepted steps, and the one the last gap was computed at
    private double _checkedGap;

    /// <summary>Prepares a run from <paramref name="x0"/> (w then b; zeros when empty; copied, never modified).</summary>
    /// <param name="objective">The objective.</param>
    /// <param name="x0">Starting point.</param>
    /// <param name="options">Options.</param>
    public TrustRegionNewtonState(LinearObjective<TLoss, ZeroRegularizer> objective, ReadOnlySpan<double> x0, TrustRegionNewtonOptions options)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _loss = objective.Loss;
        if (!_loss.IsTwiceDifferentiable && !double.IsFinite(_loss.Smoothness))
            throw new ArgumentException($"Trust-region Newton needs a loss with a second derivative; {typeof(TLoss).Name} has none.", nameof(objective));
        _f = objective;
        _options = options;
        _data = objective.Data;
        _n = objective.Samples;
        _p = objective.Features;
        _dim = objective.Dimension;
        _intercept = objective.FitIntercept;
        _mu = objective.Ridge;
        _a = objective.SampleWeights.IsEmpty ? Enumerable.Repeat(1.0 / _n, _n).ToArray() : objective.SampleWeights.ToArray();
        _y = objective.Labels.ToArray();
        _x = StartingPoint.Copy(x0, _dim);
        _trial = new double[_dim];
        _g = new double[_dim];
        _m = new double[_dim];
        _s = new double[_dim];
        _r = new double[_dim];
        _d = new double[_dim];
        _hd = new double[_dim];
        _z = new double[_n];
        _zTrial = new double[_n];
        _curv = new double[_n];
        _u = new double[_n];
        _xv = new double[_n];
        _preconditioned = _data is CsrMatrix or CscMatrix or DenseMatrix;
        _value = Scores(_x, _z);
        _functions++;
        Gradient();
        _nonFinite = !double.IsFinite(_value) || !Vec.AllFinite(_g);
    }

    /// <inheritdoc/>
    public double Criterion { get; private set; } = double.PositiveInfinity;

    /// <inheritdoc/>
    public EvaluationCounts Counts => new(_functions, _gradients + _hessianProducts, 0);

    /// <summary>Hessian–vector products so far (each one product and one transposed product over the data).</summary>
    public long HessianProducts => _hessianProducts;

    /// <summary>z = Xw + b into <paramref name="z"/>; returns F at <paramref name="x"/>.</summary>
    private double Scores(ReadOnlySpan<double> x, Span<double> z)
    {
        _data.Apply(x[.._p], z);
        if (_intercept)
        {
            double b = x[_p];
            for (int i = 0; i < _n; i++) z[i] += b;
        }
        double loss = 0;
        for (int i = 0; i < _n; i++) loss += _a[i] * _loss.Value(_y[i], z[i]);
        return loss + 0.5 * _mu * Vec.Dot(x[.._p], x[.._p]);
    }

    /// <summary>∇F, the curvatures a_i·ℓ″_i and the preconditioner at the current point.</summary>
    private void Gradient()
    {
        double gb = 0;
        for (int i = 0; i < _n; i++)
        {
            _u[i] = _a[i] * _loss.Derivative(_y[i], _z[i]);
            _curv[i] = _a[i] * _loss.SecondDerivative(_y[i], _z[i]);
            gb += _u[i];
        }
        _data.ApplyTranspose(_u, _g.AsSpan(0, _p));
        for (int j = 0; j < _p; j++) _g[j] += _mu * _x[j];
        if (_intercept) _g[_p] = gb;
        _gradients++;

        // Jacobi preconditioner: the diagonal of H (1 where the data give no column access). A coordinate without
        // curvature here (the Huber loss beyond δ everywhere, an empty column) gets the largest diagonal entry, so the trust
        // region bounds its steps as it does the others' instead of letting them run off.
        if (_preconditioned)
        {
            WeightedColumnSquares(_curv, _m.AsSpan(0, _p));
            for (int j = 0; j < _p; j++) _m[j] += _mu;
        }
        else _m.AsSpan(0, _p).Fill(1);
        if (_intercept)
        {
            double hb = 0;
            for (int i = 0; i < _n; i++) hb += _curv[i];
            _m[_p] = hb;
        }
        double scale = 0;
        for (int j = 0; j < _dim; j++) scale = Math.Max(scale, _m[j]);
        if (!(scale > 0) || !double.IsFinite(scale)) scale = 1;
        for (int j = 0; j < _dim; j++)
            if (!(_m[j] >= 1e-12 * scale)) _m[j] = scale;
    }

    private void WeightedColumnSquares(ReadOnlySpan<double> c, Span<double> m)
    {
        m.Clear();
        switch (_data)
        {
            case CscMatrix csc:
            {
                ReadOnlySpan<int> ptr = csc.ColumnPointers, idx = csc.RowIndices;
                ReadOnlySpan<double> val = csc.Values;
                for (int j = 0; j < _p; j++)
                    for (int t = ptr[j]; t < ptr[j + 1]; t++) m[j] += c[idx[t]] * val[t] * val[t];
                break;
            }
            case CsrMatrix csr:
            {
                ReadOnlySpan<int> ptr = csr.RowPointers, idx = csr.ColumnIndices;
                ReadOnlySpan<double> val = csr.Values;
                for (int i = 0; i < _n; i++)
                    for (int t = ptr[i]; t < ptr[i + 1]; t++) m[idx[t]] += c[i] * val[t] * val[t];
                break;
            }
            case DenseMatrix dense:
            {
                ReadOnlySpan<double> v = dense.Values;
                bool rowMajor = dense.Layout == MatrixLayout.RowMajor;
                int ld = rowMajor ? dense.Columns : dense.Rows;
                for (int i = 0; i < _n; i++)
                    for (int j = 0; j < _p; j++)
                    {
                        double e = rowMajor ? v[i * ld + j] : v[j * ld + i];
                        m[j] += c[i] * e * e;
                    }
                break;
            }
        }
    }

    /// <summary>Hv for the Newton model at the current point.</summary>
    private void HessianTimes(ReadOnlySpan<double> v, Span<double> hv)
    {
        _data.Apply(v[.._p], _xv);
        double vb = _intercept ? v[_p] : 0, hb = 0;
        for (int i = 0; i < _n; i++)
        {
            _xv[i] = _curv[i] * (_xv[i] + vb);
            hb += _xv[i];
        }
        _data.ApplyTranspose(_xv, hv[.._p]);
        for (int j = 0; j < _p; j++) hv[j] += _mu * v[j];
        if (_intercept) hv[_p] = hb;
        _hessianProducts++;
    }

    private double NormM(ReadOnlySpan<double> v)
    {
        double s = 0;
        for (int j = 0; j < _dim; j++) s += _m[j] * v[j] * v[j];
        return Math.Sqrt(s);
    }

    /// <inheritdoc/>
    public StepOutcome Step()
    {
        if (_nonFinite) return StepOutcome.NonFinite;
        if (_stalled) return StepOutcome.NoProgress;
        _steps++;
        // ‖∇F‖ in the preconditioned metric; the first trust region is that long.
        double gNorm = 0;
        for (int j = 0; j < _dim; j++) gNorm += _g[j] * _g[j] / _m[j];
        gNorm = Math.Sqrt(gNorm);
        if (gNorm == 0) { _stalled = true; return StepOutcome.NoProgress; }
        if (double.IsNaN(_radius)) _radius = gNorm;

        ConjugateGradient(gNorm);
        double gs = Vec.Dot(_g, _s), predicted = -0.5 * (gs - Vec.Dot(_s, _r));
        for (int j = 0; j < _dim; j++) _trial[j] = _x[j] + _s[j];
        double fNew = Scores(_trial, _zTrial);
        _functions++;
        if (!double.IsFinite(fNew)) fNew = double.PositiveInfinity;
        double actual = _value - fNew, sNorm = NormM(_s);
        if (_steps == 1) _radius = Math.Min(_radius, sNorm);

        // Lin & Moré's update of the radius from the ratio of actual to predicted reduction.
        double curvatureGap = fNew - _value - gs;
        double alpha = curvatureGap <= 0 ? Sigma3 : Math.Max(Sigma1, -0.5 * (gs / curvatureGap));
        if (!double.IsFinite(alpha)) alpha = Sigma1;
        if (actual < Eta0 * predicted) _radius = Math.Min(Math.Max(alpha, Sigma1) * sNorm, Sigma2 * _radius);
        else if (actual < Eta1 * predicted) _radius = Math.Max(Sigma1 * _radius, Math.Min(alpha * sNorm, Sigma2 * _radius));
        else if (actual < Eta2 * predicted) _radius = Math.Max(Sigma1 * _radius, Math.Min(alpha * sNorm, Sigma3 * _radius));
        else _radius = Math.Max(_radius, Math.Min(alpha * sNorm, Sigma3 * _radius));

        // The model never predicts an increase in exact arithmetic; a non-positive prediction is rounding and accepts nothing.
        if (predicted > 0 && actual > Eta0 * predicted && double.IsFinite(fNew))
        {
            _trial.CopyTo(_x, 0);
            _zTrial.CopyTo(_z, 0);
            _value = fNew;
            _moves++;
            Gradient();
            if (!Vec.AllFinite(_g)) return StepOutcome.NonFinite;
            return StepOutcome.Continue;
        }
        // Below the rounding of F the ratio is noise, yet the gap (which weighs the gradient by 1/μ, not by H⁻¹) may
        // still be far from certifying: take the step when it lowers the preconditioned gradient norm.
        if (double.IsFinite(fNew) && Math.Abs(predicted) <= 1e-14 * Math.Max(1, Math.Abs(_value)) && TakeIfGradientFalls(fNew, gNorm))
            return StepOutcome.Continue;
        // No acceptable step: a region below the rounding of F means no further progress is possible.
        if (!(predicted > 1e-16 * Math.Abs(_value)) || _radius <= 1e-16 * Math.Max(1, NormM(_x))) _stalled = true;
        return StepOutcome.Continue;
    }

    /// <summary>Moves to the trial point if its preconditioned gradient norm is below <paramref name="gNorm"/>; else stays.</summary>
    private bool TakeIfGradientFalls(double fNew, double gNorm)
    {
        _x.CopyTo(_d, 0);                        // the current point, to come back to (d is free after the solve)
        double value = _value;
        _trial.CopyTo(_x, 0);
        for (int i = 0; i < _n; i++) (_z[i], _zTrial[i]) = (_zTrial[i], _z[i]);
        _value = fNew;
        Gradient();
        double next = 0;
        for (int j = 0; j < _dim; j++) next += _g[j] * _g[j] / _m[j];
        if (Vec.AllFinite(_g) && Math.Sqrt(next) < gNorm)
        {
            _moves++;
            return true;
        }
        _d.CopyTo(_x, 0);
        for (int i = 0; i < _n; i++) (_z[i], _zTrial[i]) = (_zTrial[i], _z[i]);
        _value = value;
        Gradient();
        return false;
    }

    /// <summary>
    /// Preconditioned conjugate gradients on H s = −g inside ‖s‖_M ≤ radius (Steihaug); leaves s and the residual
    /// r = −g − Hs. Returns whether the step reached the boundary.
    /// </summary>
    private bool ConjugateGradient(double gNorm)
    {
        Array.Clear(_s);
        for (int j = 0; j < _dim; j++) _r[j] = -_g[j];
        for (int j = 0; j < _dim; j++) _d[j] = _r[j] / _m[j];
        double rz = 0;
        for (int j = 0; j < _dim; j++) rz += _r[j] * _d[j];
        double stop = _options.ConjugateGradientTolerance * gNorm;
        for (int k = 0; k < _options.MaxConjugateGradientIterations; k++)
        {
            if (Math.Sqrt(Math.Max(rz, 0)) <= stop) return false;
            HessianTimes(_d, _hd);
            double dHd = Vec.Dot(_d, _hd);
            double step;
            if (!(dHd > 0)) return ToBoundary();
            step = rz / dHd;
            // Would s + step·d leave the region?
            double next = 0;
            for (int j = 0; j < _dim; j++)
            {
                double v = _s[j] + step * _d[j];
                next += _m[j] * v * v;
            }
            if (Math.Sqrt(next) > _radius) return ToBoundary();
            for (int j = 0; j < _dim; j++)
            {
                _s[j] += step * _d[j];
                _r[j] -= step * _hd[j];
            }
            double rzNew = 0;
            for (int j = 0; j < _dim; j++) rzNew += _r[j] * _r[j] / _m[j];
            double beta = rzNew / rz;
            for (int j = 0; j < _dim; j++) _d[j] = _r[j] / _m[j] + beta * _d[j];
            rz = rzNew;
        }
        return false;

        // τ ≥ 0 with ‖s + τd‖_M = radius, then s += τd and r −= τHd (Hd was formed for this d).
        bool ToBoundary()
        {
            double sd = 0, dd = 0, ss = 0;
            for (int j = 0; j < _dim; j++)
            {
                sd += _m[j] * _s[j] * _d[j];
                dd += _m[j] * _d[j] * _d[j];
                ss += _m[j] * _s[j] * _s[j];
            }
            double slack = Math.Max(_radius * _radius - ss, 0);
            double root = Math.Sqrt(sd * sd + dd * slack);
            double tau = sd >= 0 ? slack / (sd + root) : (root - sd) / dd;
            if (!double.IsFinite(tau) || dd == 0) tau = 0;
            for (int j = 0; j < _dim; j++)
            {
                _s[j] += tau * _d[j];
                _r[j] -= tau * _hd[j];
            }
            return true;
        }
    }

    /// <inheritdoc/>
    public bool HasConverged(double tolerance)
    {
        if (_nonFinite) return false;
        Criterion = ProximalGradientState.RelativeGap(DualityGap(), _value);
        return Criterion <= tolerance;
    }

    /// <inheritdoc/>
    /// <remarks>From the scores z = Xw + b formed when the point was accepted: no product.</remarks>
    public double Objective() => _f.TotalValue(_x, _z);

    /// <inheritdoc/>
    /// <remarks>From the current scores (one transposed product), and not again at a point already checked.</remarks>
    public double DualityGap()
    {
        if (_checkedAt != _moves)
            (_checkedGap, _checkedAt) = (_f.DualityGap(_x, _z, _hd.AsSpan(0, _p)), _moves);   // Hd is free between steps
        return _checkedGap;
    }

    /// <summary>The result for <paramref name="outcome"/>.</summary>
    /// <param name="outcome">What the run loop returned.</param>
    public SolverResult ToResult(LoopOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return new SolverResult
        {
            Solution = _x.ToArray(),
            Objective = Objective(),
            Iterations = outcome.Iterations,
            StopReason = outcome.StopReason,
            Criterion = Criterion,
            DualityGap = DualityGap(),
            Counts = Counts,
            Elapsed = outcome.Elapsed,
            Trace = outcome.Trace,
        };
    }
}
