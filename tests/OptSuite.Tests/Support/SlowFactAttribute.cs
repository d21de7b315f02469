using OptSuite.Data;

namespace OptSuite.Tests.Support;

/// <summary>
/// A fact that takes minutes on the 2-core machine (long real-data solves). The README's test command skips it with
/// this reason so CI stays within its 15-minute budget; <c>OPTSUITE_SLOW_TESTS=1 dotnet test OptSuite.sln -c Release</c>
/// runs it. It also needs ../shared/datasets.
/// </summary>
public sealed class SlowFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> unless OPTSUITE_SLOW_TESTS=1 and the shared datasets exist.</summary>
    public SlowFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("OPTSUITE_SLOW_TESTS") != "1")
            Skip = "slow (minutes): set OPTSUITE_SLOW_TESTS=1 to run it.";
        else if (DatasetLocator.SharedRoot() is null)
            Skip = "../shared/datasets is not present beside this checkout; set it up to run the real-data tests.";
    }
}
