namespace OptSuite.Tests.Support;

/// <summary>A theory that launches MPI ranks: skipped only where MPICH is missing (see <see cref="MpiRequirement"/>).</summary>
public sealed class MpiTheoryAttribute : TheoryAttribute
{
    public MpiTheoryAttribute()
    {
        Skip = MpiRequirement.SkipReason();
    }
}
