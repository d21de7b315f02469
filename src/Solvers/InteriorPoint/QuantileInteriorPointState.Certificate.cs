namespace OptSuite.Solvers;

internal sealed partial class QuantileInteriorPointState
{
    private double _primal = double.NaN, _dual = double.NaN;

    /// <summary>
    /// Certifies the current point: F(x) minus the dual value of a feasible point built from z (see
    /// <see cref="QuantileInteriorPoint"/>), relative to |F(x)|.
    /// </summary>
    public bool HasConverged(double tolerance)
    {
        Certify();
        return Criterion <= tolerance;
    }

    public double Objective()
    {
        if (double.IsNaN(_primal)) Certify();
        return _primal / _n;
    }

    public double DualityGap()
    {
        if (double.IsNaN(_primal)) Certify();
        return (_primal - _dual) / _n;
    }

    private void Certify()
    {
        _certificates++;
        Residuals();
        double primal = 0, floor = 0;
        for (int i = 0; i < _n; i++)
        {
            double r = _res[i];
            primal += _omega[i] * (r > 0 ? _tau * r : (_tau - 1) * r);
            double y = _y[i];
            floor += _omega[i] * (y > 0 ? _tau * y : (_tau - 1) * y);
        }
        for (int j = 0; j < _p; j++) primal += _lambda[j] * Math.Abs(_xv[j]) + 0.5 * _mu * _xv[j] * _xv[j];
        _primal = primal;
        _dual = _mu > 0 ? RidgeDual() : LinearProgramDual();
        double gap = Math.Max(_primal - _dual, 0);
        // Relative to |F|, floored at the rounding level of the zero model's loss (F = 0 when the data are interpolated).
        double scale = Math.Max(Math.Abs(_primal), Math.Max(1e-15 * floor, double.Epsilon));
        Criterion = double.IsNaN(_dual) ? double.PositiveInfinity : gap / scale;
        if (Criterion < 0.9 * _best) { _best = Criterion; _sinceImprovement = 0; }
        else _sinceImprovement++;
    }

    /// <summary>
    /// μ &gt; 0: the dual max Σ y_i z_i − Σ_j (|(Xᵀz)_j| − λ_j)₊² / (2μ) over the box needs only Σz = 0 with an intercept,
    /// which shrinking the side in excess restores without leaving the box (each box holds 0).
    /// </summary>
    private double RidgeDual()
    {
        Span<double> z = _g;
        _z.CopyTo(z);
        if (_intercept) Balance(z);
        _x.ApplyTranspose(z, _xtz);
        double dual = 0;
        for (int i = 0; i < _n; i++) dual += _y[i] * z[i];
        for (int j = 0; j < _p; j++)
        {
            double excess = Math.Max(Math.Abs(_xtz[j]) - _lambda[j], 0);
            dual -= excess * excess / (2 * _mu);
        }
        return dual;
    }

    /// <summary>
    /// μ = 0: the dual of the linear program, max Σ y_i z_i over the box with |(Xᵀz)_j| ≤ λ_j (= 0 for unpenalised features)
    /// and Σz = 0. z is first projected onto the equalities Ãᵀz̃ = 0 in the D⁻¹-weighted norm with the last factor (an exact
    /// projection up to rounding, tiny near the optimum), then scaled by θ ∈ [0, 1] into the box and the |(Xᵀz)_j| ≤ λ_j
    /// bounds (θz stays feasible because 0 is). The equality residual e left by rounding enters as the Lagrangian term −eᵀx.
    /// </summary>
    private double LinearProgramDual()
    {
        if (!_factored) return double.NaN;
        Span<double> z = _g;
        _z.CopyTo(z);
        // t = Ãᵀz̃ = (Xᵀz + zp, Σz); v = M⁻¹t; z̃ −= D⁻¹Ãv (penalty rows are rebuilt from z below).
        _x.ApplyTranspose(z, _xtz);
        double sum = 0;
        for (int i = 0; i < _n; i++) sum += z[i];
        for (int j = 0; j < _p; j++) _rhs[j] = _xtz[j] + (_lambda[j] > 0 ? _zp[j] : 0);
        if (_intercept) _rhs[_p] = sum;
        _gram.Solve(_rhs, _dx);
        _x.Apply(_dx.AsSpan(0, _p), _xdw);
        double db = _intercept ? _dx[_p] : 0.0;
        double theta = 1;
        for (int i = 0; i < _n; i++)
        {
            z[i] -= _invD[i] * (_xdw[i] + db);
            double hi = _omega[i] * _tau, lo = _omega[i] * (_tau - 1);
            if (z[i] > hi) theta = Math.Min(theta, hi / z[i]);
            else if (z[i] < lo) theta = Math.Min(theta, lo / z[i]);
        }
        _x.ApplyTranspose(z, _xtz);
        sum = 0;
        double dual = 0;
        for (int i = 0; i < _n; i++) { sum += z[i]; dual += _y[i] * z[i]; }
        double residual = _intercept ? sum * B : 0;
        for (int j = 0; j < _p; j++)
        {
            double a = Math.Abs(_xtz[j]);
            if (_lambda[j] > 0) { if (a > _lambda[j]) theta = Math.Min(theta, _lambda[j] / a); }
            else residual += _xtz[j] * _xv[j];
        }
        // Weak duality F(x') ≥ θ(yᵀz − eᵀx') for every x'; e is at the rounding level here, so x' = x is used.
        return theta * (dual - residual);
    }

    /// <summary>
    /// An interior point approaches the analytic centre of the optimal face, so coefficients that are 0 at the optimum
    /// come out as ~1e-9 rather than 0 (a simplex method such as HiGHS returns the vertex). A penalised coordinate whose
    /// dual z_p,j stays clear of ±λ_j is 0 at every optimum (strict complementarity), whatever its current size, so all
    /// such coordinates are set to 0 first; if the certificate at that point misses <paramref name="tolerance"/> (z not yet
    /// accurate enough), only the negligible ones (≤ 1e-5 of the largest) are; if that fails too, the point is restored.
    /// Returns the number of coordinates zeroed. (The first rule matters when the optimum is w = 0 itself: gasoline NIR,
    /// 60 × 401, λ = 0.01, came back with 401 coefficients of ~1e-9 under the size rule alone.)
    /// </summary>
    public int ZeroInactiveCoefficients(double tolerance)
    {
        double largest = Vec.NormInf(_xv.AsSpan(0, _p));
        // Not _dx: the certificate of the linear program solves into it.
        Array.Copy(_xv, _backup, _q);
        for (int attempt = 0; attempt < 2; attempt++)
        {
            int zeroed = 0;
            for (int j = 0; j < _p; j++)
            {
                if (_lambda[j] == 0 || _xv[j] == 0) continue;
                if (Math.Abs(_zp[j]) < (1 - 1e-3) * _lambda[j] && (attempt == 0 || Math.Abs(_xv[j]) <= 1e-5 * largest))
                {
                    _xv[j] = 0;
                    zeroed++;
                }
            }
            if (zeroed == 0) continue;
            _x.Apply(_xv.AsSpan(0, _p), _xw);
            Certify();
            if (Criterion <= tolerance) return zeroed;
            Array.Copy(_backup, _xv, _q);
        }
        _x.Apply(_xv.AsSpan(0, _p), _xw);
        Certify();
        return 0;
    }

    /// <summary>Makes Σz = 0 by shrinking the side in excess towards 0.</summary>
    private static void Balance(Span<double> z)
    {
        double positive = 0, negative = 0;
        foreach (double v in z) { if (v > 0) positive += v; else negative -= v; }
        if (positive == negative || positive == 0 || negative == 0)
        {
            if (positive != negative) z.Clear();
            return;
        }
        if (positive > negative) { double f = negative / positive; for (int i = 0; i < z.Length; i++) if (z[i] > 0) z[i] *= f; }
        else { double f = positive / negative; for (int i = 0; i < z.Length; i++) if (z[i] < 0) z[i] *= f; }
    }

    public SolverResult ToResult(LoopOutcome outcome)
    {
        Certify();
        double? gap = double.IsNaN(_dual) ? null : Math.Max(_primal - _dual, 0) / _n;
        return outcome.ToResult(_xv.AsSpan(0, _p).ToArray(), _primal / _n, Criterion, gap, Counts, _intercept ? [_xv[_p]] : []);
    }
}
