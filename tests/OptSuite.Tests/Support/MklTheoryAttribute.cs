using OptSuite.LinearAlgebra;

namespace OptSuite.Tests.Support;

/// <summary>A theory that needs MKL: skipped only where MKL cannot load (see <see cref="MklRequirement"/>).</summary>
public sealed class MklTheoryAttribute : TheoryAttribute
{
    public MklTheoryAttribute()
    {
        Skip = MklRequirement.SkipReason();
    }
}
