namespace OptSuite.LinearAlgebra;

/// <summary>
/// A sparse matrix in compressed sparse row (CSR) storage with 0-based int32 indices (MKL's LP64 convention):
/// row i holds <see cref="ColumnIndices"/>/<see cref="CompressedMatrix.Values"/>[RowPointers[i] .. RowPointers[i+1]).
/// Fast rows and fast Ax; the natural storage for svmlight data and dual (row-wise) methods.
/// </summary>
public sealed class CsrMatrix : CompressedMatrix
{
    internal CsrMatrix(int rows, int columns, CompressedStorage storage, ILinearAlgebraBackend? backend)
        : base(storage, backend)
    {
        Rows = rows;
        Columns = columns;
    }

    /// <summary>
    /// Wraps existing CSR arrays without copying. The arrays are validated (pointer monotonicity, index range) and must
    /// not be modified afterwards. Indices need not be sorted within a row; duplicates are allowed and act as a sum.
    /// </summary>
    public CsrMatrix(int rows, int columns, int[] rowPointers, int[] columnIndices, double[] values,
        ILinearAlgebraBackend? backend = null)
        : this(rows, columns,
            CompressedStorage.Wrap(rows, columns, rowPointers, columnIndices, values,
                nameof(rowPointers), nameof(columnIndices), nameof(values)),
            backend)
    {
    }

    /// <summary>
    /// Builds a CSR matrix from triplets (i, j, a_ij) in O(nnz + rows + columns): entries sorted within each row,
    /// duplicates summed, explicit zeros kept. The inputs are not modified.
    /// </summary>
    public static CsrMatrix FromTriplets(int rows, int columns, ReadOnlySpan<int> rowIndices,
        ReadOnlySpan<int> columnIndices, ReadOnlySpan<double> values, ILinearAlgebraBackend? backend = null)
    {
        Checks.Dimension(rows, nameof(rows));
        Checks.Dimension(columns, nameof(columns));
        var s = CompressedStorage.FromTriplets(rows, columns, rowIndices, columnIndices, values,
            nameof(rowIndices), nameof(columnIndices), nameof(values));
        return new CsrMatrix(rows, columns, s, backend);
    }

    /// <inheritdoc/>
    public override int Rows { get; }

    /// <inheritdoc/>
    public override int Columns { get; }

    private protected override bool RowOriented => true;

    /// <summary>Row pointers (length Rows + 1).</summary>
    public ReadOnlySpan<int> RowPointers => Storage.Pointers;

    /// <summary>Column index of each stored entry.</summary>
    public ReadOnlySpan<int> ColumnIndices => Storage.Indices.AsSpan(0, Storage.NonZeroCount);

    /// <summary>The same matrix using another backend (storage shared, no copy).</summary>
    public CsrMatrix WithBackend(ILinearAlgebraBackend backend) =>
        new(Rows, Columns, Storage, backend ?? throw new ArgumentNullException(nameof(backend)));

    /// <summary>
    /// [A, c·1]: a copy with one more column, every entry <paramref name="value"/> (one stored entry appended to each row,
    /// so sorted rows stay sorted), with the same backend (a penalised bias column, LIBLINEAR's <c>-B</c>).
    /// </summary>
    /// <param name="value">The constant c; must be finite (0 is stored as explicit zeros).</param>
    public CsrMatrix AppendConstantColumn(double value)
    {
        Checks.Finite(value, nameof(value));
        int n = Rows, p = Columns;
        if (p == int.MaxValue) throw new InvalidOperationException("The matrix already has int.MaxValue columns.");
        int stored = ColumnIndices.Length;
        Checks.Storable((long)stored + n, "stored entries");
        var pointers = new int[n + 1];
        var indices = new int[stored + n];
        var values = new double[stored + n];
        WriteWithConstantColumn(this, value, pointers, indices, values);
        return new CsrMatrix(n, p + 1, pointers, indices, values, Backend);
    }

    /// <summary>
    /// The same rows over <paramref name="columns"/> columns with every column index moved up by <paramref name="shift"/>
    /// (column j becomes j + shift): the local rows of a distributed svmlight read once the ranks agree on the feature
    /// count and the index base. Shares the pointers and values (and the indices when the shift is 0); same backend.
    /// </summary>
    /// <param name="columns">The new column count, at least <see cref="Columns"/> + <paramref name="shift"/>.</param>
    /// <param name="shift">0 or more.</param>
    public CsrMatrix WithColumns(int columns, int shift = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shift);
        if (columns < Columns + shift)
            throw new ArgumentOutOfRangeException(nameof(columns), columns, $"The matrix uses {Columns} columns{(shift > 0 ? $" shifted by {shift}" : "")}; it needs at least {Columns + shift}.");
        var s = Storage;
        int[] indices = s.Indices;
        if (shift != 0)
        {
            indices = new int[s.NonZeroCount];
            for (int e = 0; e < indices.Length; e++) indices[e] = s.Indices[e] + shift;
        }
        return new CsrMatrix(Rows, columns, new CompressedStorage(Rows, columns, s.Pointers, indices, s.Values, s.IndicesSorted), Backend);
    }

    /// <summary>Rows [<paramref name="from"/>, <paramref name="to"/>) as a new matrix (a copy; same columns and backend):
    /// a rank's share of the rows in a distributed run, say.</summary>
    /// <param name="from">The first row.</param>
    /// <param name="to">One past the last row.</param>
    public CsrMatrix SliceRows(int from, int to)
    {
        if (from < 0 || to < from || to > Rows)
            throw new ArgumentOutOfRangeException(nameof(to), $"Rows [{from}, {to}) are not within the matrix's {Rows} rows.");
        ReadOnlySpan<int> ptr = RowPointers;
        int start = ptr[from], end = ptr[to];
        var pointers = new int[to - from + 1];
        for (int i = from; i <= to; i++) pointers[i - from] = ptr[i] - start;
        return new CsrMatrix(to - from, Columns, pointers, ColumnIndices[start..end].ToArray(), Values[start..end].ToArray(), Backend);
    }

    /// <summary>The rows <paramref name="rows"/> in that order (a copy; a row may appear more than once, as in a bootstrap
    /// sample), same columns and backend: a training or test subset, a cross-validation fold.</summary>
    /// <param name="rows">Row indices in [0, <see cref="Rows"/>).</param>
    public CsrMatrix SelectRows(ReadOnlySpan<int> rows)
    {
        Checks.RowIndices(rows, Rows, nameof(rows));
        ReadOnlySpan<int> ptr = RowPointers, idx = ColumnIndices;
        ReadOnlySpan<double> val = Values;
        var pointers = new int[rows.Length + 1];
        for (int r = 0; r < rows.Length; r++)
        {
            long next = (long)pointers[r] + ptr[rows[r] + 1] - ptr[rows[r]];
            if (next > int.MaxValue) throw new ArgumentException($"The selected rows hold more than {int.MaxValue} non-zeros.", nameof(rows));
            pointers[r + 1] = (int)next;
        }
        var indices = new int[pointers[^1]];
        var values = new double[pointers[^1]];
        for (int r = 0; r < rows.Length; r++)
        {
            int from = ptr[rows[r]], count = ptr[rows[r] + 1] - from;
            idx.Slice(from, count).CopyTo(indices.AsSpan(pointers[r], count));
            val.Slice(from, count).CopyTo(values.AsSpan(pointers[r], count));
        }
        return new CsrMatrix(rows.Length, Columns, pointers, indices, values, Backend);
    }

    /// <summary>Writes [A, c·1]'s CSR arrays (n + 1 pointers, nnz + n entries) into the given spans.</summary>
    internal static void WriteWithConstantColumn(CsrMatrix a, double value, Span<int> pointers, Span<int> indices, Span<double> values)
    {
        ReadOnlySpan<int> ptr = a.RowPointers, col = a.ColumnIndices;
        ReadOnlySpan<double> val = a.Values;
        int n = a.Rows, p = a.Columns, t = 0;
        for (int i = 0; i < n; i++)
        {
            pointers[i] = t;
            int length = ptr[i + 1] - ptr[i];
            col.Slice(ptr[i], length).CopyTo(indices[t..]);
            val.Slice(ptr[i], length).CopyTo(values[t..]);
            t += length;
            indices[t] = p;
            values[t++] = value;
        }
        pointers[n] = t;
    }

    /// <summary>The same matrix in CSC storage (built once in O(nnz) and cached; sorted indices).</summary>
    public CscMatrix ToCsc() => new(Rows, Columns, Storage.Companion, Backend);

    /// <summary>Aᵀ in CSC storage over the same arrays (no copy).</summary>
    public override ILinearMap Transpose() => TransposeCsc();

    /// <summary>Aᵀ as a <see cref="CscMatrix"/> over the same arrays (no copy).</summary>
    public CscMatrix TransposeCsc() => new(Columns, Rows, Storage, Backend);

    /// <inheritdoc/>
    public override void Apply(ReadOnlySpan<double> x, Span<double> y, double alpha = 1, double beta = 0)
    {
        CheckApply(x, y);
        Backend.SparseMv(this, Operation.NoTranspose, alpha, x, beta, y);
    }

    /// <inheritdoc/>
    public override void ApplyTranspose(ReadOnlySpan<double> u, Span<double> g, double alpha = 1, double beta = 0)
    {
        CheckApplyTranspose(u, g);
        Backend.SparseMv(this, Operation.Transpose, alpha, u, beta, g);
    }

    /// <inheritdoc/>
    public override string ToString() => $"CsrMatrix {Rows}×{Columns}, nnz {NonZeroCount}, {Backend.Kind}";
}
