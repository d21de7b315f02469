using OptSuite.LinearAlgebra;
using OptSuite.LinearAlgebra.Distributed;

namespace OptSuite.Models.Internal;

/// <summary>
/// The columns of X an estimator hands to its solver; the others get coefficient 0 (<c>Complete</c>'s <c>kept</c>).
/// For a penalty that is separable across features (L1, L2, elastic net; not groups) two kinds of column have weight 0
/// at the optimum, with objective, gap and the other coefficients those of the full problem:
/// <list type="bullet">
/// <item><b>Empty columns</b> of a sparse X do not enter the loss (the minimum-norm choice when λ = 0). Solver state is
/// p-length many times over (L-BFGS alone keeps 2·10 history vectors), so svmlight data whose largest index is far beyond
/// its entries (one index of 10⁷ in a 52-byte file) took gigabytes; they are left out when at least half the columns are
/// empty (below that the copy does not pay).</item>
/// <item><b>Columns of one non-zero constant</b> are, with an unpenalised intercept, exactly collinear with it: b absorbs
/// c·w_j at no penalty. Solving with them in is ill-posed in floating point — their balanced dual correlation c·Σu_i is c
/// times rounding noise (heart plus a constant 1e150 column: every solver stopped with a gap of 10²⁷¹, w = 0 and chance
/// accuracy) — so they are always left out, as glmnet leaves constant variables out.</item>
/// </list>
/// X read in row blocks (<see cref="IRowBlockedMap"/>) is scanned once for both kinds and seen through a view that
/// keeps the other columns (<see cref="RowBlockedColumns"/>); rows split across ranks are scanned on each rank and the
/// counts and values combined by all-reduces; X given as a caller's own <see cref="ILinearMap"/>, whose entries cannot be
/// read, is used as it is.
/// </summary>
internal static class FittedColumns
{
    /// <summary>X restricted to the columns the solver needs and the original index of each (null: all of them).</summary>
    /// <param name="x">The n×p features.</param>
    /// <param name="intercept">Whether an unpenalised intercept is fitted (constant columns are then left out).</param>
    /// <param name="separable">Whether the penalty is separable across features; when not, every column is kept.</param>
    public static (ILinearMap Map, int[]? Kept) Select(ILinearMap x, bool intercept, bool separable)
    {
        if (!separable) return (x, null);
        if (x is IRowBlockedMap blocks) return Blocked(blocks, intercept);
        if (x is IDistributedMap distributed) return Distributed(distributed, intercept);
        int p = x.Columns;
        bool[]? empty = x switch
        {
            CsrMatrix csr => Empty(csr.Columns, csr.ColumnIndices),
            CscMatrix csc => EmptyColumnsOf(csc),
            _ => null,
        };
        // Constant non-zero columns have an entry in every row: only row 0's (CSR) or full columns (CSC) are candidates,
        // so nothing p-long is allocated for them (one index beyond 10⁷ in a tiny file must not cost gigabytes).
        HashSet<int> constant = !intercept || x.Rows < 2 ? [] : x switch
        {
            CsrMatrix csr => ConstantColumns(csr),
            CscMatrix csc => ConstantColumns(csc),
            DenseMatrix d => ConstantColumns(d),
            _ => [],
        };
        int emptyCount = empty?.Count(e => e) ?? 0;
        bool dropEmpty = emptyCount > 0 && 2L * emptyCount >= p;
        if (!dropEmpty && constant.Count == 0) return (x, null);
        int[] kept = Enumerable.Range(0, p).Where(j => !(dropEmpty && empty![j]) && !constant.Contains(j)).ToArray();
        if (kept.Length == 0) return (x, null);   // nothing left: the problem is its own intercept-only fit
        return (Without(x, kept), kept);
    }

    /// <summary>
    /// <see cref="Select"/> for data read in row blocks: one pass counts each column's stored entries and follows its
    /// value (a column is constant when every row stores it once, always the same non-zero value), as the in-memory scans
    /// decide for CSR and dense storage.
    /// </summary>
    private static (ILinearMap Map, int[]? Kept) Blocked(IRowBlockedMap x, bool intercept)
    {
        var scan = new ColumnScan(x.Columns);
        foreach (RowBlock b in x.ReadBlocks()) scan.Add(b.Rows, b.FirstRow);
        int[]? kept = scan.Kept(x.Rows, intercept);
        return kept is null ? (x, null) : (new RowBlockedColumns(x, kept), kept);
    }

    /// <summary>
    /// <see cref="Select"/> for rows split across ranks (collective): each rank scans its rows as <see cref="Blocked"/>
    /// does, and the ranks' counts, flags and values are combined by two all-reduces (a column is constant when every rank
    /// saw the same value, the largest and the negated smallest agreeing), so every rank keeps the same columns; its rows
    /// are then seen through them and wrapped again.
    /// </summary>
    private static (ILinearMap Map, int[]? Kept) Distributed(IDistributedMap x, bool intercept)
    {
        ILinearMap local = x.Local;
        int p = x.Columns;
        bool readable = local is IRowBlockedMap or DenseMatrix or CompressedMatrix;
        if (x.Communicator.AllReduceMax(readable ? 0.0 : 1.0) > 0) return (x, null);   // some rank's rows cannot be read
        var scan = new ColumnScan(p);
        if (local is IRowBlockedMap blocks) foreach (RowBlock b in blocks.ReadBlocks()) scan.Add(b.Rows, b.FirstRow);
        else scan.Add(local, 0);
        int[]? kept = scan.Kept(x.GlobalRows, intercept, x.Communicator);
        if (kept is null) return (x, null);
        ILinearMap rows = local is IRowBlockedMap b2 ? new RowBlockedColumns(b2, kept) : Without(local, kept);
        return (new DistributedRows(rows, x.Communicator), kept);
    }

    /// <summary>One pass's view of each column: its stored entries, its first value, and whether it was ever not one
    /// value stored once per row (a zero, a second value or a duplicate entry).</summary>
    private sealed class ColumnScan(int columns)
    {
        private readonly double[] _count = new double[columns];
        private readonly double[] _first = new double[columns];
        private readonly int[] _seenIn = new int[columns];      // 1 + the last row a column was stored in
        private readonly bool[] _broken = new bool[columns];

        /// <summary>Follows the rows of <paramref name="rows"/> (a CSR or dense block), rows first … of the scan's rows.</summary>
        public void Add(ILinearMap rows, int first)
        {
            if (rows is CscMatrix csc) rows = csc.ToCsr();
            if (rows is DenseMatrix { Layout: MatrixLayout.ColumnMajor } cm) rows = cm.ToLayout(MatrixLayout.RowMajor);
            for (int r = 0; r < rows.Rows; r++)
            {
                int row = first + r + 1;
                if (rows is CsrMatrix csr)
                {
                    ReadOnlySpan<int> ptr = csr.RowPointers, idx = csr.ColumnIndices;
                    ReadOnlySpan<double> val = csr.Values;
                    for (int e = ptr[r]; e < ptr[r + 1]; e++) Follow(idx[e], val[e], row);
                }
                else
                {
                    var d = (DenseMatrix)rows;
                    for (int j = 0; j < _count.Length; j++) Follow(j, d[r, j], row);
                }
            }
        }

        private void Follow(int j, double v, int row)
        {
            if (v == 0 || _seenIn[j] == row || (_count[j] > 0 && v != _first[j])) _broken[j] = true;
            if (_count[j]++ == 0) _first[j] = v;
            _seenIn[j] = row;
        }

        /// <summary>The columns to keep of <paramref name="n"/> rows (null: all, or none left), over every rank of
        /// <paramref name="ranks"/> when given.</summary>
        public int[]? Kept(long n, bool intercept, ICommunicator? ranks = null)
        {
            int p = _count.Length;
            var high = new double[3 * p];     // flags, largest value, negated smallest value: maxima over ranks
            for (int j = 0; j < p; j++)
            {
                bool stored = _count[j] > 0;
                high[j] = _broken[j] ? 1 : 0;
                high[p + j] = stored ? _first[j] : double.NegativeInfinity;
                high[2 * p + j] = stored ? -_first[j] : double.NegativeInfinity;
            }
            if (ranks is not null)
            {
                ranks.AllReduceSum(_count);
                ranks.AllReduceMax(high);
            }
            int emptyCount = _count.Count(c => c == 0);
            bool dropEmpty = emptyCount > 0 && 2L * emptyCount >= p;
            bool constants = intercept && n >= 2;
            int[] kept = Enumerable.Range(0, p).Where(j => !(dropEmpty && _count[j] == 0)
                && !(constants && _count[j] == n && high[j] == 0 && high[p + j] == -high[2 * p + j])).ToArray();
            return kept.Length == p || kept.Length == 0 ? null : kept;
        }
    }

    /// <summary>A warm start (w row-major p×m, then the intercepts) restricted to the kept columns.</summary>
    public static double[]? Gather(double[]? start, int[]? kept, int features, int outputs)
    {
        if (start is null || kept is null) return start;
        var w = new double[kept.Length * outputs + (start.Length - features * outputs)];
        for (int k = 0; k < kept.Length; k++)
            Array.Copy(start, kept[k] * outputs, w, k * outputs, outputs);
        Array.Copy(start, features * outputs, w, kept.Length * outputs, start.Length - features * outputs);
        return w;
    }

    private static bool[] Empty(int columns, ReadOnlySpan<int> indices)
    {
        var empty = new bool[columns];
        Array.Fill(empty, true);
        foreach (int j in indices) empty[j] = false;
        return empty;
    }

    private static bool[] EmptyColumnsOf(CscMatrix csc)
    {
        var ptr = csc.ColumnPointers;
        var empty = new bool[csc.Columns];
        for (int j = 0; j < empty.Length; j++) empty[j] = ptr[j + 1] == ptr[j];
        return empty;
    }

    private static HashSet<int> ConstantColumns(CsrMatrix csr)
    {
        ReadOnlySpan<int> ptr = csr.RowPointers, idx = csr.ColumnIndices;
        ReadOnlySpan<double> val = csr.Values;
        // Candidates: row 0's non-zero entries; each keeps its value, the last row it was seen in and a count.
        var slot = new Dictionary<int, int>();
        var value = new List<double>();
        for (int e = ptr[0]; e < ptr[1]; e++)
        {
            if (val[e] == 0) continue;
            if (!slot.TryAdd(idx[e], value.Count)) { value[slot[idx[e]]] = double.NaN; continue; }   // a duplicate: a sum
            value.Add(val[e]);
        }
        if (slot.Count == 0) return [];
        var count = new int[value.Count];
        var lastRow = new int[value.Count];
        Array.Fill(count, 1);
        for (int i = 1; i < csr.Rows; i++)
            for (int e = ptr[i]; e < ptr[i + 1]; e++)
            {
                if (!slot.TryGetValue(idx[e], out int k)) continue;
                if (lastRow[k] == i || val[e] != value[k]) value[k] = double.NaN;   // a duplicate, or another value
                lastRow[k] = i;
                count[k]++;
            }
        var constant = new HashSet<int>();
        foreach (var (j, k) in slot)
            if (count[k] == csr.Rows && !double.IsNaN(value[k])) constant.Add(j);
        return constant;
    }

    private static HashSet<int> ConstantColumns(CscMatrix csc)
    {
        ReadOnlySpan<int> ptr = csc.ColumnPointers, idx = csc.RowIndices;
        ReadOnlySpan<double> val = csc.Values;
        var constant = new HashSet<int>();
        for (int j = 0; j < csc.Columns; j++)
        {
            int start = ptr[j], end = ptr[j + 1];
            if (end - start != csc.Rows || val[start] == 0) continue;
            bool same = true;
            for (int e = start + 1; e < end && same; e++) same = val[e] == val[start] && idx[e] != idx[e - 1];
            if (same) constant.Add(j);
        }
        return constant;
    }

    private static HashSet<int> ConstantColumns(DenseMatrix d)
    {
        var constant = new HashSet<int>();
        for (int j = 0; j < d.Columns; j++)
        {
            double c = d[0, j];
            bool same = c != 0;
            for (int i = 1; i < d.Rows && same; i++) same = d[i, j] == c;
            if (same) constant.Add(j);
        }
        return constant;
    }

    /// <summary>X restricted to <paramref name="kept"/> (increasing), in the same storage and backend; O(nnz).</summary>
    private static ILinearMap Without(ILinearMap x, int[] kept)
    {
        switch (x)
        {
            case DenseMatrix d:
            {
                var data = new double[(long)d.Rows * kept.Length];
                for (int i = 0; i < d.Rows; i++)
                    for (int t = 0; t < kept.Length; t++) data[(long)i * kept.Length + t] = d[i, kept[t]];
                return new DenseMatrix(d.Rows, kept.Length, data, MatrixLayout.RowMajor, d.Backend);
            }
            case CsrMatrix csr:
            {
                var map = new int[csr.Columns];
                Array.Fill(map, -1);
                for (int t = 0; t < kept.Length; t++) map[kept[t]] = t;
                ReadOnlySpan<int> ptr = csr.RowPointers, idx = csr.ColumnIndices;
                ReadOnlySpan<double> val = csr.Values;
                var pointers = new int[csr.Rows + 1];
                var indices = new List<int>(val.Length);
                var values = new List<double>(val.Length);
                for (int i = 0; i < csr.Rows; i++)
                {
                    for (int e = ptr[i]; e < ptr[i + 1]; e++)
                    {
                        if (map[idx[e]] < 0) continue;
                        indices.Add(map[idx[e]]);
                        values.Add(val[e]);
                    }
                    pointers[i + 1] = indices.Count;
                }
                return new CsrMatrix(csr.Rows, kept.Length, pointers, indices.ToArray(), values.ToArray(), csr.Backend);
            }
            case CscMatrix csc:
            {
                ReadOnlySpan<int> ptr = csc.ColumnPointers, idx = csc.RowIndices;
                ReadOnlySpan<double> val = csc.Values;
                var pointers = new int[kept.Length + 1];
                for (int t = 0; t < kept.Length; t++) pointers[t + 1] = pointers[t] + ptr[kept[t] + 1] - ptr[kept[t]];
                var indices = new int[pointers[^1]];
                var values = new double[pointers[^1]];
                for (int t = 0; t < kept.Length; t++)
                {
                    int from = ptr[kept[t]], length = ptr[kept[t] + 1] - from;
                    idx.Slice(from, length).CopyTo(indices.AsSpan(pointers[t]));
                    val.Slice(from, length).CopyTo(values.AsSpan(pointers[t]));
                }
                return new CscMatrix(csc.Rows, kept.Length, pointers, indices, values, csc.Backend);
            }
            default:
                throw new ArgumentException("Only dense, CSR and CSC matrices can be reduced.", nameof(x));
        }
    }
}
