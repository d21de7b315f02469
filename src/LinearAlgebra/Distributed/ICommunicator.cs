namespace OptSuite.LinearAlgebra.Distributed;

/// <summary>
/// A fixed group of processes (or threads) that run the same program and combine vectors collectively: the few MPI
/// operations a distributed linear model needs — sums and maxima of vectors, broadcasts, a barrier and sub-groups.
/// </summary>
/// <remarks>
/// <para>Every member is <b>collective</b>: all ranks of the group call it, in the same order, with spans of the same
/// length (and the same root). A rank that skips a call or passes another length is a bug of the caller; MPI leaves the
/// result undefined (a hang or an abort), <see cref="InProcessCommunicator"/> detects it and throws on every rank.</para>
/// <para>Results are <b>bit-identical on every rank</b> and do not depend on timing: a sum of doubles is formed in a
/// fixed order (rank order in <see cref="InProcessCommunicator"/>; MPI_Reduce to rank 0 and MPI_Bcast in
/// <see cref="MpiCommunicator"/>), maxima and integer sums are exact. So ranks that apply the same update to the same
/// vector keep holding the same vector, iteration after iteration.</para>
/// <para>A communicator is not thread-safe: one thread at a time calls it.</para>
/// </remarks>
public interface ICommunicator : IDisposable
{
    /// <summary>This process's index in the group, 0 … <see cref="Size"/> − 1.</summary>
    int Rank { get; }

    /// <summary>The number of ranks in the group.</summary>
    int Size { get; }

    /// <summary>In place: <c>values[i]</c> becomes Σ over ranks of <c>values[i]</c>, the same bits on every rank.</summary>
    void AllReduceSum(Span<double> values);

    /// <summary>
    /// In place: <c>values[i]</c> becomes the maximum over ranks of <c>values[i]</c>; NaN where any rank holds NaN, and
    /// +0 above −0, so the result does not depend on the order of the ranks.
    /// </summary>
    void AllReduceMax(Span<double> values);

    /// <summary>In place: the exact sum over ranks (counts, numbers of rows or non-zeros); overflow is not checked.</summary>
    void AllReduceSum(Span<long> values);

    /// <summary>In place: every rank receives the <paramref name="root"/> rank's <paramref name="values"/>.</summary>
    void Broadcast(Span<double> values, int root);

    /// <summary>In place: every rank receives the <paramref name="root"/> rank's bytes (strings, labels, flags).</summary>
    void Broadcast(Span<byte> values, int root);

    /// <summary>Returns once every rank has called it.</summary>
    void Barrier();

    /// <summary>
    /// Splits the group into sub-groups, one per distinct non-negative <paramref name="color"/>; within a sub-group ranks
    /// are ordered by <paramref name="key"/>, ties by their rank here (MPI_Comm_split). The caller disposes the result.
    /// </summary>
    ICommunicator Split(int color, int key);
}
