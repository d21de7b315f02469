namespace OptSuite.Solvers;

/// <summary>
/// What a solve returns. <see cref="Solution"/> is a fresh array (never the caller's starting point). A solve that did
/// not converge is still a result: look at <see cref="StopReason"/>, <see cref="Criterion"/> and <see cref="DualityGap"/>.
/// </summary>
public sealed class SolverResult
{
    /// <summary>The coefficients found (for multi-output problems, row-major p × k).</summary>
    public required double[] Solution { get; init; }

    /// <summary>The unpenalised intercept(s); empty when the objective has none.</summary>
    public double[] Intercepts { get; init; } = [];

    /// <summary>The objective at <see cref="Solution"/>.</summary>
    public required double Objective { get; init; }

    /// <summary>Iterations (or epochs) performed.</summary>
    public required int Iterations { get; init; }

    /// <summary>Why the solver stopped.</summary>
    public required StopReason StopReason { get; init; }

    /// <summary>The final value of the solver's stopping criterion.</summary>
    public required double Criterion { get; init; }

    /// <summary>The duality gap at <see cref="Solution"/>, or null where the objective has no dual.</summary>
    public double? DualityGap { get; init; }

    /// <summary>Objective, gradient and prox evaluations.</summary>
    public EvaluationCounts Counts { get; init; }

    /// <summary>Solver time, excluding tracing and observer time.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>The convergence trace (empty unless <see cref="SolverOptions.TraceEvery"/> &gt; 0).</summary>
    public IReadOnlyList<TracePoint> Trace { get; init; } = [];

    /// <summary>True when <see cref="StopReason"/> is <see cref="Solvers.StopReason.Converged"/>.</summary>
    public bool Converged => StopReason == StopReason.Converged;

    /// <inheritdoc/>
    public override string ToString() =>
        $"{StopReason} after {Iterations} iterations in {Elapsed.TotalSeconds:G4} s: objective {Objective:R}, criterion {Criterion:G3}" +
        (DualityGap is { } g ? $", gap {g:G3}" : "");
}
