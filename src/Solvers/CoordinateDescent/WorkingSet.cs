using System.Runtime.CompilerServices;
using OptSuite.LinearAlgebra;
using OptSuite.Prox;

namespace OptSuite.Solvers;

/// <summary>
/// Which coordinates an outer iteration of <see cref="CoordinateDescent"/> works on: the features removed for good by
/// gap-safe screening, and the working set chosen among the others (with a path's strong set as the first choice).
/// </summary>
/// <remarks>
/// The state hands in what it computed at the current point (w, the gradient g, the dual correlations c, the KKT
/// violation, the duality gap) and reads back the members and the screened flags; the iterate stays the state's, so
/// <see cref="Screen"/> returns the features it removed and the state zeroes them.
/// <para>Gap-safe screening: Fercoq, Gramfort &amp; Salmon 2015; Ndiaye et al. 2017. Working sets: celer's rule,
/// Massias, Gramfort &amp; Salmon 2018.</para>
/// </remarks>
/// <typeparam name="TReg">The separable regulariser (a struct, so its calls inline).</typeparam>
internal sealed class WorkingSet<TReg>
    where TReg : struct, ISeparableRegularizer
{
    private readonly TReg _reg;
    private readonly CscMatrix _x;
    private readonly int _p;
    private readonly ColumnStatistics _columns;  // ‖x_j‖_a: screening radii and fill priorities
    private readonly double _smooth;             // L_ℓ, the loss's smoothness (screening's radius)
    private readonly double[]? _lambda;          // λ_j of a weighted L1 penalty; null for other regularisers
    private readonly bool[]? _hint;              // an initial working set (a path's strong set), used once
    private readonly int _initialSize;
    private readonly bool _grows;                // celer's rule applies (weighted L1 penalty, working sets on)
    private readonly int[] _members, _candidates;
    private readonly int[] _unscreened;          // the features not screened, in index order (the first _active entries)
    private readonly int[] _removed;             // the screened features, in the order they were removed
    private readonly double[] _priority;
    private readonly bool[] _screened, _inSet;
    private readonly int[] _strong;              // a path's strong set, in index order (the first _strongCount entries)
    private int _count, _screenedCount, _active, _strongCount;
    private long _strongNnz;                     // stored entries of the strong set's columns
    private long _screenedNnz;                   // stored entries of the screened columns

    /// <param name="reg">The regulariser.</param>
    /// <param name="x">The data in column storage.</param>
    /// <param name="columns">The data's weighted column norms.</param>
    /// <param name="smoothness">The loss's smoothness constant (screening needs it finite).</param>
    /// <param name="options">The solver's options (working sets, their first size, screening).</param>
    /// <param name="hint">An initial working set (a path's strong set), or null.</param>
    /// <param name="recycled">The working set of a finished solve on data of the same width (a path's previous point),
    /// whose buffers this one takes over instead of allocating its own; it must not be used again. Null for fresh ones.</param>
    public WorkingSet(TReg reg, CscMatrix x, ColumnStatistics columns, double smoothness, CoordinateDescentOptions options, bool[]? hint,
        WorkingSet<TReg>? recycled = null)
    {
        _reg = reg;
        _x = x;
        _p = x.Columns;
        _columns = columns;
        _smooth = smoothness;
        _hint = hint;
        _initialSize = options.InitialWorkingSetSize;
        if (recycled is not null && recycled._p != _p)
            throw new ArgumentException($"The recycled working set has {recycled._p} features; this one has {_p}.", nameof(recycled));
        // Members, candidates and priorities are written before they are read; the flags start cleared.
        _members = recycled?._members ?? new int[_p];
        _candidates = recycled?._candidates ?? new int[_p];
        _unscreened = recycled?._unscreened ?? new int[_p];
        _removed = recycled?._removed ?? new int[_p];
        _strong = recycled?._strong is { Length: > 0 } kept ? kept : hint is null ? [] : new int[_p];
        _priority = recycled?._priority ?? new double[_p];
        _screened = recycled?._screened ?? new bool[_p];
        _inSet = recycled?._inSet ?? new bool[_p];
        if (recycled is not null)
        {
            Array.Clear(_screened);
            Array.Clear(_inSet);
        }
        for (int j = 0; j < _p; j++) _unscreened[j] = j;
        _active = _p;
        if (default(TReg) is IWeightedL1Regularizer)
        {
            _lambda = recycled?._lambda ?? new double[_p];
            ((IWeightedL1Regularizer)reg).GetWeights(_lambda);
        }
        _grows = options.WorkingSet && _lambda is not null;
        Screens = options.Screening && double.IsFinite(smoothness);
    }

    /// <summary>Whether gap-safe screening is on (it needs the gap at every outer iteration).</summary>
    public bool Screens { get; }

    /// <summary>The members, in index order after <see cref="Select"/> (see <see cref="Shuffle"/>).</summary>
    public ReadOnlySpan<int> Members => _members.AsSpan(0, _count);

    /// <summary>The number of members.</summary>
    public int Count => _count;

    /// <summary>The <paramref name="t"/>-th member (t &lt; <see cref="Count"/>).</summary>
    public int this[int t] => _members[t];

    /// <summary>Per feature, whether screening removed it (it stays at 0).</summary>
    public ReadOnlySpan<bool> Screened => _screened;

    /// <summary>
    /// The features not removed, in index order: the passes over every feature (gradient, gap, screening, the working
    /// set's choice and fill) walk this list, so a feature removed early on a path's λ costs nothing afterwards.
    /// </summary>
    public ReadOnlySpan<int> Unscreened => _unscreened.AsSpan(0, _active);

    /// <summary>The features removed so far, in the order they were removed.</summary>
    public ReadOnlySpan<int> ScreenedList => _removed.AsSpan(0, _screenedCount);

    /// <summary>
    /// The hint's features that are not screened, in index order (after <see cref="ListStrongSet"/>): the coordinates a
    /// path's solve works on until they are converged, before one check over every unscreened feature.
    /// </summary>
    public ReadOnlySpan<int> Strong => _strong.AsSpan(0, _strongCount);

    /// <summary>Stored entries of the <see cref="Strong"/> columns.</summary>
    public long StrongEntries => _strongNnz;

    /// <summary>Lists the hint's unscreened features as <see cref="Strong"/>; false without a hint or working sets.</summary>
    public bool ListStrongSet()
    {
        _strongCount = 0;
        _strongNnz = 0;
        if (_hint is null || !_grows || _strong.Length < _p) return false;
        ReadOnlySpan<int> ptr = _x.ColumnPointers;
        foreach (int j in Unscreened)
            if (_hint[j])
            {
                _strong[_strongCount++] = j;
                _strongNnz += ptr[j + 1] - ptr[j];
            }
        return true;
    }

    /// <summary>Sets c_j = 0 on the unscreened features outside <see cref="Strong"/> (the strong-set problem's correlations).</summary>
    public void ClearOutsideStrong(Span<double> c)
    {
        int t = 0;
        foreach (int j in Unscreened)
        {
            if (t < _strongCount && _strong[t] == j) t++;
            else c[j] = 0;
        }
    }

    /// <summary>Features removed so far.</summary>
    public int ScreenedCount => _screenedCount;

    /// <summary>Stored entries of the removed features' columns (the passes that skip them do not read them).</summary>
    public long ScreenedEntries => _screenedNnz;

    /// <summary>
    /// Removes the columns without data whose coordinate only the penalty decides, at 0 (0 ∈ ∂r_j(0)); returns them
    /// in index order (valid until the next call).
    /// </summary>
    public ReadOnlySpan<int> ScreenEmpty()
    {
        int removed = 0;
        foreach (int j in _columns.EmptyColumns)
            if (_reg.SubdifferentialDistance(0, 0, j) == 0) Remove(j, ref removed);
        Compact(removed);
        return _candidates.AsSpan(0, removed);
    }

    /// <summary>
    /// Gap-safe screening. The dual is (a_i/L_ℓ)-strongly concave, so ‖u − u*‖²_a ≤ 2L_ℓ·gap and
    /// |c_j − c*_j| ≤ √(Σa_i x_ij²)·√(2L_ℓ·gap) for c = Aᵀ(a⊙u)/s. When the whole interval c_j ± that radius keeps
    /// −c_j inside ∂r_j(0), every optimum has w_j = 0 and j is removed for good. Returns the features removed now, in
    /// index order (valid until the next call); the caller sets them to 0.
    /// </summary>
    /// <param name="gap">The duality gap at the current point.</param>
    /// <param name="value">The objective there.</param>
    /// <param name="c">The dual correlations of the gap (unscreened features).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<int> Screen(double gap, double value, ReadOnlySpan<double> c)
    {
        if (!double.IsFinite(gap)) return default;
        // Rounding in F − D is of the order of ε|F|; the margin keeps the test safe when the gap is that small.
        double radius = Math.Sqrt(2 * _smooth * (Math.Max(gap, 0) + 1e-13 * Math.Abs(value)));
        ReadOnlySpan<double> norms = _columns.Norms;
        int removed = 0;
        if (_lambda is not null)
        {
            // R = Σ λ_j|w_j|: both −(c_j ± r) lie in ∂r_j(0) = [−λ_j, λ_j] iff |c_j| + r ≤ λ_j, the same test in floating
            // point too (|c_j + r| and |c_j − r| never exceed the rounded |c_j| + r, and one of them is it).
            ReadOnlySpan<double> lambda = _lambda;
            foreach (int j in Unscreened)
            {
                double r = radius * norms[j] * (1 + 1e-9);
                if (Math.Abs(c[j]) + r <= lambda[j]) Remove(j, ref removed);
            }
        }
        else
            foreach (int j in Unscreened)
            {
                double r = radius * norms[j] * (1 + 1e-9);
                if (_reg.SubdifferentialDistance(0, c[j] + r, j) != 0 || _reg.SubdifferentialDistance(0, c[j] - r, j) != 0) continue;
                Remove(j, ref removed);
            }
        Compact(removed);
        return _candidates.AsSpan(0, removed);
    }

    /// <summary>Drops the features just flagged by <see cref="Remove"/> from the unscreened list, keeping index order.</summary>
    private void Compact(int removed)
    {
        if (removed == 0) return;
        int kept = 0;
        for (int t = 0; t < _active; t++)
        {
            int j = _unscreened[t];
            if (!_screened[j]) _unscreened[kept++] = j;
        }
        _active = kept;
    }

    private void Remove(int j, ref int removed)
    {
        ReadOnlySpan<int> ptr = _x.ColumnPointers;
        _screened[j] = true;
        _removed[_screenedCount++] = j;
        _screenedNnz += ptr[j + 1] - ptr[j];
        _candidates[removed++] = j;
    }

    /// <summary>
    /// The coordinates the next model is minimised over. Without a weighted L1 penalty (or with working sets off):
    /// every unscreened coordinate. Otherwise celer's rule: the non-zeros, every coordinate whose KKT violation exceeds a
    /// tenth of the largest, and the rest filled up to max(p₀, 2·nnz) with the zero coordinates whose dual constraint
    /// is closest to active, (λ_j − |c_j|)/‖x_j‖_a smallest first. At the first outer iteration a hint replaces the
    /// fill.
    /// </summary>
    /// <param name="w">The current coefficients.</param>
    /// <param name="g">The gradient of the smooth part there (unscreened features).</param>
    /// <param name="c">The dual correlations, used when <paramref name="gapFresh"/>; else g is.</param>
    /// <param name="gapFresh">Whether c is at the current point.</param>
    /// <param name="kkt">The largest KKT violation.</param>
    /// <param name="first">Whether the hint applies: the first outer iteration, or any while a path's solve is still
    /// restricted to its strong set (the members are then the whole of <see cref="Strong"/>).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Select(ReadOnlySpan<double> w, ReadOnlySpan<double> g, ReadOnlySpan<double> c, bool gapFresh, double kkt, bool first)
    {
        for (int k = 0; k < _count; k++) _inSet[_members[k]] = false;
        _count = 0;
        if (!_grows)
        {
            foreach (int j in Unscreened) Add(j);
            return;
        }
        bool hinted = _hint is not null && first;
        double forced = 0.1 * kkt;
        int nonzeros = 0;
        foreach (int j in Unscreened)
        {
            if (w[j] != 0) { nonzeros++; Add(j); }
            else if ((hinted && _hint![j]) || (kkt > 0 && _reg.SubdifferentialDistance(0, g[j], j) > forced)) Add(j);
        }
        int target = Math.Max(_initialSize, 2 * nonzeros);
        int missing = target - _count;
        if (missing > 0 && !hinted) Fill(missing, gapFresh ? c : g);
        // Index order: cyclic sweeps follow the column layout, and runs are reproducible.
        _members.AsSpan(0, _count).Sort();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Fill(int missing, ReadOnlySpan<double> c)
    {
        ReadOnlySpan<double> norms = _columns.Norms;
        int m = 0;
        foreach (int j in Unscreened)
        {
            if (_inSet[j]) continue;
            _priority[m] = (_lambda![j] - Math.Abs(c[j])) / norms[j];
            _candidates[m++] = j;
        }
        if (m == 0) return;
        int take = Math.Min(missing, m);
        Selection.Smallest(_priority.AsSpan(0, m), _candidates.AsSpan(0, m), take);
        for (int k = 0; k < take; k++) Add(_candidates[k]);
    }

    private void Add(int j)
    {
        _inSet[j] = true;
        _members[_count++] = j;
    }

    /// <summary>Visits the members in a fresh random order (<see cref="CoordinateOrder.Random"/>; same draws as <see cref="Selection.Shuffle"/>).</summary>
    public void Shuffle(Random rng) => Selection.Shuffle(_members.AsSpan(0, _count), rng);

    /// <summary>Puts the members back in index order.</summary>
    public void Sort() => _members.AsSpan(0, _count).Sort();
}
