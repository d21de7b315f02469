using System.Runtime.CompilerServices;
namespace OptSuite.Solvers;

public sealed partial class CoordinateDescentState<TLoss, TReg>
{
    private const double ArmijoFraction = 0.01;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public StepOutcome Step()
    {
        if (!_prepared)
        {
            ComputeGradient();
            if (double.IsNaN(_kkt0)) _kkt0 = _kkt;
            SelectWorkingSet();
        }
        _prepared = false;
        _outer++;
        if (!double.IsFinite(_kkt)) return StepOutcome.NonFinite;
        // The KKT violation is at the rounding level of the gradient: the point is optimal as far as double precision
        // can tell, yet the gap did not certify the tolerance (data of extreme scale, or a tolerance below ε).
        if (_kkt <= _kktNoise) return StepOutcome.NoProgress;
        ReadOnlySpan<int> ws = _set.Members;
        bool gram = _gram.Choose(ws);
        BuildModel(gram, gram ? _gram.ModelGradient(ws.Length) : default);
        long visits = _visits, updates = _updates;
        double inner = Math.Max(_options.InnerTolerance * _kkt, _kktNoise);
        if (gram)
        {
            _touched += _gram.Prepare(ws, _h, Unscreened);
            SolveGram(inner);
        }
        else SolveModel(inner);
        _gram.Record(_visits - visits, _updates - updates, ws.Length);

        // q = Xδ (+ δ_b) over the working set.
        ReadOnlySpan<int> ptr = _x.ColumnPointers, idx = _x.RowIndices;
        ReadOnlySpan<double> val = _x.Values;
        Array.Clear(_q);
        bool moved = _deltaB != 0;
        for (int k = 0; k < ws.Length; k++)
        {
            int j = ws[k];
            double dj = _delta[j];
            if (dj == 0) continue;
            moved = true;
            int end = ptr[j + 1];
            for (int t = ptr[j]; t < end; t++) _q[idx[t]] += dj * val[t];
            _touched += end - ptr[j];
        }
        if (!moved) return Stalled();
        if (_deltaB != 0) for (int i = 0; i < _n; i++) _q[i] += _deltaB;

        double beta = IsSquared ? 1.0 : LineSearch();
        if (beta == 0) return Stalled();
        if (double.IsNaN(beta)) return StepOutcome.LineSearchFailed;
        // Check the step before taking it, so a non-finite outcome leaves the last finite point in place.
        bool changed = beta * _deltaB + _b != _b;
        for (int k = 0; k < ws.Length; k++)
        {
            int j = ws[k];
            double next = _w[j] + beta * _delta[j];
            if (!double.IsFinite(next)) return StepOutcome.NonFinite;
            changed |= next != _w[j];
        }
        if (!double.IsFinite(_b + beta * _deltaB)) return StepOutcome.NonFinite;
        for (int i = 0; i < _n; i++)
            if (!double.IsFinite(_z[i] + beta * _q[i])) return StepOutcome.NonFinite;
        if (!changed) return Stalled();
        _stalled = 0;
        _moves++;
        _dataFresh = false;
        for (int k = 0; k < ws.Length; k++)
        {
            int j = ws[k];
            _w[j] += beta * _delta[j];
        }
        _b += beta * _deltaB;
        for (int i = 0; i < _n; i++)
        {
            _z[i] += beta * _q[i];
            _d[i] = _loss.Derivative(_y[i], _z[i]);
        }
        if (!IsSquared && _trialAccepted) (_lossSum, _lossAt) = (_trialLoss, _moves);
        return StepOutcome.Continue;
    }

    /// <summary>
    /// An outer iteration that left the point unchanged. The next one sees the same point, so after a few (the working
    /// set may grow in between) the run ends with <see cref="StepOutcome.NoProgress"/>.
    /// </summary>
    private StepOutcome Stalled() => ++_stalled >= 3 ? StepOutcome.NoProgress : StepOutcome.Continue;

    /// <summary>
    /// The quadratic model at the current point: s = a⊙ℓ′(z) (its gradient residual at δ = 0), h = a⊙ℓ″(z) and the
    /// diagonal H_jj = Σh_i x_ij² + μ on the working set (newGLMNET, Yuan, Ho &amp; Lin 2012). The squared loss keeps
    /// h = a and H_jj = Σa_i x_ij² + μ from the start: its model is the objective itself. With <paramref name="gram"/>
    /// the data part of the model gradient, r = X_wsᵀs (and Σs_i last), is stored into <paramref name="modelGradient"/>
    /// for <see cref="SolveGram"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void BuildModel(bool gram, Span<double> modelGradient)
    {
        ReadOnlySpan<int> ws = _set.Members;
        for (int i = 0; i < _n; i++) _s[i] = _a[i] * _d[i];
        if (!IsSquared)
            for (int i = 0; i < _n; i++) _h[i] = _a[i] * _loss.SecondDerivative(_y[i], _z[i]);
        ReadOnlySpan<int> ptr = _x.ColumnPointers, idx = _x.RowIndices;
        ReadOnlySpan<double> val = _x.Values;
        double floorScale = double.IsFinite(_smooth) ? _smooth : 1.0;
        ReadOnlySpan<double> colSq = _columns.SquaredNorms;
        for (int k = 0; k < ws.Length; k++)
        {
            int j = ws[k];
            _delta[j] = 0;
            if (IsSquared && !gram) continue;
            // g starts from μw_j as before; r, the data part alone, is what the Gram engine updates.
            double h = _mu, g = _mu * _w[j], r = 0;
            int end = ptr[j + 1];
            if (IsSquared)
            {
                if (_dataFresh) r = _data[j];   // the gradient's data part at this very point
                else
                    for (int t = ptr[j]; t < end; t++) r += _s[idx[t]] * val[t];
            }
            else
                for (int t = ptr[j]; t < end; t++)
                {
                    int i = idx[t];
                    double v = val[t], sv = _s[i] * v;
                    h += _h[i] * v * v;
                    g += sv;
                    r += sv;
                }
            _touched += end - ptr[j];
            if (gram) modelGradient[k] = r;
            if (IsSquared) continue;
            // A tiny floor (newGLMNET adds 1e-12) keeps a flat direction from giving an infinite step.
            _hjj[j] = Math.Max(h, 1e-12 * (floorScale * colSq[j] + _mu));
            _g[j] = g;
        }
        _deltaB = 0;
        if (_intercept)
        {
            double hb = 0, gb = 0;
            for (int i = 0; i < _n; i++) { hb += _h[i]; gb += _s[i]; }
            _hb = Math.Max(hb, 1e-12 * floorScale);
            _gb = gb;
            if (gram) modelGradient[ws.Length] = gb;
        }
    }

    /// <summary>
    /// Armijo backtracking on F along (δ, δ_b) from β = 1 (Tseng &amp; Yun 2009; newGLMNET): accept when
    /// F(w + βδ) − F(w) ≤ σβΔ with Δ = ∇fᵀδ + R(w + δ) − R(w) &lt; 0. Returns β, 0 when there is no descent left to
    /// rounding, NaN when no step is accepted.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double LineSearch()
    {
        ReadOnlySpan<int> ws = _set.Members;
        double model = _gb * _deltaB;
        double f0 = 0;
        for (int k = 0; k < ws.Length; k++)
        {
            int j = ws[k];
            double wj = _w[j], dj = _delta[j];
            if (dj == 0) continue;
            model += _g[j] * dj + _reg.ValueCoordinate(wj + dj, j) - _reg.ValueCoordinate(wj, j);
            f0 += 0.5 * _mu * wj * wj + _reg.ValueCoordinate(wj, j);
        }
        // The loss at the current scores: the accepted trial value of the last step when nothing moved since (the same
        // sum of the same numbers, so bit-identical), else summed afresh.
        double loss0 = 0;
        if (_lossAt == _moves) loss0 = _lossSum;
        else
            for (int i = 0; i < _n; i++) loss0 += _a[i] * _loss.Value(_y[i], _z[i]);
        f0 += loss0;
        _trialAccepted = false;
        double roundoff = 1e-15 * (Math.Abs(loss0) + Math.Abs(f0 - loss0)) * Math.Sqrt(_n);
        // A predicted change below the rounding of F cannot be checked (nor can its sign: R(w + δ) − R(w) is a
        // difference of nearly equal numbers). The inner solve only takes model-decreasing steps and near the optimum
        // the model is accurate, so the full step is taken: it still lowers the KKT violation, to which the gap (with
        // its dual rescaling by ‖c‖∞/λ) is sensitive when λ is small.
        if (Math.Abs(model) <= roundoff) return 1;
        if (!(model < 0)) return 0;

        double beta = 1;
        for (int trial = 0; trial < 60; trial++, beta *= 0.5)
        {
            double f = 0;
            for (int i = 0; i < _n; i++) f += _a[i] * _loss.Value(_y[i], _z[i] + beta * _q[i]);
            _trialLoss = f;
            for (int k = 0; k < ws.Length; k++)
            {
                int j = ws[k];
                double dj = _delta[j];
                if (dj == 0) continue;
                double v = _w[j] + beta * dj;
                f += 0.5 * _mu * v * v + _reg.ValueCoordinate(v, j);
            }
            // Below rounding the comparison is noise: at a point this flat the step is as good as any.
            if (f - f0 <= ArmijoFraction * beta * model || (Math.Abs(f - f0) <= roundoff && -beta * model <= roundoff))
            {
                _trialAccepted = true;
                return beta;
            }
        }
        return double.NaN;
    }
}
