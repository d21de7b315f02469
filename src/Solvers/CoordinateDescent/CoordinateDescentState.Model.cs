using System.Runtime.CompilerServices;
namespace OptSuite.Solvers;

public sealed partial class CoordinateDescentState<TLoss, TReg>
{
    /// <summary>
    /// Coordinate descent on the model q(δ) = Σ_i s_i(Xδ)_i + ½Σ_i h_i(Xδ)_i² + (μ/2)‖w + δ‖² + R(w + δ) over the working
    /// set (and the intercept), keeping s_i + h_i(Xδ)_i up to date so one coordinate costs two passes over its column.
    /// Stops when the largest coordinate violation seen in a sweep is at most <paramref name="tolerance"/>. Between
    /// full sweeps the non-zero coordinates are swept until their changes settle (glmnet's active-set cycling).
    /// </summary>
    /// <remarks>
    /// With an intercept, δ_b is eliminated exactly instead of being one more coordinate (glmnet centres the columns
    /// for this): it starts at its exact step −Σs_i/Σh_i and then follows every coordinate change Δ_j by −Δ_j·c_j/Σh_i
    /// (c_j = Σh_i x_ij), which keeps the model's intercept derivative at zero. The coordinate then sees the gradient of
    /// the h-centred column, Σs_i x_ij + δ_b c_j, and the curvature of the centred column, H_jj − c_j²/Σh_i, and the
    /// residual engine never pays the O(n) passes of intercept updates. Uncentred columns with large means (raw
    /// cal_housing, longitude ≈ −120 ± 2) made the intercept-as-coordinate iteration crawl.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SolveModel(double tolerance)
    {
        bool centred = _intercept && CentreModel();
        Sweeps(new ResidualSweep(this, centred), tolerance, centred);
        if (_options.Order == CoordinateOrder.Random) _set.Sort();
    }

    /// <summary>One model solve's coordinate steps, as <see cref="Sweeps"/> drives them (a struct, so the calls inline).</summary>
    private interface IModelEngine
    {
        /// <summary>Coordinates in the working set.</summary>
        int Count { get; }

        /// <summary>The feature visited t-th in the current order.</summary>
        int Feature(int t);

        /// <summary>A fresh random visiting order (the same draws in every engine).</summary>
        void Shuffle();

        /// <summary>The exact step of the t-th coordinate; returns |Δ|·√H and raises the violation seen.</summary>
        double Update(int t, ref double violation);

        /// <summary>The intercept's exact step when it is a coordinate (not eliminated).</summary>
        double UpdateIntercept(ref double violation);

        /// <summary>Whether <see cref="Extrapolate"/> is on for this solve (it then replaces active-set cycling).</summary>
        bool Extrapolates { get; }

        /// <summary>After a full sweep: records the iterate and, every few sweeps, moves to an extrapolated point when it
        /// lowers the model (Anderson); true when it moved.</summary>
        bool Extrapolate();
    }

    /// <summary>The residual engine: coordinates in working-set order, two passes over a column per step.</summary>
    private readonly struct ResidualSweep(CoordinateDescentState<TLoss, TReg> s, bool centred) : IModelEngine
    {
        public int Count => s._set.Count;
        public int Feature(int t) => s._set[t];
        public void Shuffle() => s._set.Shuffle(s._rng);
        public double Update(int t, ref double violation) => s.UpdateModelCoordinate(s._set[t], centred, ref violation);
        public double UpdateIntercept(ref double violation) => s.UpdateModelIntercept(ref violation);
        public bool Extrapolates => false;
        public bool Extrapolate() => false;
    }

    /// <summary>
    /// Sweeps of exact coordinate steps until the largest violation seen in a sweep is within
    /// <paramref name="tolerance"/> (or nothing moves); between full sweeps the non-zero coordinates are swept until
    /// their changes settle (glmnet's active-set cycling). The intercept is a coordinate only when not eliminated.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Sweeps<TEngine>(TEngine engine, double tolerance, bool centred) where TEngine : struct, IModelEngine
    {
        bool interceptStep = _intercept && !centred;
        for (int sweep = 0; sweep < _options.MaxInnerSweeps; sweep++)
        {
            if (_options.Order == CoordinateOrder.Random) engine.Shuffle();
            int m = engine.Count;
            double violation = 0, largest = 0;
            for (int t = 0; t < m; t++) largest = Math.Max(largest, engine.Update(t, ref violation));
            if (interceptStep) largest = Math.Max(largest, engine.UpdateIntercept(ref violation));
            _sweeps++;
            if (violation <= tolerance || largest == 0) break;
            // Extrapolation and active-set cycling are two accelerations of the same sweeps; with both, the cycles between
            // full sweeps leave Anderson too few iterates (a leukemia lasso path: 750k coordinate updates with cycling
            // alone, 520k with both, 115k with extrapolation alone).
            if (engine.Extrapolate() || engine.Extrapolates || !_options.ActiveSetCycling) continue;
            double ignored = 0;
            for (int cycle = 0; cycle < 50; cycle++)
            {
                double change = 0;
                for (int t = 0; t < m; t++)
                {
                    int j = engine.Feature(t);
                    if (_w[j] + _delta[j] != 0) change = Math.Max(change, engine.Update(t, ref ignored));
                }
                if (interceptStep) change = Math.Max(change, engine.UpdateIntercept(ref ignored));
                if (change <= 0.05 * largest) break;
            }
        }
    }

    /// <summary>
    /// The exact minimisation of the model along coordinate j from its partial derivative <paramref name="g"/> and
    /// curvature <paramref name="h"/>: raises the violation seen, records the change in δ and returns it (0 when the
    /// coordinate has no curvature or does not move). Shared by both engines.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double ExactStep(int j, double current, double g, double h, ref double violation)
    {
        violation = Math.Max(violation, _reg.SubdifferentialDistance(current, g, j));
        if (!(h > 0)) return 0;
        double change = _reg.ProxCoordinate(current - g / h, 1.0 / h, j) - current;
        if (change == 0) return 0;
        _delta[j] += change;
        _updates++;
        return change;
    }

    /// <summary>
    /// The centred model (see <see cref="SolveModel"/>): δ_b's exact step, c_j = Σh_i x_ij and the centred curvatures
    /// on the working set. False when Σh_i is not a usable pivot (the intercept is then a coordinate as before).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool CentreModel()
    {
        double hb = _hb;
        if (!(hb > 0) || !double.IsFinite(hb)) return false;
        ReadOnlySpan<int> ptr = _x.ColumnPointers, idx = _x.RowIndices;
        ReadOnlySpan<double> val = _x.Values;
        bool uniform = IsSquared && _uniform;
        ReadOnlySpan<int> ws = _set.Members;
        for (int k = 0; k < ws.Length; k++)
        {
            int j = ws[k], end = ptr[j + 1];
            double c = 0;
            if (uniform)
            {
                for (int t = ptr[j]; t < end; t++) c += val[t];
                c *= _uniformWeight;
            }
            else
                for (int t = ptr[j]; t < end; t++) c += _h[idx[t]] * val[t];
            _touched += end - ptr[j];
            _hcol[j] = c;
            // Rounding can leave a column in the intercept's span (a constant column) with no centred curvature.
            double centredCurvature = _hjj[j] - c * c / hb;
            _hcentred[j] = centredCurvature > 1e-12 * _hjj[j] ? centredCurvature : _mu;
        }
        double start = -_gb / hb;
        _deltaB = double.IsFinite(start) ? start : 0;
        return true;
    }

    /// <summary>One exact coordinate minimisation of the model; returns |Δ|·√H_jj and raises the violation seen.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double UpdateModelCoordinate(int j, bool centred, ref double violation)
    {
        ReadOnlySpan<int> ptr = _x.ColumnPointers, idx = _x.RowIndices;
        ReadOnlySpan<double> val = _x.Values;
        int start = ptr[j], end = ptr[j + 1];
        _visits++;
        double[] s = _s;
        double current = _w[j] + _delta[j];
        double g = _mu * current;
        for (int t = start; t < end; t++) g += s[idx[t]] * val[t];
        if (centred) g += _deltaB * _hcol[j];
        _touched += end - start;
        double hjj = centred ? _hcentred[j] : _hjj[j];
        double change = ExactStep(j, current, g, hjj, ref violation);
        if (change == 0) return 0;
        if (centred) _deltaB -= change * _hcol[j] / _hb;
        _touched += end - start;
        if (IsSquared && _uniform)
        {
            double step = change * _uniformWeight;
            for (int t = start; t < end; t++) s[idx[t]] += step * val[t];
        }
        else
        {
            double[] h = _h;
            for (int t = start; t < end; t++)
            {
                int i = idx[t];
                s[i] += h[i] * val[t] * change;
            }
        }
        return Math.Abs(change) * Math.Sqrt(hjj);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double UpdateModelIntercept(ref double violation)
    {
        double g = 0;
        for (int i = 0; i < _n; i++) g += _s[i];
        violation = Math.Max(violation, Math.Abs(g));
        double change = -g / _hb;
        if (change == 0 || !double.IsFinite(change)) return 0;
        _deltaB += change;
        if (IsSquared && _uniform)
        {
            double step = change * _uniformWeight;
            for (int i = 0; i < _n; i++) _s[i] += step;
        }
        else
        {
            for (int i = 0; i < _n; i++) _s[i] += _h[i] * change;
        }
        return Math.Abs(change) * Math.Sqrt(_hb);
    }
}
