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

    /// <summary>Whether <see cref="Certificate"/> is the present point's: set by <see cref="Certify"/>, cleared by
    /// <see cref="Moved"/>.</summary>
    private bool _current;

    /// <summary>One pass over the data: P, D and the gap at the current point into <see cref="Certificate"/>.</summary>
    private protected abstract void ComputeGap();

    /// <summary>Every change of the point (a step, a restore) calls this, so the next <see cref="Certify"/> evaluates.</summary>
    private protected void Moved() => _current = false;

    /// <summary>
    /// <see cref="ComputeGap"/> unless the certificate is already the present point's: the result after a converged
    /// gap check reuses that check's pass instead of evaluating the same point again.
    /// </summary>
    private protected void Certify()
    {
        if (_current) return;
        ComputeGap();
        _current = true;
    }

    /// <summary>The maintained weights (copied into the result).</summary>
    private protected abstract double[] Weights { get; }

    /// <summary>Evaluation counts so far.</summary>
    public abstract EvaluationCounts Counts { get; }

    /// <summary>The relative duality gap at the last evaluation.</summary>
    public double Criterion => Certificate.Criterion;

    /// <summary>P at the current point (one pass, none when it is certified already).</summary>
    public double Objective()
    {
        Certify();
        return Certificate.Primal;
    }

    /// <summary>P − D at the current point (one pass, none when it is certified already).</summary>
    public double DualityGap()
    {
        Certify();
        return Certificate.Gap;
    }

    /// <summary>The result at the current point (one pass, none when it is certified already).</summary>
    public SolverResult ToResult(LoopOutcome outcome)
    {
        Certify();
        return Certificate.Result(outcome, Weights.ToArray(), Counts);
    }
}
