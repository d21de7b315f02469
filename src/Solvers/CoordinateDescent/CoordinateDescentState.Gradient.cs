using System.Runtime.CompilerServices;
using OptSuite.Objectives;
namespace OptSuite.Solvers;

public sealed partial class CoordinateDescentState<TLoss, TReg>
{
    /// <summary>g_j = Σ a_i ℓ′(z_i) x_ij + μ w_j on unscreened coordinates (0 on screened ones), and the largest KKT violation.</summary>
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
        // Screened coordinates keep the g_j = c_j = 0 that Screen set.
        // Columns storing all n rows (dense data kept in CSC, such as microarrays) go four to a kernel call, the others
        // one by one; each column's sums are the same either way, and the maxima do not depend on the order.
        bool blocks = _x.HasSortedIndices;
        Span<int> pending = stackalloc int[4], starts = stackalloc int[4];
        Span<double> sums = stackalloc double[4], magnitudes = stackalloc double[4];
        int waiting = 0;
        foreach (int j in _restricted ? _set.Strong : _set.Unscreened)
        {
            int start = ptr[j], length = ptr[j + 1] - start;
            if (blocks && length == _n)
            {
                pending[waiting] = j;
                starts[waiting++] = start;
                if (waiting < 4) continue;
                ColumnKernels.DenseDotAndMagnitude4(s, val, starts, sums, magnitudes);
                for (int k = 0; k < 4; k++) Record(pending[k], sums[k], magnitudes[k], correlations, ref kkt, ref noise);
                waiting = 0;
                continue;
            }
            var (data, column) = ColumnKernels.DotAndMagnitude(s, idx.Slice(start, length), val.Slice(start, length));
            Record(j, data, column, correlations, ref kkt, ref noise);
        }
        for (int k = 0; k < waiting; k++)
        {
            int start = starts[k];
            var (data, column) = ColumnKernels.DotAndMagnitude(s, idx.Slice(start, _n), val.Slice(start, _n));
            Record(pending[k], data, column, correlations, ref kkt, ref noise);
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
        if (_restricted) _touched += _set.StrongEntries;
        else
        {
            _touched += _nnz - _set.ScreenedEntries;
            _fullPasses++;
        }
    }

    /// <summary>Stores coordinate j's gradient from its data part and raises the KKT violation and the rounding scale.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Record(int j, double data, double column, bool correlations, ref double kkt, ref double noise)
    {
        double ridge = _mu * _w[j], magnitude = Math.Abs(ridge) + column;
        if (correlations) _c[j] = data;
        _data[j] = data;
        double g = ridge + data;
        _g[j] = g;
        noise = Math.Max(noise, magnitude);
        kkt = Math.Max(kkt, _reg.SubdifferentialDistance(_w[j], g, j));
    }

    /// <summary>
    /// The duality gap at the current point and the dual correlations c (into <c>_c</c>), over the unscreened features
    /// only: a screened feature is 0 at every optimum, so the gap of the reduced problem certifies the point as the full
    /// one does, without reading the screened columns (most of them on a path). Without an intercept the dual point is
    /// a⊙ℓ′(y, z) itself and c is the data part of the gradient just computed; with one and a shifted dual point (the
    /// squared loss) c is that minus m·k, m = Σ a_i ℓ′_i: no pass at all in either case.
    /// </summary>
    private double Gap(out double value)
    {
        if (_shiftDual)
        {
            double m = _gb;
            ReadOnlySpan<double> sums = _columns.Sums;
            foreach (int j in _restricted ? _set.Strong : _set.Unscreened) _c[j] -= m * sums[j];
        }
        else if (_intercept)
        {
            _objective.WeightedDualPoint(_z, _dual);
            Correlations(_dual);
        }
        // Outside the list w_j = 0 and c_j = 0, so the gap sums over the list alone (SeparableDualityGap says why it
        // stays a certificate): O(n + |list|) instead of O(n + p).
        double gap = _objective.DualityGapFromCorrelations(_packed, _z, _c, _restricted ? _set.Strong : _set.Unscreened, out value);
        // Screened features enter every gap with c_j = 0; the projection of unpenalised coordinates moved them.
        if (_objective.RewritesCorrelations)
        {
            foreach (int j in _set.ScreenedList) _c[j] = 0;
            if (_restricted) _set.ClearOutsideStrong(_c);
        }
        return gap;
    }

    /// <summary>c_j = Σ_i u_i x_ij on unscreened columns (screened ones stay at the 0 <see cref="Screen"/> set).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Correlations(ReadOnlySpan<double> u)
    {
        ReadOnlySpan<int> ptr = _x.ColumnPointers, idx = _x.RowIndices;
        ReadOnlySpan<double> val = _x.Values;
        foreach (int j in _restricted ? _set.Strong : _set.Unscreened) _c[j] = ColumnKernels.Dot(u, idx[ptr[j]..ptr[j + 1]], val[ptr[j]..ptr[j + 1]]);
        _touched += _restricted ? _set.StrongEntries : _nnz - _set.ScreenedEntries;
    }

    /// <summary>
    /// Gap-safe screening (<see cref="WorkingSet{TReg}.Screen"/>) from the gap just computed and its correlations; the
    /// removed coordinates that were not at 0 are set to 0 here, with their scores, and their gradient and dual
    /// correlations to 0 once and for all (the passes over the unscreened list no longer visit them).
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
            _g[j] = _c[j] = 0;
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
    private void SelectWorkingSet() => _set.Select(_w, _g, _c, _gapFresh, _kkt, _outer == 0 || _restricted);
}
