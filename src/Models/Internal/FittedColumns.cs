using OptSuite.LinearAlgebra;

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
/// X given as a caller's own <see cref="ILinearMap"/>, whose entries cannot be read, is used as it is.
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
        int p = x.Columns;
        bool[]? empty = x switch
        {
            CsrMatrix csr => Empty(csr.Columns, csr.ColumnIndices),
            CscMatrix csc => EmptyColumnsOf(csc),
            _ => null,
        };
        bool[]? constant = !intercept || x.Rows < 2 ? null : x switch
        {
            CsrMatrix csr => Constant(csr.Rows, csr.Columns, csr.RowPointers, csr.ColumnIndices, csr.Values, rowsAreLines: true),
            CscMatrix csc => Constant(csc.Rows, csc.Columns, csc.ColumnPointers, csc.RowIndices, csc.Values, rowsAreLines: false),
            DenseMatrix d => Constant(d),
            _ => null,
        };
        int emptyCount = empty?.Count(e => e) ?? 0;
        bool dropEmpty = emptyCount > 0 && 2L * emptyCount >= p;
        bool anyConstant = constant?.Contains(true) ?? false;
        if (!dropEmpty && !anyConstant) return (x, null);
        int[] kept = Enumerable.Range(0, p).Where(j => !(dropEmpty && empty![j]) && !(constant?[j] ?? false)).ToArray();
        if (kept.Length == 0) return (x, null);   // nothing left: the problem is its own intercept-only fit
        return (Without(x, kept), kept);
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

    private static bool[] Constant(int rows, int columns, ReadOnlySpan<int> pointers, ReadOnlySpan<int> indices,
        ReadOnlySpan<double> values, bool rowsAreLines)
    {
        var count = new int[columns];
        var first = new double[columns];
        var same = new bool[columns];
        Array.Fill(same, true);
        if (rowsAreLines)
        {
            var lastRow = new int[columns];
            Array.Fill(lastRow, -1);
            for (int i = 0; i < rows; i++)
                for (int k = pointers[i]; k < pointers[i + 1]; k++)
                {
                    int j = indices[k];
                    if (lastRow[j] == i) same[j] = false;   // a duplicate entry: a sum, not the stored value
                    lastRow[j] = i;
                    Note(j, values[k]);
                }
        }
        else
        {
            for (int j = 0; j < columns; j++)
            {
                int previous = -1;
                for (int k = pointers[j]; k < pointers[j + 1]; k++)
                {
                    if (indices[k] == previous) same[j] = false;
                    previous = indices[k];
                    Note(j, values[k]);
                }
            }
        }
        var constant = new bool[columns];
        for (int j = 0; j < columns; j++) constant[j] = same[j] && count[j] == rows && first[j] != 0;
        return constant;

        void Note(int j, double v)
        {
            if (count[j]++ == 0) first[j] = v;
            else if (v != first[j]) same[j] = false;
        }
    }

    private static bool[] Constant(DenseMatrix d)
    {
        var constant = new bool[d.Columns];
        for (int j = 0; j < d.Columns; j++)
        {
            double c = d[0, j];
            bool same = c != 0;
            for (int i = 1; i < d.Rows && same; i++) same = d[i, j] == c;
            constant[j] = same;
        }
        return constant;
    }

    private static ILinearMap Without(ILinearMap x, int[] kept)
    {
        var map = new int[x.Columns];
        Array.Fill(map, -1);
        for (int t = 0; t < kept.Length; t++) map[kept[t]] = t;
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
                var (r, c, v) = Triplets(csr.Rows, csr.RowPointers, csr.ColumnIndices, csr.Values, map, rowsAreLines: true);
                return CsrMatrix.FromTriplets(csr.Rows, kept.Length, r, c, v, csr.Backend);
            }
            case CscMatrix csc:
            {
                var (r, c, v) = Triplets(csc.Columns, csc.ColumnPointers, csc.RowIndices, csc.Values, map, rowsAreLines: false);
                return CscMatrix.FromTriplets(csc.Rows, kept.Length, r, c, v, csc.Backend);
            }
            default:
                throw new ArgumentException("Only dense, CSR and CSC matrices can be reduced.", nameof(x));
        }
    }

    private static (int[] Rows, int[] Columns, double[] Values) Triplets(int lines, ReadOnlySpan<int> pointers,
        ReadOnlySpan<int> indices, ReadOnlySpan<double> values, int[] map, bool rowsAreLines)
    {
        var rows = new List<int>(values.Length);
        var columns = new List<int>(values.Length);
        var kept = new List<double>(values.Length);
        for (int line = 0; line < lines; line++)
            for (int k = pointers[line]; k < pointers[line + 1]; k++)
            {
                int i = rowsAreLines ? line : indices[k], j = rowsAreLines ? indices[k] : line;
                if (map[j] < 0) continue;
                rows.Add(i);
                columns.Add(map[j]);
                kept.Add(values[k]);
            }
        return (rows.ToArray(), columns.ToArray(), kept.ToArray());
    }
}
