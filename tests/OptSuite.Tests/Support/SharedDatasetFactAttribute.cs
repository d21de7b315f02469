using OptSuite.Data;

namespace OptSuite.Tests.Support;

/// <summary>A fact that needs /work/shared/datasets (../shared/datasets beside the repository); skipped, with the reason shown, when it is absent.</summary>
public sealed class SharedDatasetFactAttribute : FactAttribute
{
    public SharedDatasetFactAttribute()
    {
        Skip = SharedDatasets.SkipReason();
    }
}

internal static class SharedDatasets
{
    public const string MissingReason = "the shared dataset collection (../shared/datasets beside the repository) is absent";

    /// <summary>
    /// Why a real-data test is skipped, or null to run it: only when the collection is absent, and never when
    /// OPTSUITE_REQUIRE_SHARED_DATA=1 (set by .ci/run), where a missing collection must fail the tests instead of
    /// silently thinning them.
    /// </summary>
    public static string? SkipReason() =>
        Environment.GetEnvironmentVariable("OPTSUITE_REQUIRE_SHARED_DATA") == "1" || DatasetLocator.SharedRoot() is not null
            ? null
            : MissingReason + " (set OPTSUITE_REQUIRE_SHARED_DATA=1 to fail instead of skipping)";
}
