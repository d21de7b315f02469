namespace OptSuite.LinearAlgebra;

/// <summary>
/// A sparse matrix in compressed sparse column (CSC) storage with 0-based int32 indices:
/// column j holds <see cref="RowIndices"/>/<see cref="CompressedMatrix.Values"/>[ColumnPointers[j] .. ColumnPointers[j+1]).
/// Fast columns; the natural storage for coordinate descent on sparse data.
/// </summary>
public sealed class CscMatrix : CompressedMatrix
{
    internal CscMatrix(int rows, int columns, CompressedStorage storage, ILinearAlgebraBackend? backend)
        : base(storage, backend)
    {
        Rows = rows;
        Columns = columns;
    }

    /// <summary>
    /// Wraps existing CSC arrays without copying. The arrays are validated and must not be modified afterwards.
    /// Indices need not be sorted within a column; duplicates are allowed and act as a sum.
    /// </summary>
    public CscMatrix(int rows, int columns, int[] columnPointers, int[] rowIndices, double[] values,
        ILinearAlgebraBackend? backend = null)
        : this(rows, columns,
            CompressedStorage.Wrap(columns, rows, columnPointers, rowIndices, values,
                nameof(columnPointers), nameof(rowIndices), nameof(values)),
            backend)
    {
    }

    /// <summary>
    /// Builds a CSC matrix from triplets (i, j, a_ij) in O(nnz + rows + columns): entries sorted within each column,
    /// duplicates summed, explicit zeros kept. The inputs are not modified.
    /// </summary>
    public static CscMatrix FromTriplets(int rows, int columns, ReadOnlySpan<int> rowIndices,
        ReadOnlySpan<int> columnIndices, ReadOnlySpan<double> values, ILinearAlgebraBackend? backend = null)
    {
        Checks.Dimension(rows, nameof(rows));
        Checks.Dimension(columns, nameof(columns));
        var s = CompressedStorage.FromTriplets(columns, rows, columnIndices, rowIndices, values,
            nameof(columnIndices), nameof(rowIndices), nameof(values));
        return new CscMatrix(rows, columns, s, backend);
    }

    /// <inheritdoc/>
    public override int Rows { get; }

    /// <inheritdoc/>
    public override int Columns { get; }

    private protected override bool RowOriented => false;

    /// <summary>Column pointers (length Columns + 1).</summary>
    public ReadOnlySpan<int> ColumnPointers => Storage.Pointers;

    /// <summary>Row index of each stored entry.</summary>
    public ReadOnlySpan<int> RowIndices => Storage.Indices.AsSpan(0, Storage.NonZeroCount);

    /// <summary>The same matrix using another backend (storage shared, no copy).</summary>
    public CscMatrix WithBackend(ILinearAlgebraBackend backend) =>
        new(Rows, Columns, Storage, backend ?? throw new ArgumentNullException(nameof(backend)));

    /// <summary>
    /// [A, c·1]: a copy with one more column, every entry <paramref name="value"/> (rows 0..n−1 in order), with the same
    /// backend (a penalised bias column, LIBLINEAR's <c>-B</c>).
    /// </summary>
    /// <param name="value">The constant c; must be finite (0 is stored as explicit zeros).</param>
    public CscMatrix AppendConstantColumn(double value)
    {
        Checks.Finite(value, nameof(value));
        int n = Rows, p = Columns;
        if (p == int.MaxValue) throw new InvalidOperationException("The matrix already has int.MaxValue columns.");
        ReadOnlySpan<int> ptr = ColumnPointers, row = RowIndices;
        int nnz = row.Length;
        Checks.Storable((long)nnz + n, "stored entries");
        var pointers = new int[p + 2];
        ptr.CopyTo(pointers);
        pointers[p + 1] = nnz + n;
        var indices = new int[nnz + n];
        var values = new double[nnz + n];
        row.CopyTo(indices);
        Values.CopyTo(values);
        for (int i = 0; i < n; i++) indices[nnz + i] = i;
        values.AsSpan(nnz).Fill(value);
        return new CscMatrix(n, p + 1, pointers, indices, values, Backend);
    }

    /// <summary>The rows <paramref name="rows"/> in that order (a copy in CSC storage; a row may appear more than once),
    /// same columns and backend.</summary>
    /// <param name="rows">Row indices in [0, <see cref="Rows"/>).</param>
    public CscMatrix SelectRows(ReadOnlySpan<int> rows) => ToCsr().SelectRows(rows).ToCsc();

    /// <summary>The same matrix in CSR storage (built once in O(nnz) and cached; sorted indices).</summary>
    public CsrMatrix ToCsr() => new(Rows, Columns, Storage.Companion, Backend);

    /// <summary>Aᵀ in CSR storage over the same arrays (no copy).</summary>
    public override ILinearMap Transpose() => TransposeCsr();

    /// <summary>Aᵀ as a <see cref="CsrMatrix"/> over the same arrays (no copy).</summary>
    public CsrMatrix TransposeCsr() => new(Columns, Rows, Storage, Backend);

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
    public override string ToString() => $"CscMatrix {Rows}×{Columns}, nnz {NonZeroCount}, {Backend.Kind}";
}
