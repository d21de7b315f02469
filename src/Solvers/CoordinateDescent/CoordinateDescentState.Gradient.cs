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
        ReadOnlySpan<bool> screened = _set.Screened;
        for (int j = 0; j < _p; j++)
        {
            if (screened[j])
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
        _touched += _nnz - _set.ScreenedEntries;
    }

    /// <summary>
    /// Gap-safe screening (<see cref="WorkingSet{TReg}.Screen"/>) from the gap just computed and its correlations; the
    /// removed coordinates that were not at 0 are set to 0 here, with their scores.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Screen(double gap, double value)
    {
        ReadOnlySpan<int> removed = _set.Screen(gap, value, _c);
        if (removed.IsEmpty) return;
        ReadOnlySpan<int> ptr = _x.ColumnPointers, idx = _x.RowIndices;
        ReadOnlySpan<double> val = _x.Values;
        foreach (int j in removed)
        {
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

    /// <summary>The working set of the next model (<see cref="WorkingSet{TReg}.Select"/>) from the last gradient.</summary>
    private void SelectWorkingSet() => _set.Select(_w, _g, _c, _gapFresh, _kkt, _outer == 0);
}
