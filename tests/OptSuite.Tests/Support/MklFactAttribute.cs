using OptSuite.LinearAlgebra;

namespace OptSuite.Tests.Support;

/// <summary>A fact that needs MKL: skipped, with MKL's load status as the visible reason, only where MKL cannot load.</summary>
public sealed class MklFactAttribute : FactAttribute
{
    public MklFactAttribute()
    {
        if (!LinearAlgebraBackends.IsMklAvailable) Skip = $"MKL unavailable: {LinearAlgebraBackends.MklStatus}";
    }
}
