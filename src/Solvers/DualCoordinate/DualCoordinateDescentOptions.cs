namespace OptSuite.Solvers;

/// <summary>Options of <see cref="DualCoordinateDescent"/>.</summary>
public sealed record DualCoordinateDescentOptions : SolverOptions
{
    /// <summary>Seed of the per-epoch random permutation; the same seed gives bit-identical results. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>Shrink coordinates stuck at a bound (Hsieh et al. 2008, §3.1). Default true. Data read in row blocks are
    /// solved without shrinking (see <see cref="InnerEpochs"/>).</summary>
    public bool Shrinking { get; init; } = true;

    /// <summary>
    /// Compute the duality gap (one pass over the data) at most every this many epochs. Default 1. With
    /// <see cref="Shrinking"/> the hinge-type and Crammer–Singer solvers also skip epochs that ran on a shrunk set
    /// without finding it solved.
    /// </summary>
    public int GapCheckEvery { get; init; } = 1;

    /// <summary>
    /// For data read in row blocks (an <see cref="LinearAlgebra.IRowBlockedMap"/>, e.g. a shard directory), solved by
    /// block minimisation (Yu, Hsieh, Chang &amp; Lin 2010): the epochs of coordinate steps over a block's rows (and the
    /// cached rows, <see cref="BlockCacheRows"/>) each time it is read. Default 1: more epochs cost compute and did not
    /// save reads — passes to a 10⁻⁶ relative gap with 20 blocks and no cache for 1, 2 and 5 epochs: news20 (binary,
    /// unit rows) squared hinge 34, 40, 42 and logistic 11, 12, 11; a9a 39,786, 39,784, 39,825 and 3,464, 3,473, 3,506
    /// (one epoch already nearly solves a block's sub-problem; what limits the rounds is the coupling between blocks,
    /// which the cache addresses). Ignored for data in memory.
    /// </summary>
    public int InnerEpochs { get; init; } = 1;

    /// <summary>
    /// For data read in row blocks: how many rows of the other blocks block minimisation keeps in memory and updates
    /// together with each block it reads (selective block minimisation, Chang &amp; Roth 2011). Null (default): as many
    /// as the largest block holds, so memory holds about two blocks' rows; 0: plain block minimisation. Each block keeps a
    /// share in proportion to its rows, refreshed with a random sample of its informative rows (α_i &gt; 0 for the hinge
    /// losses) each time it is read. Rows of one block alone span about the same directions as all of them where blocks
    /// hold far more rows than the data have effective features, and then plain block minimisation needs thousands of
    /// rounds (see <see cref="DualCoordinateDescent"/>); the cached rows let each visit move weight between blocks.
    /// Ignored for data in memory.
    /// </summary>
    public int? BlockCacheRows { get; init; }

    /// <inheritdoc/>
    public override IEnumerable<string> Problems()
    {
        foreach (string p in base.Problems()) yield return p;
        if (GapCheckEvery < 1) yield return $"{nameof(GapCheckEvery)} must be ≥ 1; it is {GapCheckEvery}.";
        if (InnerEpochs < 1) yield return $"{nameof(InnerEpochs)} must be ≥ 1; it is {InnerEpochs}.";
        if (BlockCacheRows < 0) yield return $"{nameof(BlockCacheRows)} must be ≥ 0 (0: no cache); it is {BlockCacheRows}.";
    }
}
