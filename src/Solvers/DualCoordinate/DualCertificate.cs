namespace OptSuite.Solvers;

/// <summary>
/// The primal value, dual value and relative duality gap of the L2-regularised dual coordinate solvers, formed from
/// the sums they take in LIBLINEAR's units (C_i = a_i/λ) and reported in the mean-loss units of the objective (λ times
/// LIBLINEAR's): P = λ(½‖w‖² + Σ C_iℓ_i) and D = −λ(½‖w‖² + Σ dual terms), so P − D = λ(‖w‖² + loss + dual terms).
/// One definition for the in-memory, block and CoCoA+ states of every dual loss.
/// </summary>
internal struct DualCertificate
{
    /// <summary>No evaluation yet: NaN values and an infinite criterion.</summary>
    public static DualCertificate None => new() { Primal = double.NaN, Gap = double.NaN, Dual = double.NaN, Criterion = double.PositiveInfinity };

    /// <summary>P at the last evaluation.</summary>
    public double Primal { get; private set; }

    /// <summary>P − D at the last evaluation.</summary>
    public double Gap { get; private set; }

    /// <summary>D at the last evaluation.</summary>
    public double Dual { get; private set; }

    /// <summary>The relative gap max(gap, 0)/P (the absolute one when P = 0) at the last evaluation.</summary>
    public double Criterion { get; private set; }

    /// <summary>Records an evaluation from LIBLINEAR-unit sums.</summary>
    /// <param name="lambda">λ.</param>
    /// <param name="squaredNorm">‖w‖² (‖W‖²_F for multiclass).</param>
    /// <param name="loss">Σ C_i ℓ_i at w.</param>
    /// <param name="dualTerms">The dual's per-sample terms, in the sign of the minimised dual (D = −λ(½‖w‖² + these)).</param>
    public void Set(double lambda, double squaredNorm, double loss, double dualTerms)
    {
        Primal = lambda * (0.5 * squaredNorm + loss);
        Gap = lambda * (squaredNorm + loss + dualTerms);
        Dual = -lambda * (0.5 * squaredNorm + dualTerms);
        Criterion = Primal > 0 ? Math.Max(Gap, 0) / Primal : Math.Max(Gap, 0);
    }

    /// <summary>The solver result with this certificate's objective, criterion and gap.</summary>
    public readonly SolverResult Result(LoopOutcome outcome, double[] solution, EvaluationCounts counts) =>
        outcome.ToResult(solution, Primal, Criterion, Gap, counts);
}
