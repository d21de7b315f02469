namespace OptSuite.LinearAlgebra.Managed;

/// <summary>A unit of work split into a fixed number of parts, each run exactly once, possibly on different threads.</summary>
internal abstract class ParallelJob
{
    /// <summary>Runs part <paramref name="part"/> of <paramref name="parts"/>.</summary>
    public abstract void Run(int part, int parts);
}
