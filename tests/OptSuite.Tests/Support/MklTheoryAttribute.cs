using OptSuite.LinearAlgebra;

namespace OptSuite.Tests.Support;

/// <summary>A theory that needs MKL: skipped, with MKL's load status as the visible reason, only where MKL cannot load.</summary>
public sealed class MklTheoryAttribute : TheoryAttribute
{
    public MklTheoryAttribute()
    {
        if (!LinearAlgebraBackends.IsMklAvailable) Skip = $"MKL unavailable: {LinearAlgebraBackends.MklStatus}";
    }
}
