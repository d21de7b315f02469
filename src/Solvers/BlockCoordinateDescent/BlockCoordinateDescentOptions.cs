namespace OptSuite.Solvers;

/// <summary>Options of <see cref="BlockCoordinateDescent"/>.</summary>
public sealed record BlockCoordinateDescentOptions : SolverOptions
{
    /// <summary>Visiting order of the blocks. Default <see cref="CoordinateOrder.Cyclic"/>.</summary>
    public CoordinateOrder Order { get; init; } = CoordinateOrder.Cyclic;

    /// <summary>Seed for <see cref="CoordinateOrder.Random"/>; the same seed gives the same run. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>Compute the duality gap at least every this many epochs (and whenever the KKT pre-check passes). Default 10.</summary>
    public int GapCheckEvery { get; init; } = 10;

    /// <summary>
    /// Between full epochs, sweep only the non-zero blocks until they settle (glmnet's active-set cycling). Default
    /// true. Ignored by the Crammer–Singer dual, whose blocks are never zero.
    /// </summary>
    public bool ActiveSetCycling { get; init; } = true;

    /// <inheritdoc/>
    public override IEnumerable<string> Problems()
    {
        foreach (string p in base.Problems()) yield return p;
        if (GapCheckEvery < 1) yield return $"{nameof(GapCheckEvery)} must be ≥ 1; it is {GapCheckEvery}.";
        if (!Enum.IsDefined(Order)) yield return $"{nameof(Order)} {(int)Order} is not a {nameof(CoordinateOrder)} value.";
        else if (Order == CoordinateOrder.Greedy) yield return $"{nameof(Order)} Greedy is available for coordinate descent only; use Cyclic or Random.";
    }
}
