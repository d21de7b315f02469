namespace OptSuite.LinearAlgebra;

/// <summary>
/// A dense m × n matrix over one contiguous <c>double[]</c> in row-major or column-major order, with no padding
/// (leading dimension = Columns for row-major, Rows for column-major). Constructors wrap arrays without copying, so a
/// MathNet dense matrix (column-major) or a caller's buffer is used in place; OptSuite never writes into a matrix it
/// was given as data.
/// </summary>
/// <remarks>
/// Rows are contiguous in row-major storage and columns in column-major storage; the other access is strided but
/// still O(length). <see cref="Transpose()"/> is free: the same array read in the other layout.
/// </remarks>
public sealed class DenseMatrix : ILinearMap
{
    /// <summary>Wraps <paramref name="data"/> (length rows·columns) without copying.</summary>
    public DenseMatrix(int rows, int columns, double[] data, MatrixLayout layout = MatrixLayout.RowMajor,
        ILinearAlgebraBackend? backend = null)
    {
        Checks.Dimension(rows, nameof(rows));
        Checks.Dimension(columns, nameof(columns));
        ArgumentNullException.ThrowIfNull(data);
        long size = (long)rows * columns;
        if (data.LongLength != size)
            throw new ArgumentException($"data must have length rows·columns = {size}; it has length {data.LongLength}.", nameof(data));
        if (layout is not (MatrixLayout.RowMajor or MatrixLayout.ColumnMajor))
            throw new ArgumentOutOfRangeException(nameof(layout), layout, "Unknown layout.");
        Rows = rows;
        Columns = columns;
        Data = data;
        Layout = layout;
        Backend = backend ?? LinearAlgebraBackends.ForNewMatrix(rows, columns, (long)rows * columns);
    }

    /// <summary>A new zero matrix.</summary>
    public static DenseMatrix Zeros(int rows, int columns, MatrixLayout layout = MatrixLayout.RowMajor,
        ILinearAlgebraBackend? backend = null)
    {
        Checks.Dimension(rows, nameof(rows));
        Checks.Dimension(columns, nameof(columns));
        return new DenseMatrix(rows, columns, new double[(long)rows * columns], layout, backend);
    }

    /// <summary>A row-major copy of a 2-D array.</summary>
    public static DenseMatrix FromArray(double[,] values, ILinearAlgebraBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        int m = values.GetLength(0), n = values.GetLength(1);
        var data = new double[(long)m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
                data[(long)i * n + j] = values[i, j];
        return new DenseMatrix(m, n, data, MatrixLayout.RowMajor, backend);
    }

    /// <summary>A row-major copy of jagged rows, which must all have the same length.</summary>
    public static DenseMatrix FromRows(IReadOnlyList<double[]> rows, ILinearAlgebraBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        int m = rows.Count, n = m == 0 ? 0 : (rows[0] ?? throw new ArgumentException("rows[0] is null.", nameof(rows))).Length;
        var data = new double[(long)m * n];
        for (int i = 0; i < m; i++)
        {
            var r = rows[i] ?? throw new ArgumentException($"rows[{i}] is null.", nameof(rows));
            if (r.Length != n) throw new ArgumentException($"rows[{i}] has length {r.Length}; rows[0] has {n}.", nameof(rows));
            r.CopyTo(data, (long)i * n);
        }
        return new DenseMatrix(m, n, data, MatrixLayout.RowMajor, backend);
    }

    /// <inheritdoc/>
    public int Rows { get; }

    /// <inheritdoc/>
    public int Columns { get; }

    /// <summary>Storage order of <see cref="Data"/>.</summary>
    public MatrixLayout Layout { get; }

    /// <inheritdoc/>
    public ILinearAlgebraBackend Backend { get; }

    /// <inheritdoc/>
    public long StoredCount => (long)Rows * Columns;

    /// <summary>The storage array (shared, not copied).</summary>
    internal double[] Data { get; }

    /// <summary>The elements in storage order (see <see cref="Layout"/>).</summary>
    public ReadOnlySpan<double> Values => Data;

    /// <summary>The elements in storage order, writable: for matrices that OptSuite fills (Gram matrices, outputs).</summary>
    public Span<double> GetWritableValues() => Data;

    /// <summary>A copy as a two-dimensional array (rows × columns), whatever the layout.</summary>
    public double[,] ToArray()
    {
        var result = new double[Rows, Columns];
        for (int i = 0; i < Rows; i++)
            for (int j = 0; j < Columns; j++)
                result[i, j] = Layout == MatrixLayout.RowMajor ? Data[(long)i * Columns + j] : Data[(long)j * Rows + i];
        return result;
    }

    /// <summary>The rows <paramref name="rows"/> in that order (a row-major copy; a row may appear more than once), same
    /// backend: a training or test subset, a cross-validation fold.</summary>
    /// <param name="rows">Row indices in [0, <see cref="Rows"/>).</param>
    public DenseMatrix SelectRows(ReadOnlySpan<int> rows)
    {
        Checks.RowIndices(rows, Rows, nameof(rows));
        int p = Columns;
        var data = new double[(long)rows.Length * p];
        for (int r = 0; r < rows.Length; r++)
        {
            if (Layout == MatrixLayout.RowMajor) Row(rows[r]).CopyTo(data.AsSpan((int)((long)r * p), p));
            else for (int j = 0; j < p; j++) data[(long)r * p + j] = Data[(long)j * Rows + rows[r]];
        }
        return new DenseMatrix(rows.Length, p, data, MatrixLayout.RowMajor, Backend);
    }

    /// <summary>Element (i, j).</summary>
    public double this[int i, int j]
    {
        get => Data[Offset(i, j)];
        set => Data[Offset(i, j)] = value;
    }

    private long Offset(int i, int j)
    {
        Checks.Index(i, Rows, nameof(i), "row");
        Checks.Index(j, Columns, nameof(j), "column");
        return Layout == MatrixLayout.RowMajor ? (long)i * Columns + j : (long)j * Rows + i;
    }

    /// <summary>Row i as a contiguous span (row-major only).</summary>
    public ReadOnlySpan<double> Row(int i)
    {
        Checks.Index(i, Rows, nameof(i), "row");
        if (Layout != MatrixLayout.RowMajor)
            throw new InvalidOperationException("Row spans need row-major storage; use RowDot/RowAxpy or ToLayout(RowMajor).");
        return Data.AsSpan(i * Columns, Columns);
    }

    /// <summary>Column j as a contiguous span (column-major only).</summary>
    public ReadOnlySpan<double> Column(int j)
    {
        Checks.Index(j, Columns, nameof(j), "column");
        if (Layout != MatrixLayout.ColumnMajor)
            throw new InvalidOperationException("Column spans need column-major storage; use ColumnDot/ColumnAxpy or ToLayout(ColumnMajor).");
        return Data.AsSpan(j * Rows, Rows);
    }

    /// <summary>A copy in <paramref name="layout"/> (a plain copy when it is already that layout).</summary>
    public DenseMatrix ToLayout(MatrixLayout layout)
    {
        var result = Zeros(Rows, Columns, layout, Backend);
        if (layout == Layout)
        {
            Data.CopyTo(result.Data, 0);
            return result;
        }
        // Blocked transpose of the storage keeps both sides cache-friendly.
        int outer = Layout == MatrixLayout.RowMajor ? Rows : Columns;
        int inner = Layout == MatrixLayout.RowMajor ? Columns : Rows;
        const int B = 64;
        for (int a0 = 0; a0 < outer; a0 += B)
            for (int b0 = 0; b0 < inner; b0 += B)
                for (int a = a0; a < Math.Min(a0 + B, outer); a++)
                    for (int b = b0; b < Math.Min(b0 + B, inner); b++)
                        result.Data[(long)b * outer + a] = Data[(long)a * inner + b];
        return result;
    }

    /// <summary>
    /// [A, c·1]: a copy with one more column, every entry <paramref name="value"/>, in the same layout and backend
    /// (a penalised bias column, LIBLINEAR's <c>-B</c>).
    /// </summary>
    /// <param name="value">The constant c; must be finite.</param>
    public DenseMatrix AppendConstantColumn(double value)
    {
        Checks.Finite(value, nameof(value));
        int n = Rows, p = Columns;
        if (p == int.MaxValue) throw new InvalidOperationException("The matrix already has int.MaxValue columns.");
        Checks.Storable((long)n * (p + 1), "entries");
        var data = new double[(long)n * (p + 1)];
        if (Layout == MatrixLayout.RowMajor)
        {
            for (int i = 0; i < n; i++)
            {
                Data.AsSpan(i * p, p).CopyTo(data.AsSpan(i * (p + 1), p));
                data[i * (p + 1) + p] = value;
            }
        }
        else
        {
            Data.CopyTo(data, 0);
            data.AsSpan(n * p, n).Fill(value);
        }
        return new DenseMatrix(n, p + 1, data, Layout, Backend);
    }

    /// <summary>The same matrix using another backend (storage shared).</summary>
    public DenseMatrix WithBackend(ILinearAlgebraBackend backend) =>
        new(Rows, Columns, Data, Layout, backend ?? throw new ArgumentNullException(nameof(backend)));

    /// <summary>Aᵀ over the same array (no copy): the storage read in the other layout.</summary>
    public DenseMatrix TransposeDense() => new(Columns, Rows, Data,
        Layout == MatrixLayout.RowMajor ? MatrixLayout.ColumnMajor : MatrixLayout.RowMajor, Backend);

    /// <inheritdoc/>
    public ILinearMap Transpose() => TransposeDense();

    /// <summary>Whether every element is finite (no NaN or ±∞).</summary>
    public bool AllFinite() => NonFiniteIndex() < 0;

    /// <summary>The storage position of the first NaN or ±∞ element, or −1.</summary>
    public long NonFiniteIndex()
    {
        if (double.IsFinite(LargestMagnitude())) return -1;   // the vectorised pass; the scan only to name the element
        for (long q = 0; q < Data.LongLength; q++) if (!double.IsFinite(Data[q])) return q;
        return -1;
    }

    /// <summary>The largest |element| (0 for an empty matrix): NaN when an element is NaN, +∞ when one is infinite. One
    /// vectorised pass.</summary>
    public double LargestMagnitude() =>
        Data.Length == 0 ? 0 : Math.Abs(System.Numerics.Tensors.TensorPrimitives.MaxMagnitude<double>(Data));

    /// <inheritdoc/>
    public void Apply(ReadOnlySpan<double> x, Span<double> y, double alpha = 1, double beta = 0)
    {
        Checks.Length(x.Length, Columns, nameof(x), "the number of columns");
        Checks.Length(y.Length, Rows, nameof(y), "the number of rows");
        Backend.Gemv(this, Operation.NoTranspose, alpha, x, beta, y);
    }

    /// <inheritdoc/>
    public void ApplyTranspose(ReadOnlySpan<double> u, Span<double> g, double alpha = 1, double beta = 0)
    {
        Checks.Length(u.Length, Rows, nameof(u), "the number of rows");
        Checks.Length(g.Length, Columns, nameof(g), "the number of columns");
        Backend.Gemv(this, Operation.Transpose, alpha, u, beta, g);
    }

    /// <inheritdoc/>
    public double ColumnDot(int j, ReadOnlySpan<double> u)
    {
        Checks.Index(j, Columns, nameof(j), "column");
        Checks.Length(u.Length, Rows, nameof(u), "the number of rows");
        if (Layout == MatrixLayout.ColumnMajor)
            return System.Numerics.Tensors.TensorPrimitives.Dot(Data.AsSpan(j * Rows, Rows), u);
        double s = 0;
        for (int i = 0; i < Rows; i++) s += Data[(long)i * Columns + j] * u[i];
        return s;
    }

    /// <inheritdoc/>
    public void ColumnAxpy(int j, double alpha, Span<double> y)
    {
        Checks.Index(j, Columns, nameof(j), "column");
        Checks.Length(y.Length, Rows, nameof(y), "the number of rows");
        if (Layout == MatrixLayout.ColumnMajor)
        {
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(Data.AsSpan(j * Rows, Rows), alpha, y, y);
            return;
        }
        for (int i = 0; i < Rows; i++) y[i] += alpha * Data[(long)i * Columns + j];
    }

    /// <inheritdoc/>
    public double RowDot(int i, ReadOnlySpan<double> w)
    {
        Checks.Index(i, Rows, nameof(i), "row");
        Checks.Length(w.Length, Columns, nameof(w), "the number of columns");
        if (Layout == MatrixLayout.RowMajor)
            return System.Numerics.Tensors.TensorPrimitives.Dot(Data.AsSpan(i * Columns, Columns), w);
        double s = 0;
        for (int j = 0; j < Columns; j++) s += Data[(long)j * Rows + i] * w[j];
        return s;
    }

    /// <inheritdoc/>
    public void RowAxpy(int i, double alpha, Span<double> g)
    {
        Checks.Index(i, Rows, nameof(i), "row");
        Checks.Length(g.Length, Columns, nameof(g), "the number of columns");
        if (Layout == MatrixLayout.RowMajor)
        {
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(Data.AsSpan(i * Columns, Columns), alpha, g, g);
            return;
        }
        for (int j = 0; j < Columns; j++) g[j] += alpha * Data[(long)j * Rows + i];
    }

    /// <inheritdoc/>
    public void ColumnSquaredNorms(Span<double> destination)
    {
        Checks.Length(destination.Length, Columns, nameof(destination), "the number of columns");
        SquaredNorms(Layout == MatrixLayout.ColumnMajor, Columns, Rows, destination);
    }

    /// <inheritdoc/>
    public void RowSquaredNorms(Span<double> destination)
    {
        Checks.Length(destination.Length, Rows, nameof(destination), "the number of rows");
        SquaredNorms(Layout == MatrixLayout.RowMajor, Rows, Columns, destination);
    }

    private void SquaredNorms(bool contiguous, int count, int length, Span<double> destination)
    {
        if (contiguous)
        {
            for (int k = 0; k < count; k++)
            {
                var line = Data.AsSpan(k * length, length);
                destination[k] = System.Numerics.Tensors.TensorPrimitives.Dot(line, line);
            }
            return;
        }
        destination.Clear();
        for (int a = 0; a < length; a++)
        {
            var line = Data.AsSpan(a * count, count);
            for (int k = 0; k < count; k++) destination[k] += line[k] * line[k];
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"DenseMatrix {Rows}×{Columns}, {Layout}, {Backend.Kind}";
}
