namespace OptSuite.Solvers;

/// <summary>Options of <see cref="OwlQn"/>.</summary>
public sealed record OwlQnOptions : QuasiNewtonOptions
{
    /// <summary>Curvature pairs kept (m). Default 10.</summary>
    public int HistorySize { get; init; } = 10;

    /// <summary>Sufficient-decrease constant of the projected backtracking search. Default 1e-4.</summary>
    public double SufficientDecrease { get; init; } = 1e-4;

    /// <summary>Backtracking halvings allowed per iteration. Default 40.</summary>
    public int MaxBacktracks { get; init; } = 40;

    /// <inheritdoc/>
    public override IEnumerable<string> Problems()
    {
        foreach (string p in base.Problems()) yield return p;
        if (HistorySize < 1) yield return $"{nameof(HistorySize)} must be ≥ 1; it is {HistorySize}.";
        if (!(SufficientDecrease > 0 && SufficientDecrease < 1))
            yield return $"{nameof(SufficientDecrease)} must lie in (0, 1); it is {SufficientDecrease}.";
        if (MaxBacktracks < 1) yield return $"{nameof(MaxBacktracks)} must be ≥ 1; it is {MaxBacktracks}.";
    }
}
