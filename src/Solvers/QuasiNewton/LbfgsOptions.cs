namespace OptSuite.Solvers;

/// <summary>Options of <see cref="Lbfgs"/>.</summary>
public sealed record LbfgsOptions : QuasiNewtonOptions
{
    /// <summary>Curvature pairs kept (m). Default 10.</summary>
    public int HistorySize { get; init; } = 10;

    /// <summary>Sufficient-decrease constant c₁ of the Wolfe conditions. Default 1e-4.</summary>
    public double SufficientDecrease { get; init; } = 1e-4;

    /// <summary>Curvature constant c₂ of the strong Wolfe conditions, c₁ &lt; c₂ &lt; 1. Default 0.9.</summary>
    public double Curvature { get; init; } = 0.9;

    /// <summary>Function evaluations allowed per line search. Default 25.</summary>
    public int MaxLineSearchEvaluations { get; init; } = 25;

    /// <summary>
    /// Also stop (as converged) when the relative decrease (f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) is at most this;
    /// 0 (default) disables the test so that <see cref="SolverOptions.Tolerance"/> alone decides. Under the gap criterion
    /// a small decrease only triggers a gap check: the run stops when the gap certifies.
    /// </summary>
    public double RelativeDecreaseTolerance { get; init; }

    /// <inheritdoc/>
    public override IEnumerable<string> Problems()
    {
        foreach (string p in base.Problems()) yield return p;
        if (HistorySize < 1) yield return $"{nameof(HistorySize)} must be ≥ 1; it is {HistorySize}.";
        if (!(SufficientDecrease > 0 && SufficientDecrease < 1))
            yield return $"{nameof(SufficientDecrease)} must lie in (0, 1); it is {SufficientDecrease}.";
        if (!(Curvature > SufficientDecrease && Curvature < 1))
            yield return $"{nameof(Curvature)} must lie in ({nameof(SufficientDecrease)}, 1); it is {Curvature}.";
        if (MaxLineSearchEvaluations < 1)
            yield return $"{nameof(MaxLineSearchEvaluations)} must be ≥ 1; it is {MaxLineSearchEvaluations}.";
        if (!(RelativeDecreaseTolerance >= 0 && RelativeDecreaseTolerance < 1))
            yield return $"{nameof(RelativeDecreaseTolerance)} must lie in [0, 1); it is {RelativeDecreaseTolerance}.";
    }
}
