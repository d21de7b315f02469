namespace OptSuite.LinearAlgebra;

/// <summary>
/// Common base of <see cref="CsrMatrix"/> and <see cref="CscMatrix"/>: a sparse matrix over compressed storage.
/// Access along the storage's lines is O(nnz of the line); access across them uses the companion orientation, built
/// once in O(nnz) on first use and shared with every view of the same storage (it doubles the memory held).
/// </summary>
public abstract class CompressedMatrix : ILinearMap
{
    private protected CompressedMatrix(CompressedStorage storage, ILinearAlgebraBackend? backend)
    {
        Storage = storage;
        Backend = backend ?? LinearAlgebraBackends.ForNewMatrix(storage.LineCount, storage.LineLength, storage.NonZeroCount);
    }

    internal CompressedStorage Storage { get; }

    /// <summary>True for CSR (lines are rows), false for CSC (lines are columns).</summary>
    private protected abstract bool RowOriented { get; }

    internal CompressedStorage RowStorage => RowOriented ? Storage : Storage.Companion;
    internal CompressedStorage ColumnStorage => RowOriented ? Storage.Companion : Storage;

    /// <inheritdoc/>
    public abstract int Rows { get; }

    /// <inheritdoc/>
    public abstract int Columns { get; }

    /// <summary>Number of stored entries (explicit zeros included).</summary>
    public int NonZeroCount => Storage.NonZeroCount;

    /// <inheritdoc/>
    public long StoredCount => Storage.NonZeroCount;

    /// <inheritdoc/>
    public ILinearAlgebraBackend Backend { get; }

    /// <summary>Stored values in storage order.</summary>
    public ReadOnlySpan<double> Values => Storage.Values.AsSpan(0, Storage.NonZeroCount);

    /// <summary>Whether indices strictly increase within every row (CSR) or column (CSC).</summary>
    public bool HasSortedIndices => Storage.IndicesSorted;

    /// <summary>Fraction of entries stored: nnz / (rows · columns); 0 for an empty shape.</summary>
    public double Density => Rows == 0 || Columns == 0 ? 0 : (double)NonZeroCount / ((double)Rows * Columns);

    /// <inheritdoc/>
    public abstract void Apply(ReadOnlySpan<double> x, Span<double> y, double alpha = 1, double beta = 0);

    /// <inheritdoc/>
    public abstract void ApplyTranspose(ReadOnlySpan<double> u, Span<double> g, double alpha = 1, double beta = 0);

    /// <inheritdoc/>
    public abstract ILinearMap Transpose();

    /// <inheritdoc/>
    public double ColumnDot(int j, ReadOnlySpan<double> u)
    {
        Checks.Index(j, Columns, nameof(j), "column");
        Checks.Length(u.Length, Rows, nameof(u), "the number of rows");
        return SparseLine.Dot(ColumnStorage, j, u);
    }

    /// <inheritdoc/>
    public void ColumnAxpy(int j, double alpha, Span<double> y)
    {
        Checks.Index(j, Columns, nameof(j), "column");
        Checks.Length(y.Length, Rows, nameof(y), "the number of rows");
        SparseLine.Axpy(ColumnStorage, j, alpha, y);
    }

    /// <inheritdoc/>
    public void ColumnSquaredNorms(Span<double> destination)
    {
        Checks.Length(destination.Length, Columns, nameof(destination), "the number of columns");
        if (RowOriented) SparseLine.CrossSquaredNorms(Storage, destination);
        else SparseLine.SquaredNorms(Storage, destination);
    }

    /// <inheritdoc/>
    public double RowDot(int i, ReadOnlySpan<double> w)
    {
        Checks.Index(i, Rows, nameof(i), "row");
        Checks.Length(w.Length, Columns, nameof(w), "the number of columns");
        return SparseLine.Dot(RowStorage, i, w);
    }

    /// <inheritdoc/>
    public void RowAxpy(int i, double alpha, Span<double> g)
    {
        Checks.Index(i, Rows, nameof(i), "row");
        Checks.Length(g.Length, Columns, nameof(g), "the number of columns");
        SparseLine.Axpy(RowStorage, i, alpha, g);
    }

    /// <inheritdoc/>
    public void RowSquaredNorms(Span<double> destination)
    {
        Checks.Length(destination.Length, Rows, nameof(destination), "the number of rows");
        if (RowOriented) SparseLine.SquaredNorms(Storage, destination);
        else SparseLine.CrossSquaredNorms(Storage, destination);
    }

    /// <summary>A dense copy in the given layout.</summary>
    public DenseMatrix ToDense(MatrixLayout layout = MatrixLayout.RowMajor)
    {
        var dense = DenseMatrix.Zeros(Rows, Columns, layout, Backend);
        var data = dense.Data;
        var s = Storage;
        for (int k = 0; k < s.LineCount; k++)
        {
            for (int q = s.Pointers[k]; q < s.Pointers[k + 1]; q++)
            {
                int i = RowOriented ? k : s.Indices[q], j = RowOriented ? s.Indices[q] : k;
                data[layout == MatrixLayout.RowMajor ? (long)i * Columns + j : (long)j * Rows + i] += s.Values[q];
            }
        }
        return dense;
    }

    /// <summary>Whether every stored value is finite (no NaN or ±∞).</summary>
    public bool AllFinite() => NonFiniteIndex() < 0;

    /// <summary>The storage position of the first NaN or ±∞ value, or −1.</summary>
    public int NonFiniteIndex()
    {
        var v = Values;
        if (double.IsFinite(LargestMagnitude())) return -1;   // the vectorised pass; the scan only to name the entry
        for (int q = 0; q < v.Length; q++) if (!double.IsFinite(v[q])) return q;
        return -1;
    }

    /// <summary>The largest |value| stored (0 when nothing is stored): NaN when a value is NaN, +∞ when one is infinite.
    /// One vectorised pass.</summary>
    public double LargestMagnitude() =>
        Values.IsEmpty ? 0 : Math.Abs(System.Numerics.Tensors.TensorPrimitives.MaxMagnitude(Values));

    private protected void CheckApply(ReadOnlySpan<double> x, Span<double> y)
    {
        Checks.Length(x.Length, Columns, nameof(x), "the number of columns");
        Checks.Length(y.Length, Rows, nameof(y), "the number of rows");
    }

    private protected void CheckApplyTranspose(ReadOnlySpan<double> u, Span<double> g)
    {
        Checks.Length(u.Length, Rows, nameof(u), "the number of rows");
        Checks.Length(g.Length, Columns, nameof(g), "the number of columns");
    }
}
