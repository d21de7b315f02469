namespace OptSuite.Solvers;

/// <summary>What <see cref="TrustRegion"/> needs from a smooth objective: its value (and scores), gradient, a Jacobi
/// preconditioner and Hessian–vector products at the current point.</summary>
internal interface ITrustRegionModel
{
    /// <summary>F at <paramref name="x"/>; the model's scores there (z = Xw + b, one or k per sample) into <paramref name="z"/>.</summary>
    double Scores(ReadOnlySpan<double> x, Span<double> z);

    /// <summary>∇F and the preconditioner (the diagonal of H, positive) at <paramref name="x"/> with scores <paramref name="z"/>;
    /// the model keeps what <see cref="HessianTimes"/> needs at that point.</summary>
    void Gradient(ReadOnlySpan<double> x, ReadOnlySpan<double> z, Span<double> g, Span<double> m);

    /// <summary>H v at the point of the last <see cref="Gradient"/>.</summary>
    void HessianTimes(ReadOnlySpan<double> v, Span<double> hv);
}

/// <summary>
/// The trust-region Newton iteration shared by <see cref="TrustRegionNewtonState{TLoss}"/> and the multinomial state: Lin
/// &amp; Moré's (1999) radius updates from the ratio of actual to predicted reduction, as in TRON, and Steihaug's (1983)
/// preconditioned conjugate gradients on H s = −g inside ‖s‖_M ≤ radius. The model supplies F, ∇F, the preconditioner
/// M and Hessian–vector products; this type owns the point, the scores and every vector of the iteration.
/// </summary>
internal sealed class TrustRegion
{
    // Trust-region constants of Lin & Moré (1999), as in TRON.
    private const double Eta0 = 1e-4, Eta1 = 0.25, Eta2 = 0.75, Sigma1 = 0.25, Sigma2 = 0.5, Sigma3 = 4;

    private readonly ITrustRegionModel _model;
    private readonly TrustRegionNewtonOptions _options;
    private readonly int _dim;
    private readonly double[] _x, _trial, _g, _m, _s, _r, _d, _hd, _z, _zTrial;
    private double _value, _radius = double.NaN;
    private bool _stalled;
    private int _steps;

    /// <param name="model">The objective's pieces.</param>
    /// <param name="x">The starting point (owned from here on).</param>
    /// <param name="scores">Length of the scores vector (n, or n·k).</param>
    /// <param name="options">Validated options.</param>
    public TrustRegion(ITrustRegionModel model, double[] x, int scores, TrustRegionNewtonOptions options)
    {
        _model = model;
        _options = options;
        _dim = x.Length;
        _x = x;
        _trial = new double[_dim];
        _g = new double[_dim];
        _m = new double[_dim];
        _s = new double[_dim];
        _r = new double[_dim];
        _d = new double[_dim];
        _hd = new double[_dim];
        _z = new double[scores];
        _zTrial = new double[scores];
        _value = _model.Scores(_x, _z);
        Functions++;
        Gradient();
        NonFinite = !double.IsFinite(_value) || !Vec.AllFinite(_g);
    }

    /// <summary>The current point.</summary>
    public double[] X => _x;

    /// <summary>The trust region's radius (NaN before the first step).</summary>
    public double Radius => _radius;

    /// <summary>Steps taken.</summary>
    public int Steps => _steps;

    /// <summary>Continues from a saved point, radius and step count (a checkpoint): the value and gradient are evaluated there.</summary>
    public void Restart(ReadOnlySpan<double> x, double radius, int steps)
    {
        x.CopyTo(_x);
        _value = _model.Scores(_x, _z);
        Functions++;
        Gradient();
        _radius = radius;
        _steps = steps;
        _stalled = false;
    }

    /// <summary>The scores at the current point.</summary>
    public double[] Z => _z;

    /// <summary>F at the current point.</summary>
    public double Value => _value;

    /// <summary>Accepted steps so far (the point changes exactly then).</summary>
    public long Moves { get; private set; }

    /// <summary>Whether F or ∇F was not finite at the start.</summary>
    public bool NonFinite { get; }

    /// <summary>Function evaluations, gradients and Hessian–vector products so far.</summary>
    public long Functions { get; private set; }

    /// <inheritdoc cref="Functions"/>
    public long Gradients { get; private set; }

    /// <inheritdoc cref="Functions"/>
    public long HessianProducts { get; private set; }

    /// <summary>∇F at the current point.</summary>
    public ReadOnlySpan<double> CurrentGradient => _g;

    /// <summary>A vector of the solver's dimension that is free between steps (scratch for a duality gap).</summary>
    public Span<double> Scratch => _hd;

    /// <summary>∇F and M at the current point; an entry of M without curvature (the Huber loss beyond δ everywhere, an
    /// empty column) gets the largest entry, so the trust region bounds its steps as it does the others' instead of
    /// letting them run off.</summary>
    private void Gradient()
    {
        _model.Gradient(_x, _z, _g, _m);
        Gradients++;
        double scale = 0;
        for (int j = 0; j < _dim; j++) scale = Math.Max(scale, _m[j]);
        if (!(scale > 0) || !double.IsFinite(scale)) scale = 1;
        for (int j = 0; j < _dim; j++)
            if (!(_m[j] >= 1e-12 * scale)) _m[j] = scale;
    }

    /// <summary>
    /// The data part of a Jacobi preconditioner, m_jc = Σ_i t_ic x_ij² (t n×k and m p×k, row-major); false, with m
    /// untouched, where X is a caller's own <see cref="LinearAlgebra.ILinearMap"/> without entry access.
    /// </summary>
    public static bool WeightedColumnSquares(LinearAlgebra.ILinearMap data, ReadOnlySpan<double> t, int k, Span<double> m)
    {
        int n = data.Rows, p = data.Columns;
        switch (data)
        {
            case LinearAlgebra.CsrMatrix csr:
            {
                m[..(p * k)].Clear();
                ReadOnlySpan<int> ptr = csr.RowPointers, idx = csr.ColumnIndices;
                ReadOnlySpan<double> val = csr.Values;
                for (int i = 0; i < n; i++)
                    for (int e = ptr[i]; e < ptr[i + 1]; e++)
                        for (int c = 0; c < k; c++) m[idx[e] * k + c] += t[i * k + c] * val[e] * val[e];
                return true;
            }
            case LinearAlgebra.CscMatrix csc:
            {
                m[..(p * k)].Clear();
                ReadOnlySpan<int> ptr = csc.ColumnPointers, idx = csc.RowIndices;
                ReadOnlySpan<double> val = csc.Values;
                for (int j = 0; j < p; j++)
                    for (int e = ptr[j]; e < ptr[j + 1]; e++)
                        for (int c = 0; c < k; c++) m[j * k + c] += t[idx[e] * k + c] * val[e] * val[e];
                return true;
            }
            case LinearAlgebra.DenseMatrix dense:
            {
                m[..(p * k)].Clear();
                ReadOnlySpan<double> v = dense.Values;
                bool rowMajor = dense.Layout == LinearAlgebra.MatrixLayout.RowMajor;
                int ld = rowMajor ? dense.Columns : dense.Rows;
                for (int i = 0; i < n; i++)
                    for (int j = 0; j < p; j++)
                    {
                        double e = rowMajor ? v[i * ld + j] : v[j * ld + i];
                        for (int c = 0; c < k; c++) m[j * k + c] += t[i * k + c] * e * e;
                    }
                return true;
            }
            case LinearAlgebra.Distributed.DistributedRows distributed:
            {
                // This rank's rows, then one all-reduce of the p·k sums and a flag: where any rank's rows give no entry
                // access, every rank falls back alike.
                var part = new double[p * k + 1];
                bool ok = WeightedColumnSquares(distributed.Local, t, k, part.AsSpan(0, p * k));
                part[p * k] = ok ? 0 : 1;
                distributed.Communicator.AllReduceSum(part);
                if (part[p * k] > 0) return false;
                part.AsSpan(0, p * k).CopyTo(m);
                return true;
            }
            case LinearAlgebra.IRowBlockedMap blocked:
            {
                // One pass, block by block (the Jacobi preconditioner is worth a pass per Newton iteration: without
                // it CG takes several more passes).
                m[..(p * k)].Clear();
                var part = new double[p * k];
                foreach (var b in blocked.ReadBlocks())
                {
                    if (!WeightedColumnSquares(b.Rows, t.Slice(b.FirstRow * k, b.Rows.Rows * k), k, part)) return false;
                    System.Numerics.Tensors.TensorPrimitives.Add(m[..(p * k)], part, m[..(p * k)]);
                }
                return true;
            }
            default:
                return false;
        }
    }

    /// <summary>m_j ← <see cref="Mixed"/>(m_j, ridge, μ, α) for data curvatures m_j: LIBLINEAR's preconditioner
    /// (1 − α)·μ + α·diag(H)_j with diag(H)_j = m_j + ridge.</summary>
    public static void MixPreconditioner(Span<double> m, double ridge, double mu, double weight)
    {
        for (int j = 0; j < m.Length; j++) m[j] = Mixed(m[j], ridge, mu, weight);
    }

    /// <summary>(1 − α)·μ + α·(c + ridge) for a data curvature c and the coordinate's ridge (0 for an intercept).</summary>
    public static double Mixed(double curvature, double ridge, double mu, double weight) =>
        (1 - weight) * mu + weight * (curvature + ridge);

    private double NormM(ReadOnlySpan<double> v)
    {
        double s = 0;
        for (int j = 0; j < _dim; j++) s += _m[j] * v[j] * v[j];
        return Math.Sqrt(s);
    }

    /// <summary>One trust-region step: a conjugate-gradient solve, then the step taken or the region shrunk.</summary>
    public StepOutcome Step()
    {
        if (NonFinite) return StepOutcome.NonFinite;
        if (_stalled) return StepOutcome.NoProgress;
        _steps++;
        // ‖∇F‖ in the preconditioned metric; the first trust region is that long.
        double gNorm = 0;
        for (int j = 0; j < _dim; j++) gNorm += _g[j] * _g[j] / _m[j];
        gNorm = Math.Sqrt(gNorm);
        if (gNorm == 0) { _stalled = true; return StepOutcome.NoProgress; }
        if (double.IsNaN(_radius)) _radius = gNorm;

        bool boundary = ConjugateGradient(gNorm);
        double gs = Vec.Dot(_g, _s), predicted = -0.5 * (gs - Vec.Dot(_s, _r));
        for (int j = 0; j < _dim; j++) _trial[j] = _x[j] + _s[j];
        double fNew = _model.Scores(_trial, _zTrial);
        Functions++;
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
        else if (boundary) _radius *= Sigma3;   // a very good model cut short by the region: widen it (LIBLINEAR ≥ 2.20)
        else _radius = Math.Max(_radius, Math.Min(alpha * sNorm, Sigma3 * _radius));

        // The model never predicts an increase in exact arithmetic; a non-positive prediction is rounding and accepts nothing.
        if (predicted > 0 && actual > Eta0 * predicted && double.IsFinite(fNew))
        {
            _trial.CopyTo(_x, 0);
            _zTrial.CopyTo(_z, 0);
            _value = fNew;
            Moves++;
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
        for (int i = 0; i < _z.Length; i++) (_z[i], _zTrial[i]) = (_zTrial[i], _z[i]);
        _value = fNew;
        Gradient();
        double next = 0;
        for (int j = 0; j < _dim; j++) next += _g[j] * _g[j] / _m[j];
        if (Vec.AllFinite(_g) && Math.Sqrt(next) < gNorm)
        {
            Moves++;
            return true;
        }
        _d.CopyTo(_x, 0);
        for (int i = 0; i < _z.Length; i++) (_z[i], _zTrial[i]) = (_zTrial[i], _z[i]);
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
            _model.HessianTimes(_d, _hd);
            HessianProducts++;
            double dHd = Vec.Dot(_d, _hd);
            if (!(dHd > 0)) return ToBoundary();
            double step = rz / dHd;
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
}
