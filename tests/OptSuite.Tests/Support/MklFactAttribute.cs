using OptSuite.LinearAlgebra;

namespace OptSuite.Tests.Support;

/// <summary>A fact that needs MKL: skipped only where MKL cannot load (see <see cref="MklRequirement"/>).</summary>
public sealed class MklFactAttribute : FactAttribute
{
    public MklFactAttribute()
    {
        Skip = MklRequirement.SkipReason();
    }
}
