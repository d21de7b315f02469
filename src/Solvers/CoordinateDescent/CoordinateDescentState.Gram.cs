using System.Runtime.CompilerServices;
namespace OptSuite.Solvers;

public sealed partial class CoordinateDescentState<TLoss, TReg>
{
    /// <summary>
    /// <see cref="SolveModel"/> on the Gram matrix of the working set (<see cref="GramEngine"/>): the model gradient
    /// r = Xᵀ(s + h⊙Xδ) over the working set (and the intercept, last) is kept as a vector and a change Δ of coordinate
    /// k adds Δ·G_k, O(|ws|) instead of two passes over column k (Friedman, Hastie &amp; Tibshirani 2010, §2.2
    /// "covariance updates"). Same sweeps, same stopping rule and same visiting order (Random shuffles positions with
    /// the same draws) as the residual engine.
    /// </summary>
    /// <remarks>
    /// With an intercept the model's δ_b is eliminated exactly (glmnet centres the columns for the same reason): the
    /// solve starts with the intercept's exact step, so the model gradient's intercept entry r_b is zero; G's
    /// coordinate block is replaced by its Schur complement S = G_ww − c cᵀ/G_bb (c = G_wb, the h-weighted column sums),
    /// which is the Gram matrix of the h-centred columns; each coordinate then moves with curvature S_jj + μ while δ_b
    /// follows it (−Δ·c_j/G_bb), keeping r_b at zero. Coordinate descent on uncentred columns with the intercept as one
    /// more coordinate converges at the rate of the columns' means against their spread: raw cal_housing (longitude
    /// ≈ −120 ± 2) ran its lasso path 14 points short after 10⁴ outer iterations each.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SolveGram(double tolerance)
    {
        bool centred = _intercept && _gram.Centre(_mu, ref _deltaB);
        _anderson?.Reset(_set.Count);
        if (_options.Order == CoordinateOrder.Greedy) SolveGramGreedy(tolerance, centred);
        else Sweeps(new GramSweep(this, centred), tolerance, centred);
        if (centred) _deltaB -= _gram.CentredInterceptShift;
    }

    /// <summary>The Gram engine's steps: positions in a visiting order over the working set, O(|ws|) per step.</summary>
    private readonly struct GramSweep(CoordinateDescentState<TLoss, TReg> s, bool centred) : IModelEngine
    {
        public int Count => s._set.Count;
        public int Feature(int t) => s._set[s._gram.Position(t)];
        public void Shuffle() => s._gram.Shuffle(s._rng);
        public double Update(int t, ref double violation) => s.UpdateGramCoordinate(s._gram.Position(t), centred, ref violation);
        public double UpdateIntercept(ref double violation) => s.UpdateGramIntercept(ref violation);
        public bool Extrapolates => s._anderson is not null && (centred || !s._intercept);
        public bool Extrapolate() => s.ExtrapolateGram(centred);
    }

    /// <summary>Room for the extrapolated point, its displacement and its model gradient over <paramref name="m"/>
    /// working-set coordinates (and the intercept), grown by doubling.</summary>
    private void EnsureExtrapolationBuffers(int m)
    {
        if (_extrapolated.Length >= m + 1) return;
        int size = Math.Min(_p + 1, Math.Max(m + 1, 2 * _extrapolated.Length));
        _extrapolated = new double[size];
        _displacement = new double[size];
        _displacedGradient = new double[size];
    }

    /// <summary>
    /// Anderson extrapolation of the Gram sweeps (<see cref="AndersonExtrapolation"/>): records δ on the working set and,
    /// when the window is full, evaluates the model at the extrapolated point from the gradient there (r + G·Δ, one
    /// O(|ws|·k) product) and moves to it when the model decreases. Off when the intercept is a coordinate of the sweep
    /// (not eliminated), since δ_b would have to be extrapolated as well.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ExtrapolateGram(bool centred)
    {
        if (_anderson is null || (_intercept && !centred)) return false;   // see Extrapolates
        ReadOnlySpan<int> ws = _set.Members;
        int m = ws.Length;
        Span<double> slot = _anderson.Next;
        for (int pos = 0; pos < m; pos++) slot[pos] = _delta[ws[pos]];
        if (!_anderson.Push()) return false;
        EnsureExtrapolationBuffers(m);
        Span<double> point = _extrapolated, change = _displacement, gradient = _displacedGradient;
        if (!_anderson.Extrapolate(point)) return false;
        double decrease = 0;
        for (int pos = 0; pos < m; pos++)
        {
            int j = ws[pos];
            double from = _w[j] + _delta[j], to = _w[j] + point[pos];
            change[pos] = point[pos] - _delta[j];
            decrease += 0.5 * _mu * (to * to - from * from) + _reg.ValueCoordinate(to, j) - _reg.ValueCoordinate(from, j);
        }
        _gram.Displaced(change, gradient);
        // The smooth part of the model is quadratic: its change along Δ is ½(r + r_Δ)ᵀΔ exactly.
        for (int pos = 0; pos < m; pos++) decrease += 0.5 * (_gram.Gradient(pos) + gradient[pos]) * change[pos];
        if (!(decrease < 0)) return false;
        for (int pos = 0; pos < m; pos++) _delta[ws[pos]] = point[pos];
        _gram.MoveAll(change, gradient);
        return true;
    }

    /// <summary>
    /// <see cref="CoordinateOrder.Greedy"/>: each step scans the working set for the largest violation (the stopping
    /// measure) and the largest exact step |Δ_j|·√H_jj (the rule), then takes that step; O(|ws|) per scan, like the
    /// covariance update that follows. At most MaxInnerSweeps·|ws| steps; every |ws| steps count as one sweep.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SolveGramGreedy(double tolerance, bool centred)
    {
        ReadOnlySpan<int> ws = _set.Members;
        int m = ws.Length;
        long limit = (long)_options.MaxInnerSweeps * Math.Max(m, 1);
        for (long step = 0; step < limit; step++)
        {
            double violation = 0, best = 0;
            int pick = -1;
            for (int pos = 0; pos < m; pos++)
            {
                int j = ws[pos];
                double current = _w[j] + _delta[j];
                double g = _mu * current + _gram.Gradient(pos);
                violation = Math.Max(violation, _reg.SubdifferentialDistance(current, g, j));
                double h = centred ? _gram.CentredCurvature(pos) : _hjj[j];
                if (!(h > 0)) continue;
                double score = Math.Abs(_reg.ProxCoordinate(current - g / h, 1.0 / h, j) - current) * Math.Sqrt(h);
                if (score > best) { best = score; pick = pos; }
            }
            if (_intercept && !centred) violation = Math.Max(violation, Math.Abs(_gram.InterceptGradient));
            if (step % Math.Max(m, 1) == 0) _sweeps++;
            if (violation <= tolerance) return;
            double ignored = 0, moved = 0;
            if (pick >= 0) moved = UpdateGramCoordinate(pick, centred, ref ignored);
            if (_intercept && !centred) moved = Math.Max(moved, UpdateGramIntercept(ref ignored));
            if (moved == 0) return;
        }
    }

    /// <summary>The exact step of the coordinate at working-set position <paramref name="pos"/> from the Gram model gradient.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double UpdateGramCoordinate(int pos, bool centred, ref double violation)
    {
        int j = _set[pos];
        _visits++;
        double current = _w[j] + _delta[j];
        double g = _mu * current + _gram.Gradient(pos);
        double hjj = centred ? _gram.CentredCurvature(pos) : _hjj[j];
        double change = ExactStep(j, current, g, hjj, ref violation);
        if (change == 0) return 0;
        _gram.Move(pos, change);
        return Math.Abs(change) * Math.Sqrt(hjj);
    }

    /// <summary>The intercept's exact step when it is a coordinate of the Gram sweep (not eliminated).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double UpdateGramIntercept(ref double violation)
    {
        double g = _gram.InterceptGradient;
        violation = Math.Max(violation, Math.Abs(g));
        double change = -g / _hb;
        if (change == 0 || !double.IsFinite(change)) return 0;
        _deltaB += change;
        _gram.MoveIntercept(change);
        return Math.Abs(change) * Math.Sqrt(_hb);
    }
}
