namespace OptSuite.Solvers;

/// <summary>Options of <see cref="DualCoordinateDescent"/>.</summary>
public sealed record DualCoordinateDescentOptions : SolverOptions
{
    /// <summary>Seed of the per-epoch random permutation; the same seed gives bit-identical results. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// What stops the run; the relative duality gap at most <see cref="SolverOptions.Tolerance"/> either way.
    /// <see cref="DualStoppingRule.DualityGap"/> (default) checks the gap from the first epoch on;
    /// <see cref="DualStoppingRule.LibLinearThenGap"/> first runs until LIBLINEAR 2.3's own test holds at
    /// <see cref="LibLinearEpsilon"/>, with no gap pass before. Data in row blocks or across ranks take the gap only.
    /// </summary>
    public DualStoppingRule Stopping { get; init; }

    /// <summary>LIBLINEAR's <c>-e</c> for <see cref="DualStoppingRule.LibLinearThenGap"/>. Default 0.1, LIBLINEAR's default
    /// for its dual solvers.</summary>
    public double LibLinearEpsilon { get; init; } = 0.1;

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

    /// <summary>
    /// For the hinge, squared-hinge and logistic duals in memory: how many fixed blocks of rows are solved at the same
    /// time, each on a thread of its own (at most <see cref="LinearAlgebra.LinearAlgebraSettings.AvailableProcessors"/>
    /// run at once). Default 1: the sequential method, bit-identical run to run for a given <see cref="Seed"/>. With
    /// K &gt; 1 the blocks run asynchronously on one shared w without locks (PASSCoDe-Wild, Hsieh, Yu &amp; Dhillon 2015;
    /// see <see cref="DualCoordinateDescent"/>), so the result is NOT reproducible: which thread's read of w sees which
    /// other thread's update depends on timing, and the iterates, the epoch count and the last digits of the answer
    /// differ between runs with the same seed. What holds on every run: w is recomputed as Σα_i y_i x_i from α at the end
    /// of every epoch, so each duality-gap check, checkpoint and the result see w exactly from α, the certificate is
    /// exact and the stop is the same rule at the same tolerance. Ignored for data in row blocks or across ranks, for support vector
    /// regression and for Crammer–Singer.
    /// </summary>
    public int Threads { get; init; } = 1;

    /// <summary>Throws unless <see cref="Stopping"/> is the duality gap: block minimisation and CoCoA+ have no LIBLINEAR test.</summary>
    internal void RequireGapStop(string solver)
    {
        if (Stopping != DualStoppingRule.DualityGap)
            throw new NotSupportedException($"{solver} stops on the duality gap only; {nameof(Stopping)} = {Stopping} applies to data in memory.");
    }

    /// <inheritdoc/>
    public override IEnumerable<string> Problems()
    {
        foreach (string p in base.Problems()) yield return p;
        if (GapCheckEvery < 1) yield return $"{nameof(GapCheckEvery)} must be ≥ 1; it is {GapCheckEvery}.";
        if (InnerEpochs < 1) yield return $"{nameof(InnerEpochs)} must be ≥ 1; it is {InnerEpochs}.";
        if (!Enum.IsDefined(Stopping)) yield return $"{nameof(Stopping)} {(int)Stopping} is not a {nameof(DualStoppingRule)}.";
        if (!(LibLinearEpsilon > 0) || double.IsPositiveInfinity(LibLinearEpsilon)) yield return $"{nameof(LibLinearEpsilon)} must be a finite number > 0; it is {LibLinearEpsilon}.";
        if (Threads < 1) yield return $"{nameof(Threads)} must be ≥ 1; it is {Threads}.";
        if (BlockCacheRows < 0) yield return $"{nameof(BlockCacheRows)} must be ≥ 0 (0: no cache); it is {BlockCacheRows}.";
    }
}

/// <summary>What stops <see cref="DualCoordinateDescent"/> (<see cref="DualCoordinateDescentOptions.Stopping"/>).</summary>
public enum DualStoppingRule
{
    /// <summary>The relative duality gap (P − D)/P at most the tolerance: a certificate of the answer's accuracy.</summary>
    DualityGap,

    /// <summary>
    /// First LIBLINEAR 2.3's test with its <c>-e</c> (<see cref="DualCoordinateDescentOptions.LibLinearEpsilon"/>), on the
    /// same quantities, with no gap pass: hinge and squared hinge (-s 3, -s 1) the spread max − min of the projected
    /// gradients over an epoch of every coordinate; logistic (-s 7) the largest |h′| of an epoch's sub-problems;
    /// ε-insensitive (-s 12, -s 13) the summed violation of an epoch of every coordinate relative to the first epoch's;
    /// Crammer–Singer (-s 4) the largest per-sample spread of an epoch of every sample. Then the relative duality gap as
    /// for <see cref="DualityGap"/>. So the run goes at least as far as LIBLINEAR would at that <c>-e</c>, and never stops
    /// uncertified: where LIBLINEAR's test holds far from the optimum (unscaled data; Crammer–Singer on dna, 7% above it)
    /// the gap keeps it going.
    /// </summary>
    LibLinearThenGap,
}
