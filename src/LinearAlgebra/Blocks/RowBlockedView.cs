namespace OptSuite.LinearAlgebra;

/// <summary>
/// A row-blocked map whose blocks are those of another one, each rewritten as it is read (<see cref="RowBlockedConstantColumn"/>
/// appends a column, <see cref="RowBlockedColumns"/> keeps some): the same blocks, rows, read-ahead and one-pass products,
/// so block-wise solvers and products see the rewritten matrix without a copy of the data.
/// </summary>
/// <remarks>
/// Each pass rewrites its blocks into buffers of its own, reused from block to block (a block is valid only until the
/// enumerator moves on), so concurrent passes share nothing. The price is one copy of the stored entries per pass,
/// O(nnz) beside the O(nnz) product; for shards on disk, reading the block dominates.
/// </remarks>
public abstract class RowBlockedView : RowBlockedMap
{
    private protected RowBlockedView(IRowBlockedMap source)
    {
        Source = source ?? throw new ArgumentNullException(nameof(source));
    }

    /// <summary>The map whose blocks are rewritten.</summary>
    public IRowBlockedMap Source { get; }

    /// <inheritdoc />
    public override int Rows => Source.Rows;

    /// <inheritdoc />
    public override ILinearAlgebraBackend Backend => Source.Backend;

    /// <inheritdoc />
    public override int BlockCount => Source.BlockCount;

    /// <inheritdoc />
    public override int BlockStart(int block) => Source.BlockStart(block);

    /// <inheritdoc />
    public override IEnumerable<RowBlock> ReadBlocks(IReadOnlyList<int>? order = null)
    {
        var buffers = new BlockBuffers();
        foreach (RowBlock b in Source.ReadBlocks(order))
            yield return b with { Rows = Rewrite(b.Rows, buffers) };
    }

    /// <inheritdoc />
    protected override string Description => $"{base.Description} (a view of {Source})";

    /// <summary>The block <paramref name="rows"/> rewritten (a <see cref="CsrMatrix"/> or row-major <see cref="DenseMatrix"/>),
    /// over <paramref name="buffers"/> where it can.</summary>
    private protected abstract ILinearMap Rewrite(ILinearMap rows, BlockBuffers buffers);

    /// <summary>The rows of a block as CSR or row-major dense (what <see cref="IRowBlockedMap.ReadBlocks"/> promises; a
    /// column-major dense block, which no reader yields, is converted).</summary>
    private protected static ILinearMap Stored(ILinearMap rows) => rows switch
    {
        CsrMatrix or DenseMatrix { Layout: MatrixLayout.RowMajor } => rows,
        DenseMatrix d => d.ToLayout(MatrixLayout.RowMajor),
        CscMatrix c => c.ToCsr(),
        _ => throw new InvalidOperationException($"A row block must be a CsrMatrix or a DenseMatrix; the source gave a {rows.GetType().Name}."),
    };
}

/// <summary>The arrays one pass of a <see cref="RowBlockedView"/> rewrites its blocks into, grown as needed.</summary>
internal sealed class BlockBuffers
{
    private int[] _pointers = [], _indices = [];
    private double[] _values = [];
    private readonly Dictionary<long, double[]> _dense = [];

    /// <summary>Row pointers for <paramref name="rows"/> rows (exactly rows + 1 long, as CSR requires).</summary>
    public int[] Pointers(int rows) => _pointers.Length == rows + 1 ? _pointers : _pointers = new int[rows + 1];

    /// <summary>Room for at least <paramref name="count"/> indices.</summary>
    public int[] Indices(int count) => _indices.Length >= count ? _indices : _indices = new int[Math.Max(count, 2 * _indices.Length)];

    /// <summary>Room for at least <paramref name="count"/> values.</summary>
    public double[] Values(int count) => _values.Length >= count ? _values : _values = new double[Math.Max(count, 2 * _values.Length)];

    /// <summary>Exactly <paramref name="length"/> doubles for a dense block (a dense matrix takes its array whole); one
    /// array per length, so the blocks of a pass (all one size but the last) reuse two.</summary>
    public double[] Dense(long length)
    {
        if (!_dense.TryGetValue(length, out double[]? data)) _dense[length] = data = new double[length];
        return data;
    }
}
