namespace OptSuite.LinearAlgebra;

/// <summary>
/// A stored matrix seen as consecutive blocks of rows, for running and testing the block-wise solvers on data that
/// fit in memory: it behaves as a shard directory does (products by passes, random access refused) without the disk.
/// </summary>
public sealed class RowBlockedMatrix : RowBlockedMap
{
    private readonly ILinearMap[] _blocks;
    private readonly int[] _starts;

    /// <summary>Splits <paramref name="matrix"/> into blocks of <paramref name="rowsPerBlock"/> rows (the last may be shorter).</summary>
    /// <param name="matrix">A <see cref="CsrMatrix"/>, <see cref="CscMatrix"/> or <see cref="DenseMatrix"/>; not changed or kept.</param>
    /// <param name="rowsPerBlock">Rows per block, at least 1.</param>
    public RowBlockedMatrix(ILinearMap matrix, int rowsPerBlock)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentOutOfRangeException.ThrowIfLessThan(rowsPerBlock, 1);
        Rows = matrix.Rows;
        Columns = matrix.Columns;
        Backend = matrix.Backend;
        int count = Rows == 0 ? 0 : (Rows + rowsPerBlock - 1) / rowsPerBlock;
        _blocks = new ILinearMap[count];
        _starts = new int[count + 1];
        // Row storage once (a dense copy or CSC's cached CSR companion), not per block.
        ILinearMap rows = matrix switch
        {
            DenseMatrix { Layout: MatrixLayout.ColumnMajor } d => d.ToLayout(MatrixLayout.RowMajor),
            CscMatrix c => c.ToCsr(),
            _ => matrix,
        };
        for (int b = 0; b < count; b++)
        {
            int first = b * rowsPerBlock, last = Math.Min(Rows, first + rowsPerBlock);
            _starts[b] = first;
            _blocks[b] = Slice(rows, first, last);
            StoredCount += _blocks[b].StoredCount;
        }
        _starts[count] = Rows;
    }

    /// <inheritdoc />
    public override int Rows { get; }

    /// <inheritdoc />
    public override int Columns { get; }

    /// <inheritdoc />
    public override long StoredCount { get; }

    /// <inheritdoc />
    public override ILinearAlgebraBackend Backend { get; }

    /// <inheritdoc />
    public override int BlockCount => _blocks.Length;

    /// <inheritdoc />
    public override int BlockStart(int block)
    {
        Checks.Index(block, _blocks.Length + 1, nameof(block), "block");
        return _starts[block];
    }

    /// <inheritdoc />
    public override IEnumerable<RowBlock> ReadBlocks(IReadOnlyList<int>? order = null)
    {
        int count = order?.Count ?? _blocks.Length;
        for (int k = 0; k < count; k++)
        {
            int b = order is null ? k : order[k];
            Checks.Index(b, _blocks.Length, nameof(order), "block");
            yield return new RowBlock(b, _starts[b], _blocks[b]);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"RowBlockedMatrix {Rows}×{Columns} in {BlockCount} blocks";

    private ILinearMap Slice(ILinearMap m, int first, int last) => m switch
    {
        DenseMatrix d => new DenseMatrix(last - first, Columns, d.Values.Slice(first * Columns, (last - first) * Columns).ToArray(), MatrixLayout.RowMajor, Backend),
        CsrMatrix s => s.SliceRows(first, last),
        _ => throw new ArgumentException($"A RowBlockedMatrix splits a stored matrix (dense, CSR or CSC); {m.GetType().Name} is not one.", nameof(m)),
    };
}
