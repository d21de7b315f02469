using OptSuite.Tests.Support;

namespace OptSuite.Tests.LinearAlgebra.Distributed;

/// <summary>
/// <see cref="OptSuite.LinearAlgebra.Distributed.MpiCommunicator"/> on real ranks: mpiexec.hydra launches the MPI host
/// K times and every rank runs <see cref="OptSuite.MpiHost.CommunicatorChecks"/> — exact sums (1000 and 1,048,583
/// doubles), sums that depend on the order of the ranks, maxima through NaN and ±0, int64 sums beyond 2^53, broadcasts
/// from every root, strings, splits. Right answers on 1–4 ranks are what proves the MPICH handle values (MPI_DOUBLE,
/// MPI_INT64_T, MPI_BYTE, MPI_SUM, MPI_MAX, MPI_COMM_WORLD): a wrong one sums the wrong type or fails.
/// </summary>
[Collection("MPI")]
public class MpiCommunicatorTests
{
    [MpiTheory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void EveryCheckPassesOnEveryRankWithTheSameBits(int k)
    {
        var run = MpiProcess.Run(k, [k.ToString(System.Globalization.CultureInfo.InvariantCulture), "checks"]);
        Assert.True(run.Code == 0, run.Transcript);
        var output = new RankOutput(run.Out);
        output.AssertComplete(k, run.Transcript);
        var fingerprints = output.Fingerprints();
        Assert.NotEmpty(fingerprints);
        foreach (var (name, values) in fingerprints)
            Assert.True(values.Count == 1, $"{name} differs between ranks: {string.Join(", ", values)}\n{run.Transcript}");
    }

    /// <summary>
    /// UCX's SIGSEGV handler turns a null dereference into a crash. The binding sets UCX_ERROR_SIGNALS="" with libc
    /// setenv before libmpich is loaded, so even a launch that asks for the handler keeps NullReferenceException working
    /// (the host's "null-reference" check; without the setenv this run dies with "Caught signal 11").
    /// </summary>
    [MpiFact]
    public void NullReferencesSurviveALaunchThatAsksForUcxSignalHandlers()
    {
        var run = MpiProcess.Run(2, ["2", "checks"], ucxErrorSignals: "SIGSEGV,SIGBUS");
        Assert.True(run.Code == 0, run.Transcript);
        new RankOutput(run.Out).AssertComplete(2, run.Transcript);
    }

    /// <summary>
    /// A launcher that does not start the ranks asked for must fail, not pass as several one-rank runs: every rank
    /// compares the world's size with the K on its command line.
    /// </summary>
    [MpiFact]
    public void AWorldOfAnotherSizeFails()
    {
        var run = MpiProcess.Run(2, ["3", "checks"]);
        Assert.True(run.Code != 0, run.Transcript);
        Assert.Contains("the MPI world has 2 rank(s), 3 were requested", run.Err);
        Assert.DoesNotContain("done", run.Out);

        // What another MPI's mpiexec would do: start the host without hydra, i.e. as an MPI singleton.
        var single = MpiProcess.RunWithoutLauncher(["2", "checks"]);
        Assert.True(single.Code == 3, single.Transcript);
        Assert.Contains("the MPI world has 1 rank(s), 2 were requested", single.Err);
    }
}
