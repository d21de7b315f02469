namespace OptSuite.Solvers;

/// <summary>Options of <see cref="CoordinateDescentPath"/>: the penalty, the λ grid and the solver.</summary>
public sealed record CoordinateDescentPathOptions
{
    /// <summary>α in λ(α Σ c_j|w_j| + (1 − α)/2‖w‖²): 1 is the lasso / L1 path (glmnet's alpha). Must lie in (0, 1]. Default 1.
    /// Below <see cref="LambdaGrid.L1RatioFloor"/> the automatic grid starts at the λ_max of α = 10⁻³ (glmnet's convention).</summary>
    public double L1Ratio { get; init; } = 1.0;

    /// <summary>Fit an unpenalised intercept. Default false.</summary>
    public bool FitIntercept { get; init; }

    /// <summary>Number of λ values of the automatic grid. Default 100 (glmnet).</summary>
    public int Count { get; init; } = 100;

    /// <summary>
    /// λ_min/λ_max of the automatic grid; null for glmnet's choice, 1e-2 when n &lt; p and 1e-4 otherwise.
    /// </summary>
    public double? MinRatio { get; init; }

    /// <summary>An explicit decreasing λ grid (overrides <see cref="Count"/> and <see cref="MinRatio"/>).</summary>
    public IReadOnlyList<double>? Lambdas { get; init; }

    /// <summary>Per-feature penalty factors c_j ≥ 0 (glmnet's penalty.factor; 0 = unpenalised); null for all 1.</summary>
    public IReadOnlyList<double>? PenaltyFactors { get; init; }

    /// <summary>Sample weights (normalised internally); null for uniform.</summary>
    public IReadOnlyList<double>? SampleWeights { get; init; }

    /// <summary>
    /// Start each solve on the sequential strong set (Tibshirani et al. 2012) instead of a small working set; the
    /// solver's KKT and duality-gap checks bring in any feature the rule missed. Default true.
    /// </summary>
    public bool StrongRules { get; init; } = true;

    /// <summary>The solver at each λ. Default: <see cref="CoordinateDescentOptions"/> with tolerance 1e-7.</summary>
    public CoordinateDescentOptions Solver { get; init; } = new() { Tolerance = 1e-7 };

    /// <summary>Every problem with these options, one message per field; empty when valid.</summary>
    public IEnumerable<string> Problems()
    {
        if (!(L1Ratio > 0 && L1Ratio <= 1)) yield return $"{nameof(L1Ratio)} must lie in (0, 1]; it is {L1Ratio}.";
        if (Count < 1) yield return $"{nameof(Count)} must be ≥ 1; it is {Count}.";
        if (MinRatio is { } r && !(r > 0 && r < 1)) yield return $"{nameof(MinRatio)} must lie in (0, 1); it is {r}.";
        if (Lambdas is { } l)
        {
            if (l.Count == 0) yield return $"{nameof(Lambdas)} is empty.";
            for (int k = 0; k < l.Count; k++)
            {
                if (!(l[k] > 0 && double.IsFinite(l[k]))) { yield return $"{nameof(Lambdas)}[{k}] = {l[k]}; λ must be finite and > 0."; break; }
                if (k > 0 && l[k] > l[k - 1]) { yield return $"{nameof(Lambdas)} must be decreasing; [{k - 1}] = {l[k - 1]} < [{k}] = {l[k]}."; break; }
            }
        }
        if (Solver is null) yield return $"{nameof(Solver)} is null.";
        else foreach (string p in Solver.Problems()) yield return $"{nameof(Solver)}: {p}";
    }

    /// <summary>Throws an <see cref="ArgumentException"/> (parameter "options") listing every problem.</summary>
    public void Validate()
    {
        var problems = Problems().ToList();
        if (problems.Count > 0)
            throw new ArgumentException($"Invalid {nameof(CoordinateDescentPathOptions)}: {string.Join(" ", problems)}", "options");
    }
}
