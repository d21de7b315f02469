using OptSuite.LinearAlgebra;

namespace OptSuite.Tests.Support;

/// <summary>A <see cref="RowBlockedMatrix"/> that counts its passes (enumerations of its blocks begun), as a shard
/// directory's reads would be counted: the out-of-core cost of a solver.</summary>
internal sealed class CountingRowBlocks(ILinearMap matrix, int rowsPerBlock) : RowBlockedMap
{
    private readonly RowBlockedMatrix _inner = new(matrix, rowsPerBlock);
    private int _passes;

    /// <summary>Passes begun so far.</summary>
    public int Passes => _passes;

    public override int Rows => _inner.Rows;
    public override int Columns => _inner.Columns;
    public override long StoredCount => _inner.StoredCount;
    public override ILinearAlgebraBackend Backend => _inner.Backend;
    public override int BlockCount => _inner.BlockCount;
    public override int BlockStart(int block) => _inner.BlockStart(block);

    public override IEnumerable<RowBlock> ReadBlocks(IReadOnlyList<int>? order = null)
    {
        Interlocked.Increment(ref _passes);
        foreach (var b in _inner.ReadBlocks(order)) yield return b;
    }
}
