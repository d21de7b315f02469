namespace OptSuite.Solvers;

/// <summary>Options of <see cref="ProximalGradient"/>: FISTA with adaptive restart and backtracking by default.</summary>
public sealed record ProximalGradientOptions : SolverOptions
{
    /// <summary>FISTA momentum (Beck &amp; Teboulle 2009) when true (default); plain ISTA when false.</summary>
    public bool Accelerated { get; init; } = true;

    /// <summary>
    /// Gradient-based adaptive restart of the momentum (O'Donoghue &amp; Candès 2015): reset when
    /// ⟨y − x⁺, x⁺ − x⟩ &gt; 0. Default true; ignored by ISTA.
    /// </summary>
    public bool AdaptiveRestart { get; init; } = true;

    /// <summary>The step rule. Default <see cref="StepSizeRule.Backtracking"/>.</summary>
    public StepSizeRule StepSize { get; init; } = StepSizeRule.Backtracking;

    /// <summary>The first step; null for 1/L when the objective's bound is finite, else 1.</summary>
    public double? InitialStep { get; init; }

    /// <summary>Backtracking shrink factor in (0, 1). Default 0.5.</summary>
    public double BacktrackingFactor { get; init; } = 0.5;

    /// <summary>Factor ≥ 1 the accepted step is multiplied by before the next iteration's search. Default 1.1.</summary>
    public double StepGrowth { get; init; } = 1.1;

    /// <summary>Evaluate the duality gap (about one extra pass) every this many iterations. Default 10.</summary>
    public int GapCheckEvery { get; init; } = 10;

    /// <inheritdoc/>
    public override IEnumerable<string> Problems()
    {
        foreach (string p in base.Problems()) yield return p;
        if (InitialStep is { } s && !(s > 0 && double.IsFinite(s)))
            yield return $"{nameof(InitialStep)} must be a finite number > 0 (or null); it is {s}.";
        if (!(BacktrackingFactor > 0 && BacktrackingFactor < 1))
            yield return $"{nameof(BacktrackingFactor)} must lie in (0, 1); it is {BacktrackingFactor}.";
        if (!(StepGrowth >= 1 && double.IsFinite(StepGrowth)))
            yield return $"{nameof(StepGrowth)} must be a finite number ≥ 1; it is {StepGrowth}.";
        if (GapCheckEvery < 1)
            yield return $"{nameof(GapCheckEvery)} must be ≥ 1; it is {GapCheckEvery}.";
        if (!Enum.IsDefined(StepSize))
            yield return $"{nameof(StepSize)} {(int)StepSize} is not a {nameof(StepSizeRule)} value.";
    }
}
