namespace OptSuite.Solvers;

/// <summary>The order in which coordinate descent visits coordinates within an epoch.</summary>
public enum CoordinateOrder
{
    /// <summary>0, 1, …, p − 1 every epoch.</summary>
    Cyclic,

    /// <summary>A fresh random permutation every epoch (seeded; the same seed gives the same run).</summary>
    Random,
}
