namespace OptSuite.Tests.Support;

/// <summary>A fact that launches MPI ranks: skipped only where MPICH is missing (see <see cref="MpiRequirement"/>).</summary>
public sealed class MpiFactAttribute : FactAttribute
{
    public MpiFactAttribute()
    {
        Skip = MpiRequirement.SkipReason();
    }
}
