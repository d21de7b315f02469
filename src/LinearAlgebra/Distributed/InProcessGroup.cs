namespace OptSuite.LinearAlgebra.Distributed;

/// <summary>
/// What the ranks of one <see cref="InProcessCommunicator"/> group share: a barrier, one slot per rank where a rank
/// publishes its call and a copy of its data, and the abort switch that releases every waiting rank.
/// </summary>
/// <remarks>
/// Each collective is publish → barrier → read every slot → barrier. The second barrier keeps a fast rank from
/// overwriting its slot (its next call) while a slow one still reads it. Every rank reads the same slots in rank order,
/// so every rank computes the same bits without a designated root.
/// </remarks>
internal sealed class InProcessGroup
{
    private readonly Barrier _barrier;
    private readonly CancellationTokenSource _abort;
    private readonly InProcessGroup? _parent;
    private readonly TimeSpan _timeout;
    private string? _abortReason;
    private int _open;

    public InProcessGroup(int size, TimeSpan timeout, InProcessGroup? parent)
    {
        Size = size;
        _timeout = timeout;
        _parent = parent;
        _barrier = new Barrier(size);
        _abort = parent is null ? new CancellationTokenSource() : CancellationTokenSource.CreateLinkedTokenSource(parent._abort.Token);
        _open = size;
        Slots = new Slot[size];
        for (int r = 0; r < size; r++) Slots[r] = new Slot();
    }

    public int Size { get; }

    public TimeSpan Timeout => _timeout;

    public Slot[] Slots { get; }

    /// <summary>Why the group was aborted (its own reason or its parent's), or null.</summary>
    public string? AbortReason => _abortReason ?? _parent?.AbortReason;

    /// <summary>A rank's published call and the copy of its data; buffers only grow, so steady state allocates nothing.</summary>
    internal sealed class Slot
    {
        public string Operation = "";
        public int Length, Root, Color, Key;
        public double[] Doubles = [];
        public long[] Longs = [];
        public byte[] Bytes = [];
        public InProcessGroup? Created;

        public Span<double> DoublesOf(int n) => (Doubles = Doubles.Length >= n ? Doubles : new double[Math.Max(n, 2 * Doubles.Length)]).AsSpan(0, n);

        public Span<long> LongsOf(int n) => (Longs = Longs.Length >= n ? Longs : new long[Math.Max(n, 2 * Longs.Length)]).AsSpan(0, n);

        public Span<byte> BytesOf(int n) => (Bytes = Bytes.Length >= n ? Bytes : new byte[Math.Max(n, 2 * Bytes.Length)]).AsSpan(0, n);
    }

    /// <summary>Publishes <paramref name="rank"/>'s call; throws at once if the group was aborted.</summary>
    public Slot Enter(int rank, string operation, int length, int root = 0)
    {
        ThrowIfAborted(rank, operation);
        Slot slot = Slots[rank];
        slot.Operation = operation;
        slot.Length = length;
        slot.Root = root;
        return slot;
    }

    /// <summary>The first barrier of a call, then the check that every rank made the same call.</summary>
    public void Arrive(int rank, string operation)
    {
        Wait(rank, operation);
        Slot first = Slots[0];
        for (int r = 1; r < Size; r++)
        {
            Slot other = Slots[r];
            string? mismatch =
                other.Operation != first.Operation ? $"rank 0 called {first.Operation}, rank {r} called {other.Operation}"
                : other.Length != first.Length ? $"rank 0 passed {first.Length} values, rank {r} passed {other.Length}"
                : other.Root != first.Root ? $"rank 0 named root {first.Root}, rank {r} named root {other.Root}"
                : null;
            // Every rank sees the same slots, so every rank throws the same exception and none is left waiting.
            if (mismatch is not null)
                throw new InvalidOperationException(
                    $"{operation} on rank {rank}: the ranks' calls do not match ({mismatch}); a collective needs every rank to make the same call with the same length and root");
        }
    }

    /// <summary>A barrier that gives up when the group is aborted or after the group's timeout (which aborts it).</summary>
    public void Wait(int rank, string operation)
    {
        bool met;
        try
        {
            met = _barrier.SignalAndWait(_timeout, _abort.Token);
        }
        catch (OperationCanceledException)
        {
            throw Aborted(rank, operation);
        }
        if (!met)
        {
            string reason = $"rank {rank} waited longer than {_timeout.TotalSeconds:0.###} s in {operation}: a rank did not join";
            Abort(reason);
            throw new TimeoutException(reason);
        }
    }

    /// <summary>Releases every waiting rank of this group and of the groups split from it; the first reason is kept.</summary>
    public void Abort(string reason)
    {
        Interlocked.CompareExchange(ref _abortReason, reason, null);
        try { _abort.Cancel(); }
        catch (ObjectDisposedException) { }   // every rank already left the group
    }

    /// <summary>One rank is done with the group; the last one frees the barrier.</summary>
    public void Release()
    {
        if (Interlocked.Decrement(ref _open) != 0) return;
        _barrier.Dispose();
        _abort.Dispose();
    }

    private void ThrowIfAborted(int rank, string operation)
    {
        if (_abort.IsCancellationRequested) throw Aborted(rank, operation);
    }

    private GroupAbortedException Aborted(int rank, string operation) =>
        new($"{operation} on rank {rank} abandoned: the group was aborted ({AbortReason ?? "no reason given"})", _abort.Token);
}

