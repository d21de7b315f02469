using System.Buffers.Binary;
using System.Text;

namespace OptSuite.LinearAlgebra.Distributed;

/// <summary>Scalar and string forms of the collectives of <see cref="ICommunicator"/>; collective like them.</summary>
public static class CommunicatorExtensions
{
    /// <summary>Σ over ranks of <paramref name="value"/> (row counts, Σc_i, a loss), the same bits on every rank.</summary>
    public static double AllReduceSum(this ICommunicator communicator, double value)
    {
        Span<double> one = [value];
        communicator.AllReduceSum(one);
        return one[0];
    }

    /// <summary>The maximum over ranks of <paramref name="value"/>; NaN if any rank holds NaN.</summary>
    public static double AllReduceMax(this ICommunicator communicator, double value)
    {
        Span<double> one = [value];
        communicator.AllReduceMax(one);
        return one[0];
    }

    /// <summary>The exact Σ over ranks of <paramref name="value"/>.</summary>
    public static long AllReduceSum(this ICommunicator communicator, long value)
    {
        Span<long> one = [value];
        communicator.AllReduceSum(one);
        return one[0];
    }

    /// <summary>
    /// The <paramref name="root"/> rank's string on every rank (UTF-8, two broadcasts: length, then bytes); the other
    /// ranks' <paramref name="value"/> is ignored and may be null. Null on the root is sent as "".
    /// </summary>
    public static string BroadcastString(this ICommunicator communicator, string? value, int root)
    {
        byte[] bytes = communicator.Rank == root ? Encoding.UTF8.GetBytes(value ?? "") : [];
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
        communicator.Broadcast(length, root);
        if (communicator.Rank != root) bytes = new byte[BinaryPrimitives.ReadInt32LittleEndian(length)];
        communicator.Broadcast(bytes, root);
        return communicator.Rank == root ? value ?? "" : Encoding.UTF8.GetString(bytes);
    }
}
