using OptSuite.LinearAlgebra;
using OptSuite.LinearAlgebra.Managed;

namespace OptSuite.Solvers;

/// <summary>
/// The blocks of rows of <see cref="BinaryDualState"/> and how an epoch runs them: one block in turn, or
/// <see cref="DualCoordinateDescentOptions.Threads"/> = K &gt; 1 blocks at the same time on one shared w without locks
/// (PASSCoDe-Wild, Hsieh, Yu &amp; Dhillon 2015), w recomputed as Σα_i y_i x_i at the end of every epoch.
/// </summary>
internal sealed partial class BinaryDualState
{
    private readonly BinaryDualLane[] _lanes;
    private readonly LaneJob _laneJob;

    /// <summary>K contiguous slices of the coordinate order (rows in their natural order), as even as can be.</summary>
    private BinaryDualLane[] CreateLanes()
    {
        int k = Math.Max(1, Math.Min(_options.Threads, _count));
        var lanes = new BinaryDualLane[k];
        for (int b = 0; b < k; b++)
        {
            int start = (int)((long)_count * b / k), end = (int)((long)_count * (b + 1) / k);
            lanes[b] = new BinaryDualLane(start, end - start, LaneSeed(b, k));
        }
        return lanes;
    }

    /// <summary>The seed of block <paramref name="lane"/>'s permutations from epoch <see cref="_epochs"/> on (one block: the
    /// option's seed, as the sequential method always had).</summary>
    private int LaneSeed(int lane, int lanes) => lanes == 1
        ? unchecked(_options.Seed + 104_729 * _epochs)
        : unchecked(_options.Seed * 7919 + lane + 104_729 * _epochs);

    /// <summary>After a restore: every row active, the permutations seeded by the epoch.</summary>
    private void ResetLanes()
    {
        RestoreActive();
        for (int b = 0; b < _lanes.Length; b++) _lanes[b].Shuffle = new EpochShuffle(LaneSeed(b, _lanes.Length));
    }

    private void RestoreActive()
    {
        foreach (BinaryDualLane lane in _lanes) lane.Active = lane.Count;
        _active = _count;
    }

    /// <summary>One epoch of every block: in turn with one, on up to K threads otherwise (then w from α).</summary>
    private void RunLanes()
    {
        if (_lanes.Length == 1)
        {
            RunLane(_lanes[0]);
            return;
        }
        ParallelWorkers.Run(_laneJob, Math.Min(_lanes.Length, LinearAlgebraSettings.AvailableProcessors));
        RecomputeWeights();
    }

    private void RunLane(BinaryDualLane lane)
    {
        lane.Shuffle.Shuffle(_index.AsSpan(lane.Start, lane.Active));
        if (_logistic) LogisticEpoch(lane);
        else HingeEpoch(lane);
    }

    /// <summary>
    /// w = Σα_i y_i x_i from scratch (one pass over the rows with α_i ≠ 0, in row order): with K &gt; 1 blocks two threads
    /// may add to the same w_j at once and one addition is then lost, so the maintained w drifts from α's. Recomputed after
    /// every epoch, so the steps never follow a drift older than one epoch, and the certificate, the result and a
    /// checkpoint see w exactly from α. Recomputing only before the certificate (as PASSCoDe's paper does at the end) was
    /// measured first: for the hinge on a9a, 365 epochs left α with an objective of 10.9 at Σα_i y_i x_i where the
    /// optimum is 0.351.
    /// </summary>
    private void RecomputeWeights()
    {
        var rows = new SparseRows(_x);
        Array.Clear(_w);
        for (int i = 0; i < _y.Length; i++)
            if (_alpha[i] != 0) rows.Axpy(i, _y[i] * _alpha[i], _w);
    }

    /// <summary>The blocks' extreme projected gradients and updates, reduced in block order, into the shrinking thresholds.</summary>
    private void EndHingeEpoch()
    {
        double pgMax = double.NegativeInfinity, pgMin = double.PositiveInfinity;
        long updates = 0;
        int active = 0;
        foreach (BinaryDualLane lane in _lanes)
        {
            pgMax = Math.Max(pgMax, lane.First);
            pgMin = Math.Min(pgMin, lane.Second);
            updates += lane.Updates;
            active += lane.Active;
        }
        _active = active;
        _coordinateUpdates += updates;
        _passes++;
        UpdateShrinkingThresholds(pgMax, pgMin);
    }

    /// <summary>LIBLINEAR -s 7's test and the inner accuracy's schedule over every block's sub-problems.</summary>
    private void EndLogisticEpoch()
    {
        double largest = 0;
        long newton = 0, updates = 0;
        foreach (BinaryDualLane lane in _lanes)
        {
            largest = Math.Max(largest, lane.First);
            newton += lane.Newton;
            updates += lane.Updates;
        }
        // LIBLINEAR -s 7 stops when every sub-problem of an epoch started within eps of its root.
        if (largest < _options.LibLinearEpsilon) _ruleMet = true;
        if (newton <= _active / 10) _innerEps = Math.Max(_innerEpsMin, 0.1 * _innerEps);
        _coordinateUpdates += updates;
        _passes++;
    }

    /// <summary>Runs blocks part, part + parts, … of the epoch.</summary>
    private sealed class LaneJob(BinaryDualState state) : ParallelJob
    {
        public override void Run(int part, int parts)
        {
            BinaryDualLane[] lanes = state._lanes;
            for (int b = part; b < lanes.Length; b += parts) state.RunLane(lanes[b]);
        }
    }
}
