namespace OptSuite.Solvers;

/// <summary>
/// What the dual states (in memory: <see cref="BinaryDualState"/>, <see cref="SvrDualState"/>,
/// <see cref="CrammerSingerDualState"/>; in row blocks: <see cref="BlockDualState"/>) share around their one-pass gap
/// evaluation: the criterion, objective, gap and result read from the <see cref="DualCertificate"/> that
/// <see cref="ComputeGap"/> fills, at the weights w (or W).
/// </summary>
internal abstract class CertifiedDualState
{
    /// <summary>Filled by <see cref="ComputeGap"/>.</summary>
    private protected DualCertificate Certificate = DualCertificate.None;

    /// <summary>One pass over the data: P, D and the gap at the current point into <see cref="Certificate"/>.</summary>
    private protected abstract void ComputeGap();

    /// <summary>The maintained weights (copied into the result).</summary>
    private protected abstract double[] Weights { get; }

    /// <summary>Evaluation counts so far.</summary>
    public abstract EvaluationCounts Counts { get; }

    /// <summary>The relative duality gap at the last evaluation.</summary>
    public double Criterion => Certificate.Criterion;

    /// <summary>P at the current point (one pass).</summary>
    public double Objective()
    {
        ComputeGap();
        return Certificate.Primal;
    }

    /// <summary>P − D at the current point (one pass).</summary>
    public double DualityGap()
    {
        ComputeGap();
        return Certificate.Gap;
    }

    /// <summary>The result at the current point (one pass).</summary>
    public SolverResult ToResult(LoopOutcome outcome)
    {
        ComputeGap();
        return Certificate.Result(outcome, Weights.ToArray(), Counts);
    }
}
