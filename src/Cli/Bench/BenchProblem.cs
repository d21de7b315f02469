using OptSuite.Solvers;

namespace OptSuite.Cli.Bench;

/// <summary>
/// One objective built from a model and data, with the solvers that can minimise it (and why the others cannot).
/// Built by <see cref="BenchModels"/>; every runner minimises the same F, so traces are comparable.
/// </summary>
internal sealed class BenchProblem
{
    /// <summary>Every solver name <c>optsuite bench</c> knows, in display order.</summary>
    public static readonly IReadOnlyList<string> AllSolvers = ["fista", "ista", "lbfgs", "owlqn", "newton", "cd", "dual-cd", "ipm"];

    private readonly Dictionary<string, Func<RunSettings, SolverResult>> _runners = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _refusals = new(StringComparer.Ordinal);

    /// <summary>Creates an empty problem; solvers are added with <see cref="Add"/> and <see cref="Refuse"/>.</summary>
    public BenchProblem(string model, string description, int samples, int features, Func<double[], double> objective)
    {
        Model = model;
        Description = description;
        Samples = samples;
        Features = features;
        Objective = objective;
        Refuse("ipm", "the interior-point method solves quantile regression only");
        Refuse("newton", "trust-region Newton handles single-output objectives with an L2 penalty only");
    }

    /// <summary>The model name as given.</summary>
    public string Model { get; }

    /// <summary>The objective in words, with its parameters (for the report).</summary>
    public string Description { get; }

    /// <summary>n.</summary>
    public int Samples { get; }

    /// <summary>p.</summary>
    public int Features { get; }

    /// <summary>F at a solution vector (w, then intercepts), to cross-check what the solvers report.</summary>
    public Func<double[], double> Objective { get; }

    /// <summary>Solvers preferred for the reference solve, best first (only supported ones are used).</summary>
    public IReadOnlyList<string> ReferencePreference { get; set; } = [];

    /// <summary>The solvers that can minimise this objective, in <see cref="AllSolvers"/> order.</summary>
    public IReadOnlyList<string> SupportedSolvers => AllSolvers.Where(_runners.ContainsKey).ToList();

    /// <summary>Registers a solver.</summary>
    public void Add(string solver, Func<RunSettings, SolverResult> run) => _runners[solver] = run;

    /// <summary>Records why a solver cannot minimise this objective.</summary>
    public void Refuse(string solver, string reason) => _refusals[solver] = reason;

    /// <summary>Whether <paramref name="solver"/> can minimise this objective.</summary>
    public bool Supports(string solver) => _runners.ContainsKey(solver);

    /// <summary>Why <paramref name="solver"/> cannot run here, naming the solvers that can.</summary>
    public string RefusalMessage(string solver)
    {
        string why = _refusals.TryGetValue(solver, out var r) ? r : "it does not handle this objective";
        var ok = SupportedSolvers;
        string which = ok.Count == 0 ? "no solver handles these options" : $"solvers for this {Model} problem: {string.Join(", ", ok)}";
        return $"solver '{solver}' cannot run {Model} here: {why}; {which}.";
    }

    /// <summary>Runs <paramref name="solver"/> with <paramref name="settings"/>.</summary>
    public SolverResult Run(string solver, RunSettings settings) =>
        _runners.TryGetValue(solver, out var run) ? run(settings) : throw new ArgumentException(RefusalMessage(solver), nameof(solver));
}
