namespace OptSuite.Solvers;

/// <summary>The stopping settings <see cref="LbfgsOptions"/> and <see cref="OwlQnOptions"/> share.</summary>
public abstract record QuasiNewtonOptions : SolverOptions
{
    /// <summary>
    /// The stopping criterion. Default <see cref="QuasiNewtonCriterion.Auto"/>: the relative duality gap where the function
    /// has one (a certificate: F(x) − F* ≤ gap), else the relative gradient norm.
    /// </summary>
    public QuasiNewtonCriterion Criterion { get; init; } = QuasiNewtonCriterion.Auto;

    /// <summary>
    /// With the gap criterion: evaluate the gap (about one value-and-gradient pass) at least every this many iterations,
    /// besides each time the relative gradient norm falls below the tolerance (then below a tenth of its value at the
    /// last such check), at the start and at the last iteration allowed. Default 10.
    /// </summary>
    public int GapCheckEvery { get; init; } = 10;

    /// <inheritdoc/>
    public override IEnumerable<string> Problems()
    {
        foreach (string p in base.Problems()) yield return p;
        if (!Enum.IsDefined(Criterion))
            yield return $"{nameof(Criterion)} {(int)Criterion} is not a {nameof(QuasiNewtonCriterion)} value.";
        if (GapCheckEvery < 1) yield return $"{nameof(GapCheckEvery)} must be ≥ 1; it is {GapCheckEvery}.";
    }
}
