namespace OptSuite.Solvers;

/// <summary>Options of <see cref="QuantileInteriorPoint"/>. Defaults: relative duality gap 1e-8, 500 iterations.</summary>
public sealed record QuantileInteriorPointOptions : SolverOptions
{
    /// <summary>Creates the options with the interior-point defaults (Tolerance 1e-8, MaxIterations 500).</summary>
    public QuantileInteriorPointOptions()
    {
        Tolerance = 1e-8;
        MaxIterations = 500;
    }

    /// <summary>
    /// Fraction of the largest feasible step taken towards the boundary (Koenker &amp; Portnoy's 0.99995). Must lie in
    /// (0, 1). Default 0.99995.
    /// </summary>
    public double StepFraction { get; init; } = 0.99995;

    /// <inheritdoc/>
    public override IEnumerable<string> Problems()
    {
        foreach (string p in base.Problems()) yield return p;
        if (!(StepFraction > 0 && StepFraction < 1)) yield return $"{nameof(StepFraction)} must lie in (0, 1); it is {StepFraction}.";
    }
}
