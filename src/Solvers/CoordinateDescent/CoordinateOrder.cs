namespace OptSuite.Solvers;

/// <summary>The order in which coordinate descent visits coordinates within an epoch.</summary>
public enum CoordinateOrder
{
    /// <summary>0, 1, …, p − 1 every epoch.</summary>
    Cyclic,

    /// <summary>A fresh random permutation every epoch (seeded; the same seed gives the same run).</summary>
    Random,

    /// <summary>
    /// Greedy (Gauss–Southwell-r; Nutini et al. 2015): every step takes the working-set coordinate whose exact step is
    /// largest in the model's norm, |Δ_j|·√H_jj, until the largest violation is within the inner tolerance. It needs the
    /// working set's gradient at every step, which the Gram engine keeps, so <see cref="CoordinateDescent"/> then solves
    /// on the Gram matrix (working sets up to 4,096 coordinates; larger ones fall back to cyclic order). Coordinate
    /// descent only: block coordinate descent rejects it.
    /// </summary>
    Greedy,
}
