using OptSuite.LinearAlgebra;

namespace OptSuite.Cli.Commands;

/// <summary>
/// Row-blocked data seen with more columns, the extra ones zero: a shard dataset converted from a test file whose largest
/// feature index is below the training file's has fewer columns than the model, as a file read with the model's feature
/// count would not. Each block is re-wrapped as it is read (its entries copied once into buffers reused from block to
/// block), so the data stay on disk.
/// </summary>
internal sealed class ZeroPaddedBlocks : RowBlockedMap
{
    private readonly IRowBlockedMap _inner;

    public ZeroPaddedBlocks(IRowBlockedMap inner, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, inner.Columns);
        _inner = inner;
        Columns = columns;
    }

    public override int Rows => _inner.Rows;

    public override int Columns { get; }

    public override long StoredCount => _inner.StoredCount;

    public override ILinearAlgebraBackend Backend => _inner.Backend;

    public override int BlockCount => _inner.BlockCount;

    public override int BlockStart(int block) => _inner.BlockStart(block);

    protected override string Description => $"{_inner} with {Columns - _inner.Columns} zero columns appended";

    public override IEnumerable<RowBlock> ReadBlocks(IReadOnlyList<int>? order = null)
    {
        int[] pointers = [], indices = [];
        double[] values = [];
        foreach (RowBlock b in _inner.ReadBlocks(order))
        {
            int rows = b.Rows.Rows;
            ILinearMap padded;
            switch (b.Rows)
            {
                case CsrMatrix csr:
                    int nnz = csr.ColumnIndices.Length;
                    // A new pointer array per block size: the matrix wraps it as it is (length rows + 1).
                    if (pointers.Length != rows + 1) pointers = new int[rows + 1];
                    if (indices.Length < nnz) { indices = new int[nnz]; values = new double[nnz]; }
                    csr.RowPointers.CopyTo(pointers);
                    csr.ColumnIndices.CopyTo(indices);
                    csr.Values.CopyTo(values);
                    padded = new CsrMatrix(rows, Columns, pointers, indices, values, csr.Backend);
                    break;
                case DenseMatrix dense:
                    if (values.Length != (long)rows * Columns) values = new double[(long)rows * Columns];
                    else Array.Clear(values);
                    for (int i = 0; i < rows; i++) dense.Row(i).CopyTo(values.AsSpan(i * Columns, dense.Columns));
                    padded = new DenseMatrix(rows, Columns, values, MatrixLayout.RowMajor, dense.Backend);
                    break;
                default:
                    throw new InvalidOperationException($"Unexpected block storage {b.Rows.GetType().Name}.");
            }
            yield return b with { Rows = padded };
        }
    }
}
