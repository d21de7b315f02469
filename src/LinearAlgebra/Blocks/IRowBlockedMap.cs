namespace OptSuite.LinearAlgebra;

/// <summary>
/// A linear map whose rows are read in blocks, one or two blocks in memory at a time: a shard directory on disk
/// (<c>OptSuite.Data.ShardedDataset</c>) or a stored matrix split by rows (<see cref="RowBlockedMatrix"/>).
/// </summary>
/// <remarks>
/// Products (<see cref="ILinearMap.Apply"/>, <see cref="ILinearMap.ApplyTranspose"/>) and squared norms take one
/// sequential pass over the blocks, so every solver that only multiplies (L-BFGS, OWL-QN, trust-region Newton, FISTA,
/// the duality gap) runs unchanged. Random access to one column or one row would read the whole data per call: it is
/// refused with <see cref="NotSupportedException"/>, and solvers that need it (coordinate descent, in-memory dual
/// coordinate descent) work block by block through <see cref="ReadBlocks"/> instead (block minimisation; Yu, Hsieh,
/// Chang &amp; Lin, KDD 2010).
/// </remarks>
public interface IRowBlockedMap : ILinearMap
{
    /// <summary>Number of row blocks.</summary>
    int BlockCount { get; }

    /// <summary>The first row of block <paramref name="block"/>; block b holds rows [BlockStart(b), BlockStart(b + 1)),
    /// and BlockStart(<see cref="BlockCount"/>) = <see cref="ILinearMap.Rows"/>.</summary>
    /// <param name="block">0 … <see cref="BlockCount"/>.</param>
    int BlockStart(int block);

    /// <summary>
    /// Reads the blocks in <paramref name="order"/> (every block in storage order when null), the next one ahead on
    /// another thread while the caller works on the current one. Each <see cref="RowBlock.Rows"/> is a stored matrix
    /// (<see cref="CsrMatrix"/> or row-major <see cref="DenseMatrix"/>) that is valid only until the enumerator moves on
    /// or is disposed: its buffers are reused.
    /// </summary>
    /// <param name="order">Block indices to visit (repeats allowed), or null for 0 … BlockCount − 1.</param>
    /// <exception cref="System.IO.InvalidDataException">A block is truncated or fails its checksum (the message names it).</exception>
    IEnumerable<RowBlock> ReadBlocks(IReadOnlyList<int>? order = null);
}

/// <summary>One block of rows of an <see cref="IRowBlockedMap"/>.</summary>
/// <param name="Index">The block's index.</param>
/// <param name="FirstRow">Its first row in the whole map.</param>
/// <param name="Rows">Its rows as a stored matrix (Rows.Rows rows, all columns), valid until the enumerator moves on.</param>
public readonly record struct RowBlock(int Index, int FirstRow, ILinearMap Rows);
