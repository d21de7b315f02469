using System.Text;
using OptSuite.LinearAlgebra.Distributed;

namespace OptSuite.MpiHost;

/// <summary>
/// The checks every communicator must pass on k ranks, run by each rank: the MPI host runs them on real MPI ranks, the
/// unit tests on <see cref="InProcessCommunicator"/> threads. Expected values are computed from the rank and k alone;
/// where a result is not exact, its bits go into a fingerprint that the caller compares across ranks.
/// </summary>
public static class CommunicatorChecks
{
    /// <summary>A length above 1M doubles (8 MB), so MPI uses its large-message algorithms.</summary>
    public const int LargeLength = (1 << 20) + 7;

    public static CheckReport Run(ICommunicator c, int k)
    {
        var report = new CheckReport();
        report.Check("size", c.Size == k && (uint)c.Rank < (uint)k, $"size {c.Size} rank {c.Rank} requested {k}");
        RepeatableSums(c, report);
        ExactSums(c, k, report);
        InexactSums(c, k, report);
        Maxima(c, k, report);
        LongSums(c, k, report);
        Broadcasts(c, k, report);
        Scalars(c, k, report);
        Splits(c, k, report);
        EmptyAndInvalid(c, k, report);
        NoAllocation(c, report);
        c.Barrier();
        return report;
    }

    private static void ExactSums(ICommunicator c, int k, CheckReport report)
    {
        var small = new double[1000];
        for (int i = 0; i < small.Length; i++) small[i] = c.Rank * 1000.0 + i;
        c.AllReduceSum(small);
        int wrong = 0;
        for (int i = 0; i < small.Length; i++) wrong += small[i] == 1000.0 * k * (k - 1) / 2 + (double)k * i ? 0 : 1;
        report.Check("sum-small-exact", wrong == 0, $"{wrong} wrong of {small.Length}");

        // (r + 1)(i + 1/2) and its sum over ranks are exact in binary64, so any summation order gives these bits.
        var large = new double[LargeLength];
        for (int i = 0; i < large.Length; i++) large[i] = (c.Rank + 1) * (i + 0.5);
        c.AllReduceSum(large);
        wrong = 0;
        for (int i = 0; i < large.Length; i++) wrong += large[i] == (i + 0.5) * (k * (k + 1) / 2) ? 0 : 1;
        report.Check("sum-large-exact", wrong == 0, $"{wrong} wrong of {large.Length}");
    }

    private static void InexactSums(ICommunicator c, int k, CheckReport report)
    {
        var large = new double[LargeLength];
        for (int i = 0; i < large.Length; i++) large[i] = Value(c.Rank, i);
        c.AllReduceSum(large);
        double worst = 0;
        for (int i = 0; i < large.Length; i++)
        {
            double expected = 0;
            for (int r = 0; r < k; r++) expected += Value(r, i);
            worst = Math.Max(worst, Math.Abs(large[i] - expected));
        }
        report.Check("sum-large-inexact", worst <= 1e-12, $"max error {worst:e2}");
        report.Fingerprint("sum-large-inexact", large);
    }

    /// <summary>
    /// Terms of very different magnitudes, so the rounded sum depends on the order of the ranks. Run first, so that
    /// the twelve calls straddle the point after which MPICH may use its shared-memory collectives
    /// (MPIR_CVAR_POSIX_NUM_COLLS_THRESHOLD, 5 collective calls by default): the same input must give the same bits on every call.
    /// </summary>
    private static void RepeatableSums(ICommunicator c, CheckReport report)
    {
        var first = new double[64];
        var again = new double[64];
        int differing = 0;
        for (int call = 0; call < 12; call++)
        {
            Span<double> v = call == 0 ? first : again;
            for (int i = 0; i < v.Length; i++) v[i] = MixedMagnitudes(c.Rank, i);
            c.AllReduceSum(v);
            if (call > 0 && !again.AsSpan().SequenceEqual(first)) differing++;
        }
        report.Check("sum-repeatable", differing == 0, $"{differing} of 11 repeats differ from the first call");
        report.Fingerprint("sum-mixed-magnitudes", first);
    }

    private static double Value(int rank, int i) => Math.Sin(rank * 7.0 + i * 1e-3) * (1 + rank);

    private static double MixedMagnitudes(int rank, int i) => (rank % 2 == 0 ? 1e16 : 1.0) * Math.Cos(rank + 0.37 * i) + rank * 0.1;

    private static void Maxima(ICommunicator c, int k, CheckReport report)
    {
        int r = c.Rank, last = k - 1;
        double[] v =
        [
            r,                                         // k − 1
            r == 0 ? -0.0 : -r,                        // −0: above −1, −2, …
            r == last ? 0.0 : -0.0,                    // +0 above −0, whichever rank holds it
            r == last ? double.NaN : r,                // NaN wins
            double.NegativeInfinity,
            r == 0 ? double.PositiveInfinity : 1,
            -1e300 * (r + 1),                          // −1e300
            1e-310 * r,                                // subnormal (k − 1)·1e−310
        ];
        double[] expected = [last, -0.0, 0.0, double.NaN, double.NegativeInfinity, double.PositiveInfinity, -1e300, 1e-310 * last];
        c.AllReduceMax(v);
        var wrong = new StringBuilder();
        for (int i = 0; i < v.Length; i++)
        {
            bool same = double.IsNaN(expected[i]) ? double.IsNaN(v[i]) : BitConverter.DoubleToInt64Bits(v[i]) == BitConverter.DoubleToInt64Bits(expected[i]);
            if (!same) wrong.Append($" [{i}] {v[i]:r} expected {expected[i]:r}");
        }
        report.Check("max", wrong.Length == 0, wrong.ToString().Trim());
        report.Fingerprint("max", v);

        var large = new double[LargeLength];
        for (int i = 0; i < large.Length; i++) large[i] = (i + c.Rank) % k;   // rank k − 1 − (i mod k) holds k − 1
        c.AllReduceMax(large);
        report.Check("max-large", Array.TrueForAll(large, x => x == k - 1));
    }

    private static void LongSums(ICommunicator c, int k, CheckReport report)
    {
        // Beyond 2^53, where a detour through doubles would round.
        var v = new long[300];
        for (int i = 0; i < v.Length; i++) v[i] = (1L << 55) + 3L * c.Rank + i;
        c.AllReduceSum(v);
        int wrong = 0;
        for (int i = 0; i < v.Length; i++) wrong += v[i] == k * ((1L << 55) + i) + 3L * k * (k - 1) / 2 ? 0 : 1;
        report.Check("sum-long", wrong == 0, $"{wrong} wrong of {v.Length}");
    }

    private static void Broadcasts(ICommunicator c, int k, CheckReport report)
    {
        int wrong = 0;
        var v = new double[1000];
        for (int root = 0; root < k; root++)
        {
            for (int i = 0; i < v.Length; i++) v[i] = c.Rank == root ? Pattern(root, i) : -1 - c.Rank;
            c.Broadcast(v, root);
            for (int i = 0; i < v.Length; i++) wrong += v[i] == Pattern(root, i) ? 0 : 1;
        }
        report.Check("broadcast", wrong == 0, $"{wrong} wrong over {k} roots");

        var large = new double[LargeLength];
        int top = k - 1;
        for (int i = 0; i < large.Length; i++) large[i] = c.Rank == top ? Pattern(top, i) : double.NaN;
        c.Broadcast(large, top);
        wrong = 0;
        for (int i = 0; i < large.Length; i++) wrong += large[i] == Pattern(top, i) ? 0 : 1;
        report.Check("broadcast-large", wrong == 0, $"{wrong} wrong of {large.Length}");

        var bytes = new byte[300];
        for (int i = 0; i < bytes.Length; i++) bytes[i] = c.Rank == top ? (byte)(i * 7 + top) : (byte)0xEE;
        c.Broadcast(bytes, top);
        wrong = 0;
        for (int i = 0; i < bytes.Length; i++) wrong += bytes[i] == (byte)(i * 7 + top) ? 0 : 1;
        report.Check("broadcast-bytes", wrong == 0, $"{wrong} wrong of {bytes.Length}");

        string sent = $"labels −1 +1 ü from rank {top}";
        string got = c.BroadcastString(c.Rank == top ? sent : null, top);
        report.Check("broadcast-string", got == sent, got);
    }

    private static double Pattern(int root, int i) => root * 1e6 + i + 0.25;

    private static void Scalars(ICommunicator c, int k, CheckReport report)
    {
        double sum = c.AllReduceSum(c.Rank + 1.0);
        long count = c.AllReduceSum((long)c.Rank);
        double max = c.AllReduceMax(-(double)c.Rank);
        report.Check("scalars", sum == k * (k + 1) / 2 && count == k * (k - 1) / 2
            && BitConverter.DoubleToInt64Bits(max) == BitConverter.DoubleToInt64Bits(-0.0),   // rank 0's −0
            $"sum {sum} count {count} max {max}");
    }

    private static void Splits(ICommunicator c, int k, CheckReport report)
    {
        // Parity classes, ordered by descending rank (key −rank).
        using (ICommunicator sub = c.Split(c.Rank % 2, -c.Rank))
        {
            int members = (k - c.Rank % 2 + 1) / 2;
            int expectedRank = (k - 1 - c.Rank) / 2;
            double sum = sub.AllReduceSum((double)c.Rank);
            double expectedSum = 0;
            for (int r = c.Rank % 2; r < k; r += 2) expectedSum += r;
            report.Check("split-parity", sub.Size == members && sub.Rank == expectedRank && sum == expectedSum,
                $"size {sub.Size}/{members} rank {sub.Rank}/{expectedRank} sum {sum}/{expectedSum}");
        }
        using (ICommunicator all = c.Split(0, 0))
        {
            var v = new double[LargeLength];
            for (int i = 0; i < v.Length; i++) v[i] = Value(c.Rank, i);
            all.AllReduceSum(v);
            report.Check("split-whole", all.Size == k && all.Rank == c.Rank, $"size {all.Size} rank {all.Rank}");
            report.Fingerprint("split-whole-sum", v);
        }
    }

    private static void EmptyAndInvalid(ICommunicator c, int k, CheckReport report)
    {
        c.AllReduceSum(Span<double>.Empty);
        c.AllReduceMax(Span<double>.Empty);
        c.AllReduceSum(Span<long>.Empty);
        c.Broadcast(Span<double>.Empty, 0);
        c.Broadcast(Span<byte>.Empty, k - 1);
        bool rootRejected;
        try
        {
            c.Broadcast(new double[1], k);
            rootRejected = false;
        }
        catch (ArgumentOutOfRangeException)
        {
            rootRejected = true;
        }
        report.Check("invalid-root", rootRejected);
    }

    /// <summary>A distributed solver's Step calls these every iteration and must not allocate.</summary>
    private static void NoAllocation(ICommunicator c, CheckReport report)
    {
        var v = new double[1000];
        var w = new long[10];
        var b = new byte[16];
        void Round()
        {
            c.AllReduceSum(v);
            c.AllReduceMax(v);
            c.AllReduceSum(w);
            c.Broadcast(v, 0);
            c.Broadcast(b, c.Size - 1);
            c.Barrier();
        }
        Round();
        // The same number of rounds on every rank; the least of three rules out the runtime's own occasional allocations.
        long least = long.MaxValue;
        for (int attempt = 0; attempt < 3; attempt++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            Round();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        report.Check("no-allocation", least == 0, $"{least} bytes per round");
    }
}
