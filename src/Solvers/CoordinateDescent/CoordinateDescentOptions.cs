namespace OptSuite.Solvers;

/// <summary>Options of <see cref="CoordinateDescent"/>.</summary>
public sealed record CoordinateDescentOptions : SolverOptions
{
    /// <summary>Visiting order. Default <see cref="CoordinateOrder.Cyclic"/>.</summary>
    public CoordinateOrder Order { get; init; } = CoordinateOrder.Cyclic;

    /// <summary>Seed for <see cref="CoordinateOrder.Random"/>. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>Compute the duality gap at least every this many epochs (and whenever the KKT pre-check passes). Default 10.</summary>
    public int GapCheckEvery { get; init; } = 10;

    /// <summary>
    /// Between full epochs, sweep only the non-zero coordinates until they settle (glmnet's active-set cycling).
    /// Default true.
    /// </summary>
    public bool ActiveSetCycling { get; init; } = true;

    /// <inheritdoc/>
    public override IEnumerable<string> Problems()
    {
        foreach (string p in base.Problems()) yield return p;
        if (GapCheckEvery < 1) yield return $"{nameof(GapCheckEvery)} must be ≥ 1; it is {GapCheckEvery}.";
        if (!Enum.IsDefined(Order)) yield return $"{nameof(Order)} {(int)Order} is not a {nameof(CoordinateOrder)} value.";
    }
}
