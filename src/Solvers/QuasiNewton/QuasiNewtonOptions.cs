namespace OptSuite.Solvers;

/// <summary>The stopping settings <see cref="LbfgsOptions"/> and <see cref="OwlQnOptions"/> share.</summary>
public abstract record QuasiNewtonOptions : SolverOptions
{
    /// <summary>
    /// The stopping criterion. Default <see cref="QuasiNewtonCriterion.Auto"/>: where the function has a duality gap, the
    /// relative gradient norm confirmed by the relative gap (a certificate: F(x) − F* ≤ gap; see <see cref="Lbfgs"/>),
    /// else the relative gradient norm alone.
    /// </summary>
    public QuasiNewtonCriterion Criterion { get; init; } = QuasiNewtonCriterion.Auto;

    /// <inheritdoc/>
    public override IEnumerable<string> Problems()
    {
        foreach (string p in base.Problems()) yield return p;
        if (!Enum.IsDefined(Criterion))
            yield return $"{nameof(Criterion)} {(int)Criterion} is not a {nameof(QuasiNewtonCriterion)} value.";
    }
}
