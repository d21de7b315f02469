namespace OptSuite.Cli.Bench;

/// <summary>
/// What <c>optsuite bench</c> was asked to do: the model and its options (as for <c>optsuite fit</c>), the data, the
/// solvers and the run limits. Parsed and checked by <see cref="Commands.BenchCommand"/>; read by <see cref="BenchModels"/>.
/// </summary>
internal sealed record BenchSettings
{
    /// <summary>ridge, lasso, elastic-net, multitask-lasso, group-lasso, logistic, multinomial, linear-svm, multiclass-svm, huber,
    /// poisson or quantile.</summary>
    public required string Model { get; init; }

    /// <summary>The svmlight/LIBSVM data file.</summary>
    public required string DataPath { get; init; }

    /// <summary>Solver names in the order given (fista, ista, lbfgs, owlqn, newton, cd, dual-cd, ipm).</summary>
    public required IReadOnlyList<string> Solvers { get; init; }

    /// <summary>λ in the mean-over-samples convention; null when <see cref="C"/> or the default (C = 1) applies.</summary>
    public double? Lambda { get; init; }

    /// <summary>LIBLINEAR/scikit-learn C, mapped to λ = 1/(n·C).</summary>
    public double? C { get; init; }

    /// <summary>The L1 share α of an elastic-net penalty λ(α‖w‖₁ + (1 − α)/2‖w‖²); null for the model's default.</summary>
    public double? L1Ratio { get; init; }

    /// <summary>l2, l1 or elastic-net; null for the model's default (l1 for lasso, elastic-net for elastic-net, else l2).</summary>
    public string? Penalty { get; init; }

    /// <summary>hinge or squared-hinge, for linear-svm (default squared-hinge, LIBLINEAR's and scikit-learn's).</summary>
    public string SvmLoss { get; init; } = "squared-hinge";

    /// <summary>Group size of group-lasso (consecutive features); null when not given.</summary>
    public int? GroupSize { get; init; }

    /// <summary>The level τ ∈ (0, 1) of quantile regression.</summary>
    public double Quantile { get; init; } = 0.5;

    /// <summary>Huber threshold δ.</summary>
    public double HuberDelta { get; init; } = 1.0;

    /// <summary>Whether to fit an unpenalised intercept.</summary>
    public bool FitIntercept { get; init; } = true;

    /// <summary>Each solver's own stopping tolerance.</summary>
    public double Tolerance { get; init; } = 1e-10;

    /// <summary>Iteration (epoch) limit per solver.</summary>
    public int MaxIterations { get; init; } = 100_000;

    /// <summary>Solver-time limit per solver (tracing excluded).</summary>
    public TimeSpan MaxTime { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Time limit of the reference solve.</summary>
    public TimeSpan ReferenceTime { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Record a trace point every this many iterations.</summary>
    public int TraceEvery { get; init; } = 1;

    /// <summary>Seed of randomised solvers (dual coordinate descent's permutations).</summary>
    public int Seed { get; init; }
}
