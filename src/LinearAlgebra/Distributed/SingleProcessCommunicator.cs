namespace OptSuite.LinearAlgebra.Distributed;

/// <summary>
/// The group of one: rank 0 of size 1, every collective a no-op. What a distributed algorithm runs on when it is not
/// distributed, so one code path serves both.
/// </summary>
public sealed class SingleProcessCommunicator : ICommunicator
{
    /// <summary>A shared instance; disposing it does nothing.</summary>
    public static SingleProcessCommunicator Instance { get; } = new();

    /// <inheritdoc />
    public int Rank => 0;

    /// <inheritdoc />
    public int Size => 1;

    /// <inheritdoc />
    public void AllReduceSum(Span<double> values) { }

    /// <inheritdoc />
    public void AllReduceMax(Span<double> values) { }

    /// <inheritdoc />
    public void AllReduceSum(Span<long> values) { }

    /// <inheritdoc />
    public void Broadcast(Span<double> values, int root) => CheckRoot(root);

    /// <inheritdoc />
    public void Broadcast(Span<byte> values, int root) => CheckRoot(root);

    /// <inheritdoc />
    public void Barrier() { }

    /// <inheritdoc />
    public ICommunicator Split(int color, int key)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(color);
        return this;
    }

    /// <inheritdoc />
    public void Dispose() { }

    private static void CheckRoot(int root)
    {
        if (root != 0) throw new ArgumentOutOfRangeException(nameof(root), root, "the root must be 0 in a group of one");
    }
}
