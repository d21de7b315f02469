using OptSuite.LinearAlgebra;

namespace OptSuite.Models.Internal;

/// <summary>
/// Columns of X that are the same non-zero value c in every row: with an unpenalised intercept they are exactly
/// collinear with it, so the penalised optimum gives them weight 0 (b absorbs c·w_j at no penalty) and the estimators
/// fit without them. Solving with them in is ill-posed in floating point: their balanced dual correlation c·Σu_i is
/// c times rounding noise (heart plus a constant 1e150 column: every solver stopped with a gap of 10²⁷¹, w = 0 and
/// chance accuracy); without them the fit is heart's own and its gap certifies the full problem, whose optimum and
/// objective are the same. glmnet likewise leaves constant variables out.
/// </summary>
internal sealed class InterceptColumns
{
    private readonly int[] _kept;     // original index of each reduced column
    private readonly int _columns;

    private InterceptColumns(ILinearMap reduced, int[] kept, int columns)
    {
        Reduced = reduced;
        _kept = kept;
        _columns = columns;
    }

    /// <summary>X without the constant columns.</summary>
    public ILinearMap Reduced { get; }

    /// <summary>The constant non-zero columns of <paramref name="x"/> removed, or null when there are none (or X is a
    /// caller's own <see cref="ILinearMap"/>, whose entries cannot be read).</summary>
    public static InterceptColumns? Find(ILinearMap x)
    {
        bool[]? constant = x switch
        {
            CsrMatrix csr => Constant(csr.Rows, csr.Columns, csr.RowPointers, csr.ColumnIndices, csr.Values, rowsAreLines: true),
            CscMatrix csc => Constant(csc.Rows, csc.Columns, csc.ColumnPointers, csc.RowIndices, csc.Values, rowsAreLines: false),
            DenseMatrix d => Constant(d),
            _ => null,
        };
        if (constant is null || !constant.Contains(true) || x.Rows < 2) return null;
        int[] kept = Enumerable.Range(0, x.Columns).Where(j => !constant[j]).ToArray();
        if (kept.Length == 0) return null;   // nothing but constants: the intercept-only fit is the problem itself
        return new InterceptColumns(Without(x, kept), kept, x.Columns);
    }

    /// <summary>A warm start w (p×outputs row-major) then the intercepts, reduced to the kept rows; null stays null.</summary>
    public double[]? Reduce(double[]? start, int outputs)
    {
        if (start is null) return null;
        var reduced = new double[_kept.Length * outputs + (start.Length - _columns * outputs)];
        for (int t = 0; t < _kept.Length; t++)
            Array.Copy(start, _kept[t] * outputs, reduced, t * outputs, outputs);
        Array.Copy(start, _columns * outputs, reduced, _kept.Length * outputs, start.Length - _columns * outputs);
        return reduced;
    }

    /// <summary>Each outcome's coefficients (reduced p'×m row-major) back on every column, 0 on the removed ones.</summary>
    public IReadOnlyList<FitOutcome> Expand(IReadOnlyList<FitOutcome> parts) => parts.Select(Expand).ToArray();

    private FitOutcome Expand(FitOutcome o)
    {
        int m = _kept.Length == 0 ? 0 : o.Coefficients.Length / _kept.Length;
        var full = new double[_columns * m];
        for (int t = 0; t < _kept.Length; t++)
            Array.Copy(o.Coefficients, t * m, full, _kept[t] * m, m);
        return o with { Coefficients = full };
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
