using OptSuite.Data;

namespace OptSuite.Tests.Support;

/// <summary>A fact that needs ../shared/datasets; it is skipped, with the reason shown, only where that folder is absent.</summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the shared datasets cannot be found.</summary>
    public SharedDataFactAttribute()
    {
        if (DatasetLocator.SharedRoot() is null)
            Skip = "../shared/datasets is not present beside this checkout; set it up to run the real-data tests.";
    }
}
