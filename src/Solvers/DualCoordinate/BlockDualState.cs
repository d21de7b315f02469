using OptSuite.LinearAlgebra;

namespace OptSuite.Solvers;

/// <summary>
/// Block minimisation of a linear classifier's dual on data read in row blocks (Yu, Hsieh, Chang &amp; Lin, KDD 2010 /
/// TKDD 2012): the rounds, the block order, the snapshot certificate and the counts; the loss-specific coordinate steps
/// are the subclasses' (<see cref="BlockBinaryDualState"/>, <see cref="BlockCrammerSingerDualState"/>).
/// </summary>
/// <remarks>
/// <para>One <see cref="Step"/> is one outer round: the blocks are read once in a fresh seeded random order (the next one
/// ahead by <see cref="IRowBlockedMap.ReadBlocks"/>), and on each block the dual coordinate steps of the in-memory
/// solver run <see cref="DualCoordinateDescentOptions.InnerEpochs"/> times over its rows in a fresh random permutation,
/// updating α_i and w = Σα_i y_i x_i; α and w stay in memory, the rows do not. No shrinking: a block's rows are in
/// memory for a few epochs only, too short for LIBLINEAR's thresholds to learn which coordinates stay at a bound.</para>
/// <para>Selective block minimisation (Chang &amp; Roth, KDD 2011): a cache of rows from the other blocks
/// (<see cref="DualCoordinateDescentOptions.BlockCacheRows"/>) joins each block's epochs, in the same random permutation.
/// Block b owns a share of the cache in proportion to its rows (its slot: row pointers, indices, values and the rows'
/// global numbers, allocated on its first read for its share of the block's non-zeros plus a quarter); after b's epochs
/// its slot is refilled with a random sample of b's informative rows (<see cref="Informative"/>), and b's own slot sits
/// out while b is read (its rows are there already). Cached rows are updated by the same coordinate steps as the rows
/// read, so w = Σα_i y_i x_i holds and the certificate is unchanged. Measured on a9a (20 blocks, squared hinge, C = 1,
/// 10⁻⁶ gap): plain block minimisation 39,786 rounds; the default cache (one block's rows) 114.</para>
/// <para>Certificate without extra passes: at the start of a round (every <see cref="DualCoordinateDescentOptions.GapCheckEvery"/>
/// rounds) w is copied to a snapshot and the dual value D(α) taken (α and w are in memory: no pass); while the round reads
/// each block, the primal losses at the snapshot, x_i·w_snap, are summed before the block is updated. At the end of the
/// round P(w_snap) is complete and the relative gap (P(w_snap) − D(α_snap))/P(w_snap) — the in-memory solver's criterion
/// for the same (w, α) — is known. When it is within the tolerance the run stops and returns the snapshot (its w, P and
/// gap; α is not returned, so no α snapshot is kept): the certificate costs one copy of w and one dot product per row and
/// round, and the stop comes one round after the certified point. A run that ends otherwise evaluates its last point with
/// one more pass. The first snapshot is taken after round 1, once every block has been seen (rows enter w on their
/// first visit, so w = Σα_i y_i x_i holds throughout).</para>
/// <para>Step allocates the block enumerator of its round (and whatever the map's reader allocates); nothing per block
/// or row: a dense block's non-zeros go to buffers that are reused.</para>
/// <para>Counts: <see cref="EvaluationCounts.Functions"/> and <see cref="EvaluationCounts.Gradients"/> are passes over
/// the data (each round one, plus any evaluation of the current point), <see cref="EvaluationCounts.Proxes"/> the
/// coordinate (sample) updates; iterations are rounds.</para>
/// </remarks>
internal abstract class BlockDualState : CertifiedDualState, ISolverState
{
    private readonly IRowBlockedMap _x;
    private readonly DualCoordinateDescentOptions _options;
    private readonly EpochShuffle _rng;
    private readonly int[] _order;
    private readonly bool[] _seen;
    private readonly BlockRows _block = new();
    private readonly double _lambda;
    private readonly double[] _snapshot;
    private int _rounds, _evaluatedRound = -1;
    private long _passes, _updates;
    private bool _snapshotDue, _evaluated, _certified;
    private double _snapshotSquaredNorm, _snapshotDualTerms;
    private readonly Slot[] _slots;
    private readonly int[] _slotOfCacheRow;

    /// <summary>Block b's share of the cache: rows [0, Count) hold copies of rows Ids[0..Count).</summary>
    private sealed class Slot(int quota, int offset)
    {
        public readonly int Quota = quota, Offset = offset;
        public int Count;
        public int[] Pointers = [], Indices = [], Ids = [];
        public double[] Values = [];
        public SparseRows Rows => new(Pointers, Indices, Values);
    }

    /// <param name="x">The data.</param>
    /// <param name="weightCount">Length of w (p, or p·k).</param>
    /// <param name="lambda">λ &gt; 0.</param>
    /// <param name="options">Options (validated here).</param>
    protected BlockDualState(IRowBlockedMap x, int weightCount, double lambda, DualCoordinateDescentOptions options)
    {
        options.Validate();
        options.RequireGapStop("Block minimisation over row blocks");
        _x = x;
        _options = options;
        _lambda = lambda;
        _rng = new EpochShuffle(options.Seed);
        _order = new int[x.BlockCount];
        _seen = new bool[x.BlockCount];
        W = new double[weightCount];
        _snapshot = new double[weightCount];
        int largest = 0;
        for (int b = 0; b < x.BlockCount; b++) largest = Math.Max(largest, x.BlockStart(b + 1) - x.BlockStart(b));
        int cacheRows = x.BlockCount < 2 ? 0 : options.BlockCacheRows ?? largest;
        _slots = new Slot[cacheRows == 0 ? 0 : x.BlockCount];
        // Shares in proportion to the blocks' rows that sum to the cache's rows (capped at n).
        int total = 0;
        long cap = Math.Min(cacheRows, x.Rows);
        for (int b = 0; b < _slots.Length; b++)
        {
            int end = x.Rows == 0 ? 0 : (int)(cap * x.BlockStart(b + 1) / x.Rows);
            _slots[b] = new Slot(end - total, total);
            total = end;
        }
        _slotOfCacheRow = new int[total];
        for (int b = 0; b < _slots.Length; b++) _slotOfCacheRow.AsSpan(_slots[b].Offset, _slots[b].Quota).Fill(b);
        Local = new int[largest + total];
    }

    /// <summary>w (p, or p·k row-major), kept equal to Σ_i x_i α_iᵀ (times y_i for the binary losses).</summary>
    protected double[] W { get; }

    /// <summary>One visit's rows: block rows r &lt; its row count, then cached rows (row count + cache row).</summary>
    private int[] Local { get; }

    /// <summary>On a block's first visit: norms, and rows that start away from α = 0 enter w.</summary>
    protected abstract void FirstVisit(SparseRows rows, int first);

    /// <summary>Whether row <paramref name="i"/> takes coordinate steps (C_i &gt; 0, and for Crammer–Singer x_i ≠ 0).</summary>
    protected abstract bool Active(int i);

    /// <summary>The coordinate step of row <paramref name="i"/>, row <paramref name="r"/> of <paramref name="rows"/>
    /// (α_i and w updated); whether anything changed.</summary>
    protected abstract bool Update(SparseRows rows, int r, int i);

    /// <summary>Whether row <paramref name="i"/> is worth a place in the cache (default: every active row).</summary>
    protected virtual bool Informative(int i) => true;

    /// <summary>Σ C_i ℓ(y_i, x_i·w) over the block's rows, in LIBLINEAR units.</summary>
    protected abstract double Loss(SparseRows rows, int first, double[] w);

    /// <summary>The α-part of −D/λ − ½‖w‖² (LIBLINEAR units): D(α) = −λ(½‖w‖² + DualTerms()). Reads α only.</summary>
    protected abstract double DualTerms();

    /// <summary>Called after each round (the logistic solver tightens its Newton accuracy).</summary>
    protected virtual void EndRound() { }

    public override EvaluationCounts Counts => new(_passes, _passes, _updates);

    public StepOutcome Step()
    {
        Moved();
        _rounds++;
        _certified = false;
        bool evaluate = _snapshotDue;
        if (evaluate)
        {
            W.CopyTo(_snapshot, 0);
            _snapshotSquaredNorm = System.Numerics.Tensors.TensorPrimitives.Dot<double>(W, W);
            _snapshotDualTerms = DualTerms();
        }
        for (int b = 0; b < _order.Length; b++) _order[b] = b;
        _rng.Shuffle(_order, _order.Length);
        double loss = 0;
        int epochs = _options.InnerEpochs;
        foreach (RowBlock block in _x.ReadBlocks(_order))
        {
            SparseRows rows = Load(block);
            if (!_seen[block.Index])
            {
                FirstVisit(rows, block.FirstRow);
                _seen[block.Index] = true;
            }
            if (evaluate) loss += Loss(rows, block.FirstRow, _snapshot);
            _updates += Visit(rows, block.Index, block.FirstRow, epochs);
        }
        _passes++;
        EndRound();
        _evaluated = evaluate;
        if (evaluate) Certify(_snapshotSquaredNorm, loss, _snapshotDualTerms);
        _snapshotDue = _rounds % _options.GapCheckEvery == 0;
        return Vec.AllFinite(W) ? StepOutcome.Continue : StepOutcome.NonFinite;
    }

    /// <summary><paramref name="epochs"/> epochs over the block's active rows and the other blocks' cached rows, then
    /// block <paramref name="index"/>'s slot refilled; returns the updates.</summary>
    private long Visit(SparseRows rows, int index, int first, int epochs)
    {
        int[] local = Local;
        int nb = rows.Count, count = 0;
        for (int r = 0; r < nb; r++)
            if (Active(first + r)) local[count++] = r;
        for (int b = 0; b < _slots.Length; b++)
        {
            if (b == index) continue;
            Slot slot = _slots[b];
            for (int c = 0; c < slot.Count; c++)
                if (Active(slot.Ids[c])) local[count++] = nb + slot.Offset + c;
        }
        long updates = 0;
        for (int e = 0; e < epochs; e++)
        {
            _rng.Shuffle(local, count);
            for (int s = 0; s < count; s++)
            {
                int k = local[s];
                if (k < nb)
                {
                    if (Update(rows, k, first + k)) updates++;
                    continue;
                }
                Slot slot = _slots[_slotOfCacheRow[k - nb]];
                int c = k - nb - slot.Offset;
                if (Update(slot.Rows, c, slot.Ids[c])) updates++;
            }
        }
        if (_slots.Length > 0) Refill(_slots[index], rows, first, local, count);
        return updates;
    }

    /// <summary>The block's slot takes its informative rows in the visit's last (random) order, up to its quota and
    /// capacity.</summary>
    private void Refill(Slot slot, SparseRows rows, int first, int[] order, int count)
    {
        if (slot.Quota == 0) return;
        if (slot.Pointers.Length == 0)
        {
            long nnz = rows.Start(rows.Count) - rows.Start(0);
            int capacity = (int)Math.Min(int.MaxValue - 64, Math.Ceiling(1.25 * nnz * slot.Quota / Math.Max(1, rows.Count)) + 16);
            slot.Pointers = new int[slot.Quota + 1];
            slot.Ids = new int[slot.Quota];
            slot.Indices = new int[capacity];
            slot.Values = new double[capacity];
        }
        int nb = rows.Count, filled = 0, used = 0;
        ReadOnlySpan<int> indices = rows.Indices;
        ReadOnlySpan<double> values = rows.Values;
        for (int s = 0; s < count && filled < slot.Quota; s++)
        {
            int r = order[s];
            if (r >= nb || !Informative(first + r)) continue;
            int from = rows.Start(r), length = rows.End(r) - from;
            if (used + length > slot.Values.Length) continue;
            indices.Slice(from, length).CopyTo(slot.Indices.AsSpan(used));
            values.Slice(from, length).CopyTo(slot.Values.AsSpan(used));
            slot.Pointers[filled] = used;
            slot.Ids[filled++] = first + r;
            used += length;
        }
        slot.Count = filled;
        slot.Pointers.AsSpan(filled).Fill(used);
    }

    private SparseRows Load(RowBlock block)
    {
        int expected = _x.BlockStart(block.Index + 1) - _x.BlockStart(block.Index);
        if (block.Rows.Rows != expected || block.Rows.Columns != _x.Columns || block.FirstRow != _x.BlockStart(block.Index))
            throw new InvalidOperationException($"Block {block.Index} of {_x} holds {block.Rows.Rows}×{block.Rows.Columns} rows from row {block.FirstRow}; its map says {expected}×{_x.Columns} from row {_x.BlockStart(block.Index)}.");
        _block.Load(block.Rows);
        return _block.Rows;
    }

    /// <summary>P, the gap and the relative gap as the criterion (<see cref="DualCertificate"/>).</summary>
    private void Certify(double squaredNorm, double loss, double dualTerms)
    {
        Certificate.Set(_lambda, squaredNorm, loss, dualTerms);
        _evaluatedRound = _rounds;
    }

    /// <summary>Whether the snapshot evaluated during the last round is certified; false between evaluations.</summary>
    public bool HasConverged(double tolerance)
    {
        _certified = _evaluated && Criterion <= tolerance;
        return _certified;
    }

    /// <summary>P and the gap at the current (w, α) (one pass), unless the certified snapshot is the point.</summary>
    private protected override void ComputeGap()
    {
        if (_certified || _evaluatedRound == _rounds && !_evaluated) return;
        double loss = 0;
        foreach (RowBlock block in _x.ReadBlocks())
            loss += Loss(Load(block), block.FirstRow, W);
        _passes++;
        Certify(System.Numerics.Tensors.TensorPrimitives.Dot<double>(W, W), loss, DualTerms());
        _evaluated = false;
    }

    /// <summary>The certified snapshot once the stop is certified (the point the certificate is for), else the current w.</summary>
    private protected override double[] Weights => _certified ? _snapshot : W;
}
