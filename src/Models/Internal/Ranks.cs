using OptSuite.LinearAlgebra;
using OptSuite.LinearAlgebra.Distributed;

namespace OptSuite.Models.Internal;

/// <summary>
/// What an estimator needs to know when X's rows are split across ranks (<see cref="IDistributedMap"/>): the global
/// sample count, and sums, classes and scores formed over every rank. Every member is collective for distributed X (all
/// ranks call it in the same order) and local otherwise.
/// </summary>
internal static class Ranks
{
    /// <summary>The communicator of distributed X, or null.</summary>
    public static ICommunicator? Of(ILinearMap x) => (x as IDistributedMap)?.Communicator;

    /// <summary>n over all ranks (the rows of X when it is not distributed).</summary>
    public static long Samples(ILinearMap x) => x is IDistributedMap d ? d.GlobalRows : x.Rows;

    /// <summary>The index over all ranks of this rank's local row <paramref name="row"/> (for messages).</summary>
    public static long GlobalRow(ILinearMap x, long row) => x is IDistributedMap d ? d.FirstRow + row : row;

    /// <summary>In place: the sums over ranks (nothing for X that is not distributed).</summary>
    public static void Sum(ILinearMap x, Span<double> values) => Of(x)?.AllReduceSum(values);

    /// <summary>The classes of every rank's labels: <paramref name="local"/> merged with every other rank's (rank order,
    /// one broadcast per rank of its classes), so every rank fits the same classes whatever labels its rows hold.</summary>
    public static ClassLabels Union(ILinearMap x, ClassLabels local)
    {
        if (Of(x) is not { Size: > 1 } ranks) return local;
        if (local.IsNumeric)
        {
            var all = new SortedSet<double>();
            for (int root = 0; root < ranks.Size; root++)
            {
                int count = (int)ranks.BroadcastCount(local.Count, root);
                double[] values = root == ranks.Rank ? [.. local.Values] : new double[count];
                ranks.Broadcast(values, root);
                all.UnionWith(values);
            }
            return ClassLabels.FromValues(all.ToArray());
        }
        var names = new SortedSet<string>(StringComparer.Ordinal);
        for (int root = 0; root < ranks.Size; root++)
        {
            int count = (int)ranks.BroadcastCount(local.Count, root);
            for (int c = 0; c < count; c++) names.Add(ranks.BroadcastString(root == ranks.Rank ? local.Names[c] : null, root));
        }
        return ClassLabels.FromNames(names.ToArray());
    }

    /// <summary>The <paramref name="root"/> rank's <paramref name="count"/> on every rank.</summary>
    private static double BroadcastCount(this ICommunicator ranks, int count, int root)
    {
        Span<double> value = [ranks.Rank == root ? count : 0];
        ranks.Broadcast(value, root);
        return value[0];
    }
}
