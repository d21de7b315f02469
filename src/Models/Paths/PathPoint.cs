using OptSuite.Solvers;

namespace OptSuite.Models;

/// <summary>
/// One point of a <see cref="RegularizationPath"/>: the solution at one λ, stored sparse (the indices and values of the
/// non-zero coefficients), with the solver's report.
/// </summary>
/// <param name="Lambda">λ, the regularisation strength of this point.</param>
/// <param name="Indices">The indices of the non-zero coefficients, increasing.</param>
/// <param name="Values">The non-zero coefficients, aligned with <paramref name="Indices"/>.</param>
/// <param name="Intercept">The unpenalised intercept b (0 without intercept).</param>
/// <param name="Objective">The model's objective (1/Σc)Σc_i ℓ + λ(α‖w‖₁ + (1 − α)/2‖w‖²) at this point.</param>
/// <param name="DualityGap">Its duality gap (a bound on the suboptimality), or null where the solver's objective has none.</param>
/// <param name="DevianceExplained">1 − D/D₀: the deviance D = 2(1/Σc)Σc_i ℓ relative to the intercept-only model's D₀
/// (R² for squared loss; glmnet's dev.ratio).</param>
/// <param name="Iterations">The solver's iterations (epochs) at this λ, warm-started from the previous point.</param>
/// <param name="StopReason">Why the solver stopped at this λ.</param>
/// <param name="Solver">The solver that ran.</param>
/// <param name="Elapsed">The solver's time at this λ.</param>
public sealed record PathPoint(double Lambda, int[] Indices, double[] Values, double Intercept, double Objective,
    double? DualityGap, double DevianceExplained, int Iterations, StopReason StopReason, SolverKind Solver, TimeSpan Elapsed)
{
    /// <summary>Every output's intercept: k values on a multinomial path, else [<see cref="Intercept"/>].</summary>
    public double[] Intercepts { get => _intercepts is null ? [Intercept] : (double[])_intercepts.Clone(); init => _intercepts = value; }

    private readonly double[]? _intercepts;

    /// <summary>The number of non-zero coefficients.</summary>
    public int NonZeroCoefficients => Indices.Length;

    /// <summary>Whether the solver reached its tolerance at this λ.</summary>
    public bool Converged => StopReason == StopReason.Converged;

    /// <summary>The coefficients as a dense vector of length <paramref name="features"/>.</summary>
    /// <param name="features">p, the number of features of the path.</param>
    public double[] ToDense(int features)
    {
        var w = new double[features];
        for (int t = 0; t < Indices.Length; t++) w[Indices[t]] = Values[t];
        return w;
    }

    internal static PathPoint From(double lambda, double[] coefficients, double intercept, double objective, double? gap,
        double devianceExplained, SolverResult result, SolverKind solver)
    {
        int nnz = 0;
        foreach (double v in coefficients) if (v != 0) nnz++;
        var indices = new int[nnz];
        var values = new double[nnz];
        for (int j = 0, t = 0; j < coefficients.Length; j++)
        {
            if (coefficients[j] == 0) continue;
            indices[t] = j;
            values[t++] = coefficients[j];
        }
        return new PathPoint(lambda, indices, values, intercept, objective, gap, devianceExplained, result.Iterations,
            result.StopReason, solver, result.Elapsed);
    }
}
