using System.Runtime.CompilerServices;
using OptSuite.LinearAlgebra;

namespace OptSuite.Solvers;

/// <summary>
/// The weighted Gram matrix G = [1 X_S]ᵀ diag(h) [1 X_S] of a growing set S of columns (the intercept column first when
/// fitted), for the covariance updates of coordinate descent. Columns are added without recomputing the ones already
/// held, so with a fixed h (the squared loss) the matrix is kept across outer iterations while the working set only
/// grows; with a changing h it is rebuilt (<see cref="Reset"/>).
/// </summary>
/// <remarks>
/// Dense-enough columns are gathered, scaled by √h_i, into column-major blocks of rows and multiplied by
/// <see cref="GramKernels.AddLowerRows"/> (n·k²/2 multiply-adds for k columns); sparse ones by sparse column-pair dot
/// products against a scattered h⊙x_j (k·nnz). glmnet's covariance mode (Friedman, Hastie &amp; Tibshirani 2010, §2.2)
/// keeps the same cache of inner products ⟨x_j, x_k⟩ for the variables that ever entered the model.
/// </remarks>
internal sealed class GramCache
{
    /// <summary>Dense blocks hold at most this many doubles (1 MB: rows × columns of the gather buffer).</summary>
    private const int BlockDoubles = 1 << 17;

    /// <summary>Columns at least this dense are gathered into dense blocks.</summary>
    public const double DenseThreshold = 0.1;

    private readonly CscMatrix _x;
    private readonly int _n;
    private readonly bool _intercept;
    private readonly int[] _slotOf;          // column → slot, −1 when not held
    private int[] _columnOf = [];            // slot → column, −1 for the intercept
    private double[] _g = [];                // capacity × capacity, row-major
    private double[] _block = [];
    private readonly double[] _scratch;      // √h (dense build) or h⊙x_j (sparse build)
    private int[] _cursor = [];

    public GramCache(CscMatrix x, bool intercept, int initialCapacity)
    {
        _x = x;
        _n = x.Rows;
        _intercept = intercept;
        _slotOf = new int[x.Columns];
        Array.Fill(_slotOf, -1);
        _scratch = new double[_n];
        Grow(initialCapacity);
    }

    /// <summary>Slots held (columns plus the intercept).</summary>
    public int Count { get; private set; }

    /// <summary>Row length of the stored matrix.</summary>
    public int Capacity { get; private set; }

    /// <summary>Stored data entries read by builds so far.</summary>
    public long Touched { get; private set; }

    /// <summary>Forgets every column (the next <see cref="Extend"/> rebuilds from scratch).</summary>
    public void Reset()
    {
        for (int s = 0; s < Count; s++)
            if (_columnOf[s] >= 0) _slotOf[_columnOf[s]] = -1;
        Count = 0;
    }

    /// <summary>How many of <paramref name="columns"/> (plus the intercept) are not held yet.</summary>
    public int Missing(ReadOnlySpan<int> columns)
    {
        int missing = _intercept && Count == 0 ? 1 : 0;
        foreach (int j in columns) if (_slotOf[j] < 0) missing++;
        return missing;
    }

    /// <summary>Adds the missing <paramref name="columns"/> (and the intercept) under weights <paramref name="h"/>.</summary>
    /// <remarks>When the total would pass <paramref name="limit"/> slots, the matrix is rebuilt on these columns alone.</remarks>
    public void Extend(ReadOnlySpan<int> columns, ReadOnlySpan<double> h, int limit)
    {
        int missing = Missing(columns);
        if (missing == 0) return;
        if (Count + missing > limit)
        {
            Reset();
            missing = Missing(columns);
        }
        if (Count + missing > Capacity) Grow(Math.Max(Count + missing, Math.Min(limit, 2 * Capacity)));
        int from = Count;
        if (_intercept && Count == 0) _columnOf[Count++] = -1;
        long nnz = 0;
        foreach (int j in columns)
            if (_slotOf[j] < 0) { _slotOf[j] = Count; _columnOf[Count++] = j; }
        for (int s = 0; s < Count; s++)
            nnz += _columnOf[s] < 0 ? _n : _x.ColumnPointers[_columnOf[s] + 1] - _x.ColumnPointers[_columnOf[s]];
        for (int a = from; a < Count; a++) _g.AsSpan(a * Capacity, Count).Clear();
        if (_x.HasSortedIndices && nnz >= DenseThreshold * _n * Count) AddDense(from, h);
        else AddSparse(from, h);
        // Mirror the new rows' lower triangle into the columns above the diagonal.
        for (int a = from; a < Count; a++)
            for (int b = 0; b < a; b++) _g[b * Capacity + a] = _g[a * Capacity + b];
    }

    /// <summary>
    /// The Gram matrix of <paramref name="columns"/> (every one held) in that order, then the intercept last when
    /// fitted, row-major with row length <paramref name="k"/>.
    /// </summary>
    public void Gather(ReadOnlySpan<int> columns, Span<double> destination, int k)
    {
        for (int a = 0; a < k; a++)
        {
            int sa = a < columns.Length ? _slotOf[columns[a]] : 0;
            Span<double> row = destination.Slice(a * k, k);
            ReadOnlySpan<double> source = _g.AsSpan(sa * Capacity, Capacity);
            for (int b = 0; b < k; b++) row[b] = source[b < columns.Length ? _slotOf[columns[b]] : 0];
        }
    }

    private void Grow(int capacity)
    {
        capacity = Math.Max(capacity, 1);
        var g = new double[(long)capacity * capacity];
        for (int a = 0; a < Count; a++) _g.AsSpan(a * Capacity, Count).CopyTo(g.AsSpan(a * capacity, Count));
        _g = g;
        Array.Resize(ref _columnOf, capacity);
        Array.Resize(ref _cursor, capacity);
        Capacity = capacity;
        // Enough for every dense build up to this capacity (rows = clamp(BlockDoubles / k, 16, n)).
        long block = Math.Min(BlockDoubles, (long)Math.Max(16, _n) * capacity);
        if (_block.Length < block) _block = new double[block];
    }

    /// <summary>Rows from … Count − 1 by gathered blocks of √h⊙x over the row range (CSC with sorted row indices).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddDense(int from, ReadOnlySpan<double> h)
    {
        int k = Count;
        int rows = Math.Clamp(BlockDoubles / k, 16, Math.Max(16, _n));
        if (_block.Length < rows * k) _block = new double[rows * k];
        int[] cursor = _cursor;
        ReadOnlySpan<int> ptr = _x.ColumnPointers, idx = _x.RowIndices;
        ReadOnlySpan<double> val = _x.Values;
        double[] root = _scratch;
        for (int i = 0; i < _n; i++) root[i] = Math.Sqrt(h[i]);
        for (int s = 0; s < k; s++) cursor[s] = _columnOf[s] < 0 ? 0 : ptr[_columnOf[s]];
        for (int r0 = 0; r0 < _n; r0 += rows)
        {
            int r1 = Math.Min(_n, r0 + rows), m = r1 - r0;
            Span<double> block = _block.AsSpan(0, m * k);
            for (int s = 0; s < k; s++)
            {
                Span<double> column = block.Slice(s * m, m);
                int j = _columnOf[s];
                if (j < 0) { root.AsSpan(r0, m).CopyTo(column); continue; }
                column.Clear();
                int t = cursor[s], end = ptr[j + 1];
                for (; t < end && idx[t] < r1; t++) column[idx[t] - r0] += root[idx[t]] * val[t];
                Touched += t - cursor[s];
                cursor[s] = t;
            }
            GramKernels.AddLowerRows(block, m, from, k, _g, Capacity);
        }
        Array.Clear(root);   // the sparse build scatters into the same scratch
    }

    /// <summary>Rows from … Count − 1 by sparse dot products of each new column (scattered as h⊙x_j) with every held one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddSparse(int from, ReadOnlySpan<double> h)
    {
        ReadOnlySpan<int> ptr = _x.ColumnPointers, idx = _x.RowIndices;
        ReadOnlySpan<double> val = _x.Values;
        double[] v = _scratch;
        for (int a = from; a < Count; a++)
        {
            int ja = _columnOf[a];
            Span<double> row = _g.AsSpan(a * Capacity, a + 1);
            if (ja < 0)
            {
                double sum = 0;
                for (int i = 0; i < _n; i++) sum += h[i];
                row[a] = sum;
                continue;
            }
            int start = ptr[ja], stop = ptr[ja + 1];
            for (int t = start; t < stop; t++) v[idx[t]] += h[idx[t]] * val[t];
            for (int b = 0; b <= a; b++)
            {
                int jb = _columnOf[b];
                double sum = 0;
                if (jb < 0)
                    for (int t = start; t < stop; t++) sum += v[idx[t]];
                else
                    for (int t = ptr[jb]; t < ptr[jb + 1]; t++) sum += v[idx[t]] * val[t];
                row[b] = sum;
                Touched += jb < 0 ? stop - start : ptr[jb + 1] - ptr[jb];
            }
            for (int t = start; t < stop; t++) v[idx[t]] = 0;
        }
    }
}
