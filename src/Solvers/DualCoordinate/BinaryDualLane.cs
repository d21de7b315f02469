namespace OptSuite.Solvers;

/// <summary>
/// One fixed block of rows of <see cref="BinaryDualState"/>: its slice of the coordinate order, its active (unshrunk)
/// count and permutation stream, and what its last epoch found. Blocks own disjoint α_i; all of them read and write the
/// one w (see <see cref="DualCoordinateDescentOptions.Threads"/>).
/// </summary>
internal sealed class BinaryDualLane(int start, int count, int seed)
{
    /// <summary>The block's first position in the state's coordinate order.</summary>
    public int Start { get; } = start;

    /// <summary>The block's rows (with C_i &gt; 0).</summary>
    public int Count { get; } = count;

    /// <summary>Its active rows: positions [Start, Start + Active).</summary>
    public int Active { get; set; } = count;

    /// <summary>The per-epoch permutation of the block's active rows.</summary>
    public EpochShuffle Shuffle { get; set; } = new(seed);

    /// <summary>The last epoch's largest projected gradient (logistic: largest |h′| at a sub-problem's start).</summary>
    public double First { get; private set; }

    /// <summary>The last epoch's smallest projected gradient (hinge-type losses).</summary>
    public double Second { get; private set; }

    /// <summary>The last epoch's coordinate updates.</summary>
    public long Updates { get; private set; }

    /// <summary>The last epoch's Newton steps (logistic).</summary>
    public long Newton { get; private set; }

    /// <summary>Records what the epoch found.</summary>
    public void Ended(double first, double second, long updates, long newton)
    {
        First = first;
        Second = second;
        Updates = updates;
        Newton = newton;
    }
}
