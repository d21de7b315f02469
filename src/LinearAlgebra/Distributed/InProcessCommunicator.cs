using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace OptSuite.LinearAlgebra.Distributed;

/// <summary>
/// k ranks as k threads of one process, for fast tests of distributed algorithms: the same collectives as MPI, and a sum
/// that adds rank 0, 1, …, k − 1 in that order, so its result is deterministic and bit-identical on every rank.
/// </summary>
/// <remarks>
/// Stricter than MPI where that finds bugs sooner: every call checks that all ranks made the same call with the same
/// length and root, and throws on every rank if not (MPI would hang or abort). <see cref="Run{T}"/> runs a body on k
/// threads and, when one rank throws, aborts the group so the others stop waiting; an optional timeout turns a rank
/// that never joins into a <see cref="TimeoutException"/> instead of a hang.
/// </remarks>
public sealed partial class InProcessCommunicator : ICommunicator
{
    private readonly InProcessGroup _group;
    private bool _disposed;

    private InProcessCommunicator(InProcessGroup group, int rank)
    {
        _group = group;
        Rank = rank;
    }

    /// <summary>
    /// The <paramref name="size"/> communicators of a new group, element r being rank r; give each to its own thread
    /// (calling two ranks from one thread deadlocks). <paramref name="timeout"/> bounds every wait (default: none).
    /// </summary>
    public static InProcessCommunicator[] Create(int size, TimeSpan? timeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        TimeSpan limit = timeout ?? System.Threading.Timeout.InfiniteTimeSpan;
        if (limit != System.Threading.Timeout.InfiniteTimeSpan && limit <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "the timeout must be positive (or null for none)");
        return Wrap(new InProcessGroup(size, limit, parent: null));
    }

    private static InProcessCommunicator[] Wrap(InProcessGroup group)
    {
        var ranks = new InProcessCommunicator[group.Size];
        for (int r = 0; r < ranks.Length; r++) ranks[r] = new InProcessCommunicator(group, r);
        return ranks;
    }

    /// <inheritdoc />
    public int Rank { get; }

    /// <inheritdoc />
    public int Size => _group.Size;

    /// <inheritdoc />
    public void AllReduceSum(Span<double> values)
    {
        const string op = nameof(AllReduceSum) + "(double)";
        values.CopyTo(Enter(op, values.Length).DoublesOf(values.Length));
        _group.Arrive(Rank, op);
        var slots = _group.Slots;
        slots[0].Doubles.AsSpan(0, values.Length).CopyTo(values);
        for (int r = 1; r < slots.Length; r++) TensorPrimitives.Add(values, slots[r].Doubles.AsSpan(0, values.Length), values);
        _group.Wait(Rank, op);
    }

    /// <inheritdoc />
    public void AllReduceMax(Span<double> values)
    {
        const string op = nameof(AllReduceMax);
        Span<double> mine = Enter(op, values.Length).DoublesOf(values.Length);
        values.CopyTo(mine);
        TotalOrderKeys.ToKeys(mine);
        _group.Arrive(Rank, op);
        var slots = _group.Slots;
        Span<long> keys = MemoryMarshal.Cast<double, long>(values);
        MemoryMarshal.Cast<double, long>(slots[0].Doubles.AsSpan(0, values.Length)).CopyTo(keys);
        for (int r = 1; r < slots.Length; r++)
            TensorPrimitives.Max(keys, MemoryMarshal.Cast<double, long>(slots[r].Doubles.AsSpan(0, values.Length)), keys);
        TotalOrderKeys.FromKeys(keys);
        _group.Wait(Rank, op);
    }

    /// <inheritdoc />
    public void AllReduceSum(Span<long> values)
    {
        const string op = nameof(AllReduceSum) + "(long)";
        values.CopyTo(Enter(op, values.Length).LongsOf(values.Length));
        _group.Arrive(Rank, op);
        var slots = _group.Slots;
        slots[0].Longs.AsSpan(0, values.Length).CopyTo(values);
        for (int r = 1; r < slots.Length; r++) TensorPrimitives.Add(values, slots[r].Longs.AsSpan(0, values.Length), values);
        _group.Wait(Rank, op);
    }

    /// <inheritdoc />
    public void Broadcast(Span<double> values, int root)
    {
        const string op = nameof(Broadcast) + "(double)";
        CheckRoot(root);
        var mine = Enter(op, values.Length, root);
        if (Rank == root) values.CopyTo(mine.DoublesOf(values.Length));
        _group.Arrive(Rank, op);
        if (Rank != root) _group.Slots[root].Doubles.AsSpan(0, values.Length).CopyTo(values);
        _group.Wait(Rank, op);
    }

    /// <inheritdoc />
    public void Broadcast(Span<byte> values, int root)
    {
        const string op = nameof(Broadcast) + "(byte)";
        CheckRoot(root);
        var mine = Enter(op, values.Length, root);
        if (Rank == root) values.CopyTo(mine.BytesOf(values.Length));
        _group.Arrive(Rank, op);
        if (Rank != root) _group.Slots[root].Bytes.AsSpan(0, values.Length).CopyTo(values);
        _group.Wait(Rank, op);
    }

    /// <inheritdoc />
    public void Barrier()
    {
        const string op = nameof(Barrier);
        Enter(op, 0);
        _group.Arrive(Rank, op);
        _group.Wait(Rank, op);
    }

    /// <inheritdoc />
    public ICommunicator Split(int color, int key)
    {
        const string op = nameof(Split);
        ArgumentOutOfRangeException.ThrowIfNegative(color);
        var mine = Enter(op, 0);
        mine.Color = color;
        mine.Key = key;
        mine.Created = null;
        _group.Arrive(Rank, op);
        var slots = _group.Slots;
        var members = new List<int>();
        for (int r = 0; r < slots.Length; r++)
            if (slots[r].Color == color) members.Add(r);
        members.Sort((a, b) => slots[a].Key != slots[b].Key ? slots[a].Key.CompareTo(slots[b].Key) : a.CompareTo(b));
        int leader = members.Min();
        // The lowest rank of each colour creates the sub-group; the others pick it up after the middle barrier.
        if (Rank == leader) mine.Created = new InProcessGroup(members.Count, _group.Timeout, _group);
        _group.Wait(Rank, op);
        var sub = new InProcessCommunicator(slots[leader].Created!, members.IndexOf(Rank));
        _group.Wait(Rank, op);
        return sub;
    }

    /// <summary>
    /// Ends the group (and the groups split from it) for every rank: pending and later calls throw
    /// <see cref="OperationCanceledException"/> naming <paramref name="reason"/> — MPI_Abort's role, without killing
    /// the process.
    /// </summary>
    public void Abort(string reason) => _group.Abort(reason);

    /// <summary>This rank leaves the group; further calls on it throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _group.Release();
    }

    private InProcessGroup.Slot Enter(string operation, int length, int root = 0)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _group.Enter(Rank, operation, length, root);
    }

    private void CheckRoot(int root)
    {
        if ((uint)root >= (uint)Size)
            throw new ArgumentOutOfRangeException(nameof(root), root, $"the root must be a rank of the group, 0 … {Size - 1}");
    }
}
