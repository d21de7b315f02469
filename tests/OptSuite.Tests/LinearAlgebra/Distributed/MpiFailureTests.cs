using OptSuite.Tests.Support;

namespace OptSuite.Tests.LinearAlgebra.Distributed;

/// <summary>
/// A rank that fails must not leave the others waiting forever in a collective. What MPICH 4.0.2's mpiexec.hydra does,
/// measured here: a rank that exits with a non-zero code or dies of a signal (an unhandled .NET exception aborts the
/// process) ends the job — hydra kills the other ranks and exits non-zero, in well under a second; MPI_Abort ends every
/// rank with its code. A rank that hangs ends nothing by itself; MPIEXEC_TIMEOUT (seconds) bounds the job and hydra then
/// exits with 255.
/// </summary>
[Collection("MPI")]
public class MpiFailureTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [MpiTheory]
    [InlineData("exit", 3)]
    [InlineData("abort", 5)]
    [InlineData("crash", 0)]
    public void ARankThatDiesEndsTheJobWithAFailure(string scenario, int code)
    {
        string[] args = scenario == "crash" ? ["3", "crash", "1"] : ["3", scenario, "1", code.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        var run = MpiProcess.Run(3, args, timeout: Bound);
        Assert.True(run.Code != 0, run.Transcript);
        Assert.DoesNotContain("reduction completed", run.Out);
        // hydra's exit code (the failing rank's 3, or the SIGKILL/SIGTERM/SIGABRT of a rank it tore down), its
        // "BAD TERMINATION" banner and even the failing rank's last line (torn down before hydra forwards it) depend on
        // which rank it sees end first: only "non-zero, promptly" is asserted, and MPI_Abort's code.
        Assert.True(run.Elapsed < Bound, run.Transcript);
        if (scenario == "abort") Assert.True(run.Code == code, $"MPI_Abort's code is the job's\n{run.Transcript}");
    }

    [MpiFact]
    public void AHangingRankIsBoundedByMpiexecTimeout()
    {
        // 5 s: enough for three dotnet start-ups on a busy 2-core machine, so rank 2 is hanging, not starting, when it fires.
        var run = MpiProcess.Run(3, ["3", "hang", "2"], environment: [("MPIEXEC_TIMEOUT", "5")], timeout: Bound);
        Assert.True(run.Code != 0, run.Transcript);
        Assert.Contains("R2 failing: hang", run.Out);
        Assert.DoesNotContain("reduction completed", run.Out);
        Assert.Contains("TIMED OUT", run.Out + run.Err);
        Assert.True(run.Elapsed < TimeSpan.FromSeconds(15), run.Transcript);
    }
}
