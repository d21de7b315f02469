using OptSuite.Data;

namespace OptSuite.Tests.Support;

/// <summary>A fact that needs /work/shared/datasets (../shared/datasets beside the repository); skipped, with the reason shown, when it is absent.</summary>
public sealed class SharedDatasetFactAttribute : FactAttribute
{
    public SharedDatasetFactAttribute()
    {
        if (DatasetLocator.SharedRoot() is null) Skip = SharedDatasets.MissingReason;
    }
}

internal static class SharedDatasets
{
    public const string MissingReason = "the shared dataset collection (../shared/datasets beside the repository) is absent";
}
