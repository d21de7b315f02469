using System.Numerics.Tensors;
using OptSuite.LinearAlgebra;

namespace OptSuite.Solvers;

/// <summary>
/// The Gram side of <see cref="CoordinateDescent"/>'s model solves: whether a solve pays on the Gram matrix of the
/// working set, the cache it is gathered from (<see cref="GramCache"/>), and the model gradient r = X_wsᵀ(s + h⊙Xδ)
/// (the intercept last) kept up to date by covariance updates — a change Δ of the coordinate at position k adds Δ·G_k,
/// O(|ws|) instead of two passes over column k (Friedman, Hastie &amp; Tibshirani 2010, §2.2).
/// </summary>
/// <remarks>
/// The state's sweep takes the exact coordinate steps: it reads <see cref="Gradient"/> and <see cref="CentredCurvature"/>
/// and reports each change through <see cref="Move"/> / <see cref="MoveIntercept"/>. With an intercept, δ_b is
/// eliminated exactly (<see cref="Centre"/>): G's coordinate block becomes its Schur complement
/// S = G_ww − c cᵀ/G_bb (c = G_wb, the h-weighted column sums), the Gram matrix of the h-centred columns, and δ_b
/// follows every change (−Δ·c_j/G_bb, <see cref="CentredInterceptShift"/>). Nothing here depends on the loss or the
/// regulariser: the weights h are handed in, and whether they stay fixed (a quadratic loss) decides whether the cache
/// survives between solves and along a path.
/// </remarks>
internal sealed class GramEngine
{
    /// <summary>Largest Gram system (working set plus intercept) <see cref="GramMode.Auto"/> builds: 2,048² doubles = 32 MB.</summary>
    public const int AutoGramLimit = 2048;

    /// <summary>Largest Gram system <see cref="GramMode.Always"/> builds (128 MB); larger working sets use the residual engine.</summary>
    public const int AlwaysGramLimit = 4096;

    // Relative costs for Auto, in units of one indexed read-multiply-add of a stored data entry (the residual engine's
    // unit of work): a multiply-add of the register-tiled Gram kernel, and one of the contiguous model-gradient update.
    private const double GramFlopCost = 0.25, GramUpdateCost = 0.25;

    // Coordinate visits per working-set coordinate assumed for the first model solve (nothing measured yet).
    private const double FirstSolveSweeps = 4;

    private readonly CscMatrix _x;
    private readonly int _n, _p;
    private readonly bool _intercept, _fixedWeights;
    private readonly GramMode _mode;
    private readonly bool _greedy;
    private GramCache? _cache;
    private double[] _gc = [], _r = [], _gcol = [], _sdiag = [];   // gathered G (k×k), r, c = G_wb, S_jj + μ
    private int _m, _k;                                             // working-set size and system size of this solve
    private bool _centred;
    private double _centredShift;                                   // Σ Δ_j c_j of this solve (δ_b's follow-up)
    private int[] _order = [];
    private long _solves;
    private double _lastVisits, _lastUpdates;
    private int _lastWs;

    /// <param name="x">The data in column storage.</param>
    /// <param name="intercept">Whether the intercept is fitted (the system's last coordinate).</param>
    /// <param name="fixedWeights">Whether h never changes (a quadratic loss): G then stays valid across solves.</param>
    /// <param name="options">The solver's options (Gram mode, order).</param>
    /// <param name="coordinates">Unscreened coordinates plus the intercept: at most 256 get all buffers now.</param>
    /// <param name="inherited">A cache built on the same data and fixed weights (a path's previous state), or null.</param>
    /// <param name="recycled">The engine of a finished solve on the same data (a path's previous state), whose gathered
    /// matrix and per-coordinate vectors this one takes over instead of allocating them (every entry is written before
    /// it is read); it must not be used again. Null for fresh ones.</param>
    public GramEngine(CscMatrix x, bool intercept, bool fixedWeights, CoordinateDescentOptions options, int coordinates, GramCache? inherited,
        GramEngine? recycled = null)
    {
        if (recycled is not null)
        {
            if (recycled._p != x.Columns)
                throw new ArgumentException($"The recycled engine has {recycled._p} features; this one has {x.Columns}.", nameof(recycled));
            (_gc, _r, _gcol, _sdiag, _order) = (recycled._gc, recycled._r, recycled._gcol, recycled._sdiag, recycled._order);
            (recycled._gc, recycled._r, recycled._gcol, recycled._sdiag, recycled._order) = ([], [], [], [], []);
        }
        _x = x;
        _n = x.Rows;
        _p = x.Columns;
        _intercept = intercept;
        _fixedWeights = fixedWeights;
        _mode = options.Gram;
        _greedy = options.Order == CoordinateOrder.Greedy;
        _cache = inherited;
        if (_mode != GramMode.Never && coordinates <= 256) Allocate(coordinates, coordinates);
    }

    /// <summary>Model solves run on the Gram matrix so far.</summary>
    public long Solves => _solves;

    /// <summary>The model gradient's entry at working-set position <paramref name="pos"/>.</summary>
    public double Gradient(int pos) => _r[pos];

    /// <summary>The model gradient's intercept entry.</summary>
    public double InterceptGradient => _r[_m];

    /// <summary>S_jj + μ at position <paramref name="pos"/> after <see cref="Centre"/>.</summary>
    public double CentredCurvature(int pos) => _sdiag[pos];

    /// <summary>The working-set position visited <paramref name="t"/>-th in this solve.</summary>
    public int Position(int t) => _order[t];

    /// <summary>A fresh random visiting order (<see cref="CoordinateOrder.Random"/>; the draws of <see cref="Selection.Shuffle"/>).</summary>
    public void Shuffle(Random rng) => Selection.Shuffle(_order.AsSpan(0, _m), rng);

    /// <summary>
    /// Whether the coming model solve should run on the Gram matrix: always for <see cref="GramMode.Always"/> (within
    /// <see cref="AlwaysGramLimit"/>); for <see cref="GramMode.Auto"/> when building (or extending) G plus the
    /// covariance updates is estimated to cost less than the residual engine's passes over the working-set columns.
    /// The work of the coming solve (coordinate visits and changes) is predicted from the last one
    /// (<see cref="Record"/>).
    /// </summary>
    public bool Choose(ReadOnlySpan<int> ws)
    {
        if (_mode == GramMode.Never || ws.Length == 0) return false;
        int m = ws.Length, k = m + (_intercept ? 1 : 0);
        if (_mode == GramMode.Always || _greedy) return k <= AlwaysGramLimit;
        if (k > AutoGramLimit) return false;
        ReadOnlySpan<int> ptr = _x.ColumnPointers;
        long nnz = 0;
        for (int t = 0; t < m; t++) nnz += ptr[ws[t] + 1] - ptr[ws[t]];
        if (nnz == 0) return false;
        double visits = _lastWs > 0 ? _lastVisits / _lastWs * m : FirstSolveSweeps * m;
        double updates = _lastWs > 0 ? _lastUpdates / _lastWs * m : 0.5 * visits;
        double residual = (visits + updates) * nnz / m + (_intercept ? 2.0 * _n * visits / m : 0);

        int missing = k, held = k;
        if (_fixedWeights && _cache is not null)
        {
            missing = _cache.Missing(ws);
            held = Math.Min(_cache.Count + missing, AutoGramLimit);
        }
        double stored = nnz + (_intercept ? _n : 0);
        double build = stored >= GramCache.DenseThreshold * _n * k
            ? missing == 0 ? 0 : (double)_n * held + GramFlopCost * _n * missing * (held + 1) / 2
            : (double)missing * stored;
        double gram = build + (_fixedWeights ? nnz : 0) + visits + GramUpdateCost * updates * k;
        return gram < residual;
    }

    /// <summary>The work of the model solve just finished (either engine), for <see cref="Choose"/>'s next prediction.</summary>
    public void Record(long visits, long updates, int ws)
    {
        _lastVisits = visits;
        _lastUpdates = updates;
        _lastWs = ws;
    }

    /// <summary>
    /// Room for the model gradient of <paramref name="m"/> working-set coordinates and the intercept, which the
    /// state's model build fills (data part only: r_k = x_{ws[k]}ᵀs, then Σs_i).
    /// </summary>
    public Span<double> ModelGradient(int m)
    {
        EnsureVectors(m + 1);
        return _r.AsSpan(0, m + 1);
    }

    /// <summary>
    /// The Gram buffers for <paramref name="k"/> coordinates. Problems with at most 256 coordinates get all of them at
    /// construction (a few hundred kB), so a step never allocates; larger ones when Gram mode is first chosen, grown by
    /// doubling as the working set grows.
    /// </summary>
    private void Allocate(int k, int all)
    {
        int limit = _mode == GramMode.Always ? AlwaysGramLimit : AutoGramLimit;
        int capacity = all <= 256 ? all : Math.Min(limit, Math.Max(64, 2 * k));
        capacity = Math.Max(capacity, k);
        _cache ??= new GramCache(_x, _intercept, capacity);
        if (_gc.Length < capacity * capacity) _gc = new double[capacity * capacity];
        EnsureVectors(capacity);
    }

    /// <summary>Grows the per-coordinate vectors to hold <paramref name="k"/>, keeping their contents: the state writes the
    /// model gradient r (<see cref="ModelGradient"/>) before the first <see cref="Prepare"/>, whose allocation of the
    /// Gram buffers may grow r again (to 64 and more), and a fresh zeroed r there made that first Gram solve start from a
    /// zero gradient — an outer iteration spent for nothing.</summary>
    private void EnsureVectors(int k)
    {
        if (_r.Length >= k) return;
        int size = Math.Max(k, Math.Min(_p + 1, 2 * k));
        _r = Grown(_r, size);
        _order = Grown(_order, size);
        _gcol = Grown(_gcol, size);
        _sdiag = Grown(_sdiag, size);
    }

    private static T[] Grown<T>(T[] old, int size)
    {
        var grown = new T[size];
        old.CopyTo(grown, 0);
        return grown;
    }

    /// <summary>Hands the cache to a successor on a path (this engine must not be used again).</summary>
    public GramCache? TakeCache()
    {
        var cache = _cache;
        _cache = null;
        return cache;
    }

    /// <summary>
    /// G of the working set under weights <paramref name="h"/> (rebuilt when h may have changed, extended otherwise),
    /// gathered in working-set order with the intercept last, and the identity visiting order.
    /// </summary>
    /// <param name="ws">The working set.</param>
    /// <param name="h">The model's sample weights.</param>
    /// <param name="unscreened">Unscreened coordinates plus the intercept (the cache's first size).</param>
    /// <returns>Stored data entries read.</returns>
    public long Prepare(ReadOnlySpan<int> ws, ReadOnlySpan<double> h, int unscreened)
    {
        int m = _m = ws.Length, k = _k = m + (_intercept ? 1 : 0);
        _centred = false;
        int limit = _mode == GramMode.Always ? AlwaysGramLimit : AutoGramLimit;
        if (_cache is null) Allocate(k, unscreened);
        if (!_fixedWeights) _cache!.Reset();
        long before = _cache!.Touched;
        _cache!.Extend(ws, h, limit);
        long touched = _cache.Touched - before;
        if (_gc.Length < k * k) _gc = new double[_cache.Capacity * _cache.Capacity];
        _cache.Gather(ws, _gc, k);
        for (int t = 0; t < m; t++) _order[t] = t;
        _solves++;
        return touched;
    }

    /// <summary>
    /// Takes the intercept's exact step (added to <paramref name="interceptStep"/>), then turns the gathered G into
    /// [S 0; 0 G_bb] and fills the coordinates' curvatures S_jj + μ. False (G left as it is) when G_bb is not a usable
    /// pivot; the intercept is then a coordinate of the sweep.
    /// </summary>
    public bool Centre(double mu, ref double interceptStep)
    {
        int m = _m, k = _k;
        double[] gc = _gc;
        double hb = gc[m * k + m];
        if (!(hb > 0) || !double.IsFinite(hb)) return false;
        double change = -_r[m] / hb;
        if (change != 0 && double.IsFinite(change))
        {
            interceptStep += change;
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
            _sdiag[a] = row[a] > 1e-12 * full ? row[a] + mu : mu > 0 ? mu : 0;
        }
        _centredShift = 0;
        _centred = true;
        return true;
    }

    /// <summary>The coordinate at <paramref name="pos"/> moved by <paramref name="change"/>: r += change·G_pos.</summary>
    public void Move(int pos, double change)
    {
        if (_centred) _centredShift += change * _gcol[pos];
        Span<double> r = _r.AsSpan(0, _k);
        TensorPrimitives.MultiplyAdd(_gc.AsSpan(pos * _k, _k), change, r, r);
    }

    /// <summary>
    /// The model gradient after the working-set coordinates move by <paramref name="change"/> (by position) from the
    /// current point, into <paramref name="gradient"/>: r + G·change, O(|ws|·k); nothing is moved.
    /// </summary>
    public void Displaced(ReadOnlySpan<double> change, Span<double> gradient)
    {
        Span<double> target = gradient[.._k];
        _r.AsSpan(0, _k).CopyTo(target);
        for (int pos = 0; pos < _m; pos++)
            if (change[pos] != 0) TensorPrimitives.MultiplyAdd(_gc.AsSpan(pos * _k, _k), change[pos], target, target);
    }

    /// <summary>Moves the working-set coordinates by <paramref name="change"/> (by position), whose model gradient
    /// <paramref name="gradient"/> <see cref="Displaced"/> computed.</summary>
    public void MoveAll(ReadOnlySpan<double> change, ReadOnlySpan<double> gradient)
    {
        if (_centred)
            for (int pos = 0; pos < _m; pos++) _centredShift += change[pos] * _gcol[pos];
        gradient[.._k].CopyTo(_r);
    }

    /// <summary>The intercept (a coordinate, not eliminated) moved by <paramref name="change"/>: r += change·G_b.</summary>
    public void MoveIntercept(double change)
    {
        Span<double> r = _r.AsSpan(0, _k);
        TensorPrimitives.MultiplyAdd(_gc.AsSpan(_m * _k, _k), change, r, r);
    }

    /// <summary>After a centred solve: Σ Δ_j c_j / G_bb, which δ_b gives back to keep its model derivative at zero.</summary>
    public double CentredInterceptShift => _centredShift / _gc[_m * _k + _m];
}
