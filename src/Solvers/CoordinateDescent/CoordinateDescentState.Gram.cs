using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
namespace OptSuite.Solvers;

public sealed partial class CoordinateDescentState<TLoss, TReg>
{
    /// <summary>Largest Gram system (working set plus intercept) <see cref="GramMode.Auto"/> builds: 2,048² doubles = 32 MB.</summary>
    internal const int AutoGramLimit = 2048;

    /// <summary>Largest Gram system <see cref="GramMode.Always"/> builds (128 MB); larger working sets use the residual engine.</summary>
    internal const int AlwaysGramLimit = 4096;

    // Relative costs for Auto, in units of one indexed read-multiply-add of a stored data entry (the residual engine's
    // unit of work): a multiply-add of the register-tiled Gram kernel, and one of the contiguous model-gradient update.
    private const double GramFlopCost = 0.25, GramUpdateCost = 0.25;

    // Coordinate visits per working-set coordinate assumed for the first model solve (nothing measured yet).
    private const double FirstSolveSweeps = 4;

    private GramCache? _gram;
    private double[] _gc = [], _r = [], _gcol = [], _sdiag = [];
    private double _centredShift;
    private int[] _order = [];
    private long _visits, _gramSolves;
    private double _lastVisits, _lastUpdates;
    private int _lastWs;

    /// <summary>Model solves (outer iterations) that ran on the Gram matrix of the working set.</summary>
    public long GramSolves => _gramSolves;

    /// <summary>
    /// Whether the coming model solve should run on the Gram matrix: always for <see cref="GramMode.Always"/> (within
    /// <see cref="AlwaysGramLimit"/>); for <see cref="GramMode.Auto"/> when building (or extending) G plus the
    /// covariance updates is estimated to cost less than the residual engine's passes over the working-set columns.
    /// The work of the coming solve (coordinate visits and changes) is predicted from the last one.
    /// </summary>
    private bool ChooseGram()
    {
        if (_options.Gram == GramMode.Never || _wsCount == 0) return false;
        int m = _wsCount, k = m + (_intercept ? 1 : 0);
        if (_options.Gram == GramMode.Always || _options.Order == CoordinateOrder.Greedy) return k <= AlwaysGramLimit;
        if (k > AutoGramLimit) return false;
        ReadOnlySpan<int> ptr = _x.ColumnPointers;
        long nnz = 0;
        for (int t = 0; t < m; t++) nnz += ptr[_ws[t] + 1] - ptr[_ws[t]];
        if (nnz == 0) return false;
        double visits = _lastWs > 0 ? _lastVisits / _lastWs * m : FirstSolveSweeps * m;
        double updates = _lastWs > 0 ? _lastUpdates / _lastWs * m : 0.5 * visits;
        double residual = (visits + updates) * nnz / m + (_intercept ? 2.0 * _n * visits / m : 0);

        int missing = k, held = k;
        if (IsSquared && _gram is not null)
        {
            missing = _gram.Missing(_ws.AsSpan(0, m));
            held = Math.Min(_gram.Count + missing, AutoGramLimit);
        }
        double stored = nnz + (_intercept ? _n : 0);
        double build = stored >= GramCache.DenseThreshold * _n * k
            ? missing == 0 ? 0 : (double)_n * held + GramFlopCost * _n * missing * (held + 1) / 2
            : (double)missing * stored;
        double gram = build + (IsSquared ? nnz : 0) + visits + GramUpdateCost * updates * k;
        return gram < residual;
    }

    /// <summary>
    /// The Gram buffers for <paramref name="k"/> coordinates. Problems with at most 256 coordinates get all of them at
    /// construction (a few hundred kB), so <see cref="Step"/> never allocates; larger ones when Gram mode is first
    /// chosen, grown by doubling as the working set grows.
    /// </summary>
    private void AllocateGram(int k)
    {
        int limit = _options.Gram == GramMode.Always ? AlwaysGramLimit : AutoGramLimit;
        int all = _p - _screenedCount + (_intercept ? 1 : 0);
        int capacity = all <= 256 ? all : Math.Min(limit, Math.Max(64, 2 * k));
        capacity = Math.Max(capacity, k);
        _gram ??= new GramCache(_x, _intercept, capacity);
        if (_gc.Length < capacity * capacity) _gc = new double[capacity * capacity];
        EnsureGramVectors(capacity);
    }

    /// <summary>Hands this state's Gram cache to its successor on a path (this state must not step again).</summary>
    private GramCache? TakeGram()
    {
        var gram = _gram;
        _gram = null;
        return gram;
    }

    /// <summary>G of the working set (rebuilt when h changed, extended otherwise) in working-set order.</summary>
    private void PrepareGram()
    {
        int m = _wsCount, k = m + (_intercept ? 1 : 0);
        int limit = _options.Gram == GramMode.Always ? AlwaysGramLimit : AutoGramLimit;
        if (_gram is null) AllocateGram(k);
        if (!IsSquared) _gram!.Reset();
        long before = _gram!.Touched;
        _gram!.Extend(_ws.AsSpan(0, m), _h, limit);
        _touched += _gram.Touched - before;
        if (_gc.Length < k * k) _gc = new double[_gram.Capacity * _gram.Capacity];
        _gram.Gather(_ws.AsSpan(0, m), _gc, k);
        _gramSolves++;
    }

    /// <summary>Room for the model gradient of <paramref name="k"/> coordinates (before <see cref="BuildModel"/> fills it).</summary>
    private void EnsureGramVectors(int k)
    {
        if (_r.Length >= k) return;
        int size = Math.Max(k, Math.Min(_p + 1, 2 * k));
        _r = new double[size];
        _order = new int[size];
        _gcol = new double[size];
        _sdiag = new double[size];
    }

    /// <summary>
    /// <see cref="SolveModel"/> on the Gram matrix: the model gradient r = Xᵀ(s + h⊙Xδ) over the working set (and
    /// the intercept, last) is kept as a vector and a change Δ of coordinate k adds Δ·G_k, O(|ws|) instead of two
    /// passes over column k (Friedman, Hastie &amp; Tibshirani 2010, §2.2 "covariance updates"). Same sweeps, same
    /// stopping rule and same visiting order (Random shuffles positions with the same draws) as the residual engine.
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
        int m = _wsCount, k = m + (_intercept ? 1 : 0);
        bool centred = _intercept && Centre(m, k);
        if (_options.Order == CoordinateOrder.Greedy)
        {
            SolveGramGreedy(tolerance, m, k, centred);
            if (centred) _deltaB -= _centredShift / _gc[m * k + m];
            return;
        }
        for (int t = 0; t < m; t++) _order[t] = t;
        Sweeps(new GramEngine(this, k, centred), tolerance, centred);
        if (centred) _deltaB -= _centredShift / _gc[m * k + m];
    }

    /// <summary>The Gram engine: positions in a visiting order over the working set, O(|ws|) per step.</summary>
    private readonly struct GramEngine(CoordinateDescentState<TLoss, TReg> s, int k, bool centred) : IModelEngine
    {
        public int Count => s._wsCount;
        public int Feature(int t) => s._ws[s._order[t]];
        public void Shuffle() => s.Shuffle(s._order.AsSpan(0, s._wsCount));
        public double Update(int t, ref double violation) => s.UpdateGramCoordinate(s._order[t], k, centred, ref violation);
        public double UpdateIntercept(ref double violation) => s.UpdateGramIntercept(s._wsCount, k, ref violation);
    }

    /// <summary>
    /// <see cref="CoordinateOrder.Greedy"/>: each step scans the working set for the largest violation (the stopping
    /// measure) and the largest exact step |Δ_j|·√H_jj (the rule), then takes that step; O(|ws|) per scan, like the
    /// covariance update that follows. At most MaxInnerSweeps·|ws| steps; every |ws| steps count as one sweep.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SolveGramGreedy(double tolerance, int m, int k, bool centred)
    {
        long limit = (long)_options.MaxInnerSweeps * Math.Max(m, 1);
        for (long step = 0; step < limit; step++)
        {
            double violation = 0, best = 0;
            int pick = -1;
            for (int pos = 0; pos < m; pos++)
            {
                int j = _ws[pos];
                double current = _w[j] + _delta[j];
                double g = _mu * current + _r[pos];
                violation = Math.Max(violation, _reg.SubdifferentialDistance(current, g, j));
                double h = centred ? _sdiag[pos] : _hjj[j];
                if (!(h > 0)) continue;
                double score = Math.Abs(_reg.ProxCoordinate(current - g / h, 1.0 / h, j) - current) * Math.Sqrt(h);
                if (score > best) { best = score; pick = pos; }
            }
            if (_intercept && !centred) violation = Math.Max(violation, Math.Abs(_r[m]));
            if (step % Math.Max(m, 1) == 0) _sweeps++;
            if (violation <= tolerance) return;
            double ignored = 0, moved = 0;
            if (pick >= 0) moved = UpdateGramCoordinate(pick, k, centred, ref ignored);
            if (_intercept && !centred) moved = Math.Max(moved, UpdateGramIntercept(m, k, ref ignored));
            if (moved == 0) return;
        }
    }

    /// <summary>
    /// Takes the intercept's exact step, then turns the gathered G into [S 0; 0 G_bb] and fills the coordinates'
    /// curvatures S_jj + μ (see <see cref="SolveGram"/>). False (G left as it is) when G_bb is not a usable pivot.
    /// </summary>
    private bool Centre(int m, int k)
    {
        double[] gc = _gc;
        double hb = gc[m * k + m];
        if (!(hb > 0) || !double.IsFinite(hb)) return false;
        double change = -_r[m] / hb;
        if (change != 0 && double.IsFinite(change))
        {
            _deltaB += change;
            Span<double> r = _r.AsSpan(0, k);
            TensorPrimitives.MultiplyAdd(gc.AsSpan(m * k, k), change, r, r);
        }
        Span<double> c = _gcol.AsSpan(0, m);
        for (int a = 0; a < m; a++) c[a] = gc[a * k + m];
        for (int a = 0; a < m; a++)
        {
            Span<double> row = gc.AsSpan(a * k, k);
            TensorPrimitives.MultiplyAdd(c, -c[a] / hb, row[..m], row[..m]);
            row[m] = 0;
            // Rounding can leave a column in the intercept's span (a constant column) with S_jj ≤ 0: no curvature.
            double full = gc[a * k + a] + c[a] * c[a] / hb;
            _sdiag[a] = row[a] > 1e-12 * full ? row[a] + _mu : _mu > 0 ? _mu : 0;
        }
        _centredShift = 0;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double UpdateGramCoordinate(int pos, int k, bool centred, ref double violation)
    {
        int j = _ws[pos];
        _visits++;
        double current = _w[j] + _delta[j];
        double g = _mu * current + _r[pos];
        double hjj = centred ? _sdiag[pos] : _hjj[j];
        double change = ExactStep(j, current, g, hjj, ref violation);
        if (change == 0) return 0;
        if (centred) _centredShift += change * _gcol[pos];
        Span<double> r = _r.AsSpan(0, k);
        TensorPrimitives.MultiplyAdd(_gc.AsSpan(pos * k, k), change, r, r);
        return Math.Abs(change) * Math.Sqrt(hjj);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double UpdateGramIntercept(int m, int k, ref double violation)
    {
        double g = _r[m];
        violation = Math.Max(violation, Math.Abs(g));
        double change = -g / _hb;
        if (change == 0 || !double.IsFinite(change)) return 0;
        _deltaB += change;
        Span<double> r = _r.AsSpan(0, k);
        TensorPrimitives.MultiplyAdd(_gc.AsSpan(m * k, k), change, r, r);
        return Math.Abs(change) * Math.Sqrt(_hb);
    }
}
