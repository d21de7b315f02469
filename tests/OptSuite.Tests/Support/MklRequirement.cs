using OptSuite.LinearAlgebra;

namespace OptSuite.Tests.Support;

/// <summary>
/// Whether an MKL test skips: only where MKL cannot load, with its load status as the visible reason — unless
/// <c>OPTSUITE_REQUIRE_MKL=1</c> (set by .ci/run for its MKL run, after installing MKL), where a missing MKL is a failure
/// of every MKL test rather than a quiet skip.
/// </summary>
internal static class MklRequirement
{
    public const string Variable = "OPTSUITE_REQUIRE_MKL";

    /// <summary>The skip reason, or null when the test must run (MKL loads, or it is required).</summary>
    public static string? SkipReason()
    {
        if (LinearAlgebraBackends.IsMklAvailable) return null;
        if (Environment.GetEnvironmentVariable(Variable) == "1") return null;   // run, and fail where MKL is used
        return $"MKL unavailable: {LinearAlgebraBackends.MklStatus} (set {Variable}=1 to make this a failure)";
    }
}
