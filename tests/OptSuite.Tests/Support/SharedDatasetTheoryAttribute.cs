
namespace OptSuite.Tests.Support;

/// <summary>A theory over shared datasets; skipped, with the reason shown, when the folder is absent.</summary>
public sealed class SharedDatasetTheoryAttribute : TheoryAttribute
{
    public SharedDatasetTheoryAttribute()
    {
        Skip = SharedDatasets.SkipReason();
    }
}
