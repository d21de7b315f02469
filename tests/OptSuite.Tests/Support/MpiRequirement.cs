using OptSuite.LinearAlgebra.Distributed;

namespace OptSuite.Tests.Support;

/// <summary>
/// Whether an MPI test skips: only where mpiexec.hydra or libmpich.so.12 is missing, with what is missing as the visible
/// reason — unless <c>OPTSUITE_REQUIRE_MPI=1</c> (set by .ci/run after installing MPICH), where a missing MPI is a failure
/// of every MPI test rather than a quiet skip.
/// </summary>
internal static class MpiRequirement
{
    public const string Variable = "OPTSUITE_REQUIRE_MPI";

    /// <summary>The skip reason, or null when the test must run (MPICH is installed, or it is required).</summary>
    public static string? SkipReason()
    {
        if (MpiProcess.Missing() is not { } missing) return null;
        if (Environment.GetEnvironmentVariable(Variable) == "1") return null;   // run, and fail at the launch
        return $"MPI unavailable: {missing} (install with `{MpiCommunicator.InstallCommand}`; set {Variable}=1 to make this a failure)";
    }
}
