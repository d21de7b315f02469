using System.Runtime.CompilerServices;
namespace OptSuite.Solvers;

public sealed partial class CoordinateDescentState<TLoss, TReg>
{
    /// <summary>g_j = Σ a_i ℓ′(z_i) x_ij + μ w_j on unscreened coordinates, and the largest KKT violation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ComputeGradient()
    {
        ReadOnlySpan<int> ptr = _x.ColumnPointers, idx = _x.RowIndices;
        ReadOnlySpan<double> val = _x.Values;
        double[] s = _s;
        for (int i = 0; i < _n; i++) s[i] = _a[i] * _d[i];
        double kkt = 0, noise = 0;
        // Without an intercept s is also the weighted dual point of the gap, so the data sums are its correlations (with
        // a shifted dual point they are once m·k is subtracted, see Gap).
        bool correlations = !_intercept || _shiftDual;
        for (int j = 0; j < _p; j++)
        {
            if (_screened[j])
            {
                _g[j] = 0;
                if (correlations) _c[j] = 0;
                continue;
            }
            int start = ptr[j], length = ptr[j + 1] - start;
            var (data, column) = ColumnKernels.DotAndMagnitude(s, idx.Slice(start, length), val.Slice(start, length));
            double ridge = _mu * _w[j], magnitude = Math.Abs(ridge) + column;
            if (correlations) _c[j] = data;
            _data[j] = data;
            double g = ridge + data;
            _g[j] = g;
            noise = Math.Max(noise, magnitude);
            kkt = Math.Max(kkt, _reg.SubdifferentialDistance(_w[j], g, j));
        }
        if (_intercept)
        {
            double gb = 0, magnitude = 0;
            for (int i = 0; i < _n; i++) { gb += s[i]; magnitude += Math.Abs(s[i]); }
            _gb = gb;
            noise = Math.Max(noise, magnitude);
            kkt = Math.Max(kkt, Math.Abs(gb));
        }
        _kkt = kkt;
        // A partial derivative summed in double precision is uncertain by about ε·Σ|terms| (times a modest factor for the
        // summation and for the drift of the incrementally maintained scores); no coordinate step can push the KKT
        // violation below that.
        _kktNoise = 64 * 1.1102230246251565e-16 * noise;
        _dataFresh = true;
        _gradients++;
        _touched += _nnz - _screenedNnz;
    }

    /// <summary>
    /// Gap-safe screening (Fercoq, Gramfort &amp; Salmon 2015; Ndiaye et al. 2017). The dual is (a_i/L_ℓ)-strongly
    /// concave, so ‖u − u*‖²_a ≤ 2L_ℓ·gap and |c_j − c*_j| ≤ √(Σa_i x_ij²)·√(2L_ℓ·gap) for c = Aᵀ(a⊙u)/s. When the
    /// whole interval c_j ± that radius keeps −c_j inside ∂r_j(0), every optimum has w_j = 0 and j is dropped for good.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Screen(double gap, double value)
    {
        if (!double.IsFinite(gap)) return;
        // Rounding in F − D is of the order of ε|F|; the margin keeps the test safe when the gap is that small.
        double radius = Math.Sqrt(2 * _smooth * (Math.Max(gap, 0) + 1e-13 * Math.Abs(value)));
        ReadOnlySpan<int> ptr = _x.ColumnPointers, idx = _x.RowIndices;
        ReadOnlySpan<double> val = _x.Values;
        for (int j = 0; j < _p; j++)
        {
            if (_screened[j]) continue;
            double r = radius * _colNorm[j] * (1 + 1e-9);
            if (_reg.SubdifferentialDistance(0, _c[j] + r, j) != 0 || _reg.SubdifferentialDistance(0, _c[j] - r, j) != 0) continue;
            _screened[j] = true;
            _screenedCount++;
            _screenedNnz += ptr[j + 1] - ptr[j];
            double wj = _w[j];
            if (wj == 0) continue;
            _w[j] = 0;
            _moves++;
            _dataFresh = false;
            for (int t = ptr[j]; t < ptr[j + 1]; t++)
            {
                int i = idx[t];
                _z[i] -= wj * val[t];
                _d[i] = _loss.Derivative(_y[i], _z[i]);
            }
        }
    }

    /// <summary>
    /// The coordinates the next model is minimised over. Without a weighted L1 penalty (or with working sets off):
    /// every unscreened coordinate. Otherwise celer's rule (Massias, Gramfort &amp; Salmon 2018): the non-zeros, every
    /// coordinate whose KKT violation exceeds a tenth of the largest, and the rest filled up to max(p₀, 2·nnz) with the
    /// zero coordinates whose dual constraint is closest to active, (λ_j − |c_j|)/‖x_j‖_a smallest first.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SelectWorkingSet()
    {
        for (int k = 0; k < _wsCount; k++) _inWs[_ws[k]] = false;
        _wsCount = 0;
        if (!_useWorkingSet)
        {
            for (int j = 0; j < _p; j++)
                if (!_screened[j]) Add(j);
            return;
        }
        bool hinted = _hint is not null && _outer == 0;
        double forced = 0.1 * _kkt;
        int nonzeros = 0;
        for (int j = 0; j < _p; j++)
        {
            if (_screened[j]) continue;
            if (_w[j] != 0) { nonzeros++; Add(j); }
            else if ((hinted && _hint![j]) || (_kkt > 0 && _reg.SubdifferentialDistance(0, _g[j], j) > forced)) Add(j);
        }
        int target = Math.Max(_options.InitialWorkingSetSize, 2 * nonzeros);
        int missing = target - _wsCount;
        if (missing > 0 && !hinted) Fill(missing);
        // Index order: cyclic sweeps follow the column layout, and runs are reproducible.
        _ws.AsSpan(0, _wsCount).Sort();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Fill(int missing)
    {

        int m = 0;
        for (int j = 0; j < _p; j++)
        {
            if (_screened[j] || _inWs[j]) continue;
            double cj = _gapFresh ? _c[j] : _g[j];
            _priority[m] = (_lambda![j] - Math.Abs(cj)) / _colNorm[j];
            _candidates[m++] = j;
        }
        if (m == 0) return;
        int take = Math.Min(missing, m);
        Selection.Smallest(_priority.AsSpan(0, m), _candidates.AsSpan(0, m), take);
        for (int k = 0; k < take; k++) Add(_candidates[k]);
    }

    private void Add(int j)
    {
        _inWs[j] = true;
        _ws[_wsCount++] = j;
    }
}
