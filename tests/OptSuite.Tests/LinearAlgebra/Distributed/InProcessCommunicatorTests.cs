using OptSuite.LinearAlgebra.Distributed;
using OptSuite.MpiHost;

namespace OptSuite.Tests.LinearAlgebra.Distributed;

/// <summary>
/// <see cref="InProcessCommunicator"/>: the same checks as the MPI ranks run, a sum in rank order (so bit-identical on
/// every rank and from run to run), and the stricter behaviour that makes it the place to test distributed algorithms:
/// mismatched calls, a failing rank and a rank that never joins end in exceptions on every rank, never in a hang.
/// </summary>
public class InProcessCommunicatorTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void EveryCheckPassesOnEveryRankWithTheSameBits(int k)
    {
        CheckReport[] reports = InProcessCommunicator.Run(k, c => CommunicatorChecks.Run(c, k), Limit);
        for (int r = 0; r < k; r++)
        {
            var failed = reports[r].Checks.Where(c => !c.Passed).Select(c => $"{c.Name}: {c.Detail}").ToList();
            Assert.True(failed.Count == 0, $"rank {r}: {string.Join("; ", failed)}");
            Assert.Equal(reports[0].Fingerprints, reports[r].Fingerprints);
        }
        Assert.Equal(RankOutput.ExpectedChecks.Where(n => n != "null-reference").Order(), reports[0].Checks.Select(c => c.Name).Order());
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void SumsAddRanksInRankOrderOnEveryRankAndEveryRun(int k)
    {
        const int n = 4099;
        var random = new Random(17);
        double[][] inputs = [.. Enumerable.Range(0, k).Select(_ => Enumerable.Range(0, n).Select(_ => Math.ScaleB(random.NextDouble() - 0.5, random.Next(-40, 40))).ToArray())];
        var expected = (double[])inputs[0].Clone();
        for (int r = 1; r < k; r++)
            for (int i = 0; i < n; i++) expected[i] += inputs[r][i];

        for (int run = 0; run < 5; run++)
        {
            double[][] results = InProcessCommunicator.Run(k, c =>
            {
                var v = (double[])inputs[c.Rank].Clone();
                if (c.Rank == run % k) Thread.Sleep(5);   // arrival order must not matter
                c.AllReduceSum(v);
                return v;
            }, Limit);
            foreach (double[] v in results) Assert.Equal(BitsOf(expected), BitsOf(v));
        }
    }

    [Fact]
    public void CallsThatDoNotMatchThrowOnEveryRank()
    {
        var lengths = Assert.Throws<AggregateException>(() => InProcessCommunicator.Run(3, c => c.AllReduceSum(new double[c.Rank == 2 ? 6 : 5]), Limit));
        Assert.Equal(3, lengths.InnerExceptions.Count);
        Assert.All(lengths.InnerExceptions, e => Assert.Contains("rank 0 passed 5 values, rank 2 passed 6", Assert.IsType<InvalidOperationException>(e).Message));

        var operations = Assert.Throws<AggregateException>(() => InProcessCommunicator.Run(2, c =>
        {
            if (c.Rank == 0) c.AllReduceSum(new double[3]);
            else c.Broadcast(new double[3], 0);
        }, Limit));
        Assert.All(operations.InnerExceptions, e => Assert.Contains("called", e.Message));

        var roots = Assert.Throws<AggregateException>(() => InProcessCommunicator.Run(2, c => c.Broadcast(new byte[3], c.Rank), Limit));
        Assert.All(roots.InnerExceptions, e => Assert.Contains("named root", e.Message));
    }

    [Fact]
    public void ARankThatThrowsReleasesTheOthersAndItsExceptionIsRethrown()
    {
        var e = Assert.Throws<DivideByZeroException>(() => InProcessCommunicator.Run(4, c =>
        {
            if (c.Rank == 2) throw new DivideByZeroException("rank 2 fails");
            c.AllReduceSum(new double[10]);
            c.Barrier();
        }));   // no timeout: the abort alone must release ranks 0, 1 and 3
        Assert.Equal("rank 2 fails", e.Message);
    }

    [Fact]
    public void ARankThatNeverJoinsIsATimeoutNotAHang()
    {
        var e = Assert.Throws<TimeoutException>(() => InProcessCommunicator.Run(2, c =>
        {
            if (c.Rank == 0) c.Barrier();
        }, TimeSpan.FromMilliseconds(300)));
        Assert.Contains("rank 0 waited longer than 0.3 s in Barrier", e.Message);
    }

    [Fact]
    public void AbortReleasesTheGroupAndItsSubGroups()
    {
        InProcessCommunicator[] ranks = InProcessCommunicator.Create(2, Limit);
        ICommunicator? sub0 = null, sub1 = null;
        var split = new Thread(() => sub1 = ranks[1].Split(0, 0));
        split.Start();
        sub0 = ranks[0].Split(0, 0);
        split.Join();

        Exception? waiting = null;
        var waiter = new Thread(() =>
        {
            try { sub1!.AllReduceSum(new double[4]); }
            catch (Exception ex) { waiting = ex; }
        });
        waiter.Start();
        Thread.Sleep(50);
        ranks[0].Abort("stopped by the test");
        Assert.True(waiter.Join(Limit));
        Assert.Contains("stopped by the test", Assert.IsAssignableFrom<OperationCanceledException>(waiting).Message);
        Assert.Throws<GroupAbortedException>(() => ranks[0].Barrier());
        sub0.Dispose();
        sub1!.Dispose();
        foreach (var r in ranks) r.Dispose();
        Assert.Throws<ObjectDisposedException>(() => ranks[0].AllReduceSum(new double[1]));
    }

    [Fact]
    public void SplitOrdersByKeyThenRank()
    {
        // Colour 0: ranks 0, 2, 4 with keys 1, 0, 0 → sub-ranks 2, 0, 1; colour 1: ranks 1, 3 with keys 1, 0 → 1, 0.
        int[][] result = InProcessCommunicator.Run(5, c =>
        {
            using ICommunicator sub = c.Split(c.Rank % 2, c.Rank is 0 or 1 ? 1 : 0);
            return new[] { sub.Rank, sub.Size };
        }, Limit);
        Assert.Equal([[2, 3], [1, 2], [0, 3], [0, 2], [1, 3]], result);
    }

    [Fact]
    public void InvalidArgumentsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => InProcessCommunicator.Create(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => InProcessCommunicator.Create(2, TimeSpan.Zero));
        InProcessCommunicator[] one = InProcessCommunicator.Create(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => one[0].Broadcast(new double[1], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => one[0].Split(-1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SingleProcessCommunicator.Instance.Broadcast(new byte[1], 1));
    }

    [Fact]
    public void TheSingleProcessCommunicatorPassesTheChecks()
    {
        CheckReport report = CommunicatorChecks.Run(SingleProcessCommunicator.Instance, 1);
        Assert.True(report.Passed, string.Join("; ", report.Checks.Where(c => !c.Passed).Select(c => $"{c.Name}: {c.Detail}")));
    }

    private static long[] BitsOf(double[] v) => [.. v.Select(BitConverter.DoubleToInt64Bits)];
}
