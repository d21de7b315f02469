using OptSuite.LinearAlgebra;
using OptSuite.LinearAlgebra.Mkl;
using OptSuite.Models;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.LinearAlgebra;

/// <summary>
/// <see cref="LinearAlgebraSettings.UseThreads"/> scopes belong to one call flow: they nest, flow into Parallel bodies
/// started inside them, never change <see cref="LinearAlgebraSettings.MaxThreads"/>, and two flows holding different
/// scopes at the same moment each see their own (a model's <c>Threads</c> once set the process-wide value, and a
/// concurrent managed Gemm read it mid-call: ArgumentOutOfRangeException in CI).
/// </summary>
public class ThreadScopeTests
{
    [Fact]
    public void ScopesNestRestoreAndLeaveTheProcessDefaultAlone()
    {
        int process = LinearAlgebraSettings.MaxThreads;
        int outer = LinearAlgebraSettings.Threads;
        int two = Math.Min(2, LinearAlgebraSettings.AvailableProcessors);   // scopes are clamped to the processors
        using (LinearAlgebraSettings.UseThreads(2))
        {
            Assert.Equal(two, LinearAlgebraSettings.Threads);
            using (LinearAlgebraSettings.UseThreads(1)) Assert.Equal(1, LinearAlgebraSettings.Threads);
            Assert.Equal(two, LinearAlgebraSettings.Threads);
            var seen = new int[8];
            Parallel.For(0, seen.Length, i => seen[i] = LinearAlgebraSettings.Threads);
            Assert.All(seen, t => Assert.Equal(two, t));
            Assert.Equal(process, LinearAlgebraSettings.MaxThreads);
        }
        Assert.Equal(outer, LinearAlgebraSettings.Threads);
    }

    [Fact]
    public void NonPositiveCountIsRejectedNamingTheParameter()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => LinearAlgebraSettings.UseThreads(0));
        Assert.Equal("threads", e.ParamName);
    }

    /// <summary>
    /// What <paramref name="read"/> sees on two threads that hold scopes of <paramref name="first"/> and
    /// <paramref name="second"/> threads at the same moment (a barrier), so a shared setting would show one of them the
    /// other's value.
    /// </summary>
    private static async Task<(int First, int Second)> HeldTogether(int first, int second, Func<int> read)
    {
        using var barrier = new Barrier(2);
        int Hold(int threads)
        {
            using var scope = LinearAlgebraSettings.UseThreads(threads);
            barrier.SignalAndWait();
            int seen = read();
            barrier.SignalAndWait();
            return seen;
        }
        var a = Task.Factory.StartNew(() => Hold(first), TaskCreationOptions.LongRunning);
        var b = Task.Factory.StartNew(() => Hold(second), TaskCreationOptions.LongRunning);
        return (await a, await b);
    }

    [Fact]
    public async Task ConcurrentScopesDoNotSeeEachOther() =>
        Assert.Equal((1, Math.Min(2, LinearAlgebraSettings.AvailableProcessors)), await HeldTogether(1, 2, () => LinearAlgebraSettings.Threads));

    [MklFact]
    public async Task MklFollowsTheScopeOfEachCallingThread()
    {
        if (LinearAlgebraBackends.Mkl is not MklBackend { ThreadingLayer: MklThreadingLayer.Gnu } mkl) return; // sequential: always 1
        Assert.Equal((1, 2), await HeldTogether(1, 2, () => mkl.Threads));
    }

    [Fact]
    public async Task FitsWithDifferentThreadCountsRunConcurrentlyAndMatchTheirSerialResults()
    {
        var rng = new Random(5);
        var x = RandomMatrices.Dense(rng, 2000, 100, 1.0);
        var y = RandomMatrices.Vector(rng, 2000);
        double[] Fit(int threads) =>
            new Ridge { Lambda = 0.1, Threads = threads, Solver = SolverKind.Lbfgs, Tolerance = 1e-10 }.Fit(x, y).Coefficients;

        double[] one = Fit(1), two = Fit(2);
        var runs = Enumerable.Range(0, 8).Select(i => Task.Run(() => (i, w: Fit(1 + i % 2)))).ToArray();
        foreach (var (i, w) in await Task.WhenAll(runs)) Assert.Equal(i % 2 == 0 ? one : two, w); // bit-identical
        Assert.Equal(LinearAlgebraSettings.MaxThreads, LinearAlgebraSettings.Threads);
    }
}
