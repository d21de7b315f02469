using OptSuite.Solvers;

namespace OptSuite.Models;

/// <summary>
/// One solver as the registry knows it: its name (the command line's), when it applies (read from a problem's
/// <see cref="ProblemTraits"/>), how its options are made from <see cref="SolverSettings"/>, and how it runs.
/// </summary>
public sealed class SolverDescriptor
{
    private readonly Func<ProblemTraits, string?> _refusal;
    private readonly Func<FitProblem, SolverSettings, double[]?, SolverResult> _run;

    internal SolverDescriptor(SolverKind kind, string name, string title, int defaultMaxIterations, string summary,
        Func<ProblemTraits, string?> refusal, Func<FitProblem, SolverSettings, double[]?, SolverResult> run, string? defaultStopping = null)
    {
        DefaultStopping = defaultStopping ?? $"its criterion at most {SolverSettings.DefaultTolerance:0e0}";
        Kind = kind;
        Name = name;
        Title = title;
        DefaultMaxIterations = defaultMaxIterations;
        Summary = summary;
        _refusal = refusal;
        _run = run;
    }

    /// <summary>The solver's kind.</summary>
    public SolverKind Kind { get; }

    /// <summary>The name on the command line and in saved models ("lbfgs", "dual-cd").</summary>
    public string Name { get; }

    /// <summary>The name in prose ("L-BFGS").</summary>
    public string Title { get; }

    /// <summary>The iteration limit when the settings give none: generous enough for tight tolerances.</summary>
    public int DefaultMaxIterations { get; }

    /// <summary>How the solver stops when the settings give no tolerance, in a phrase ("its criterion at most 1e-6").</summary>
    public string DefaultStopping { get; }

    /// <summary>What the solver is and what it solves, in one sentence.</summary>
    public string Summary { get; }

    /// <summary>
    /// Whether the objective the solver reports is the objective evaluated term by term at its returned point — the
    /// dual solvers' certificate primal, Σ C_iℓ_i + ½‖w‖² over the samples — rather than one maintained along the run or
    /// formed from a covariance (where cancellation can cost digits on near-perfect fits). A converged run of such a
    /// solver certified by its own gap is packed without evaluating the objective again.
    /// </summary>
    internal bool ReportsEvaluatedObjective { get; init; }

    /// <summary>Why the solver cannot handle a problem with these traits, or null when it can.</summary>
    /// <param name="traits">The problem's traits.</param>
    public string? Refusal(ProblemTraits traits) => _refusal(traits);

    /// <summary>Runs the solver on <paramref name="problem"/>, which it must handle (checked by the caller).</summary>
    internal SolverResult Run(FitProblem problem, SolverSettings settings, double[]? x0) =>
        _run(problem, settings.Communicator is null && problem.Communicator is { } ranks ? settings with { Communicator = ranks } : settings, x0);

    /// <summary>The options every solver shares, set from <paramref name="s"/> on <paramref name="options"/>.</summary>
    internal T Options<T>(T options, SolverSettings s) where T : SolverOptions
    {
        SolverOptions common = ((SolverOptions)options) with
        {
            Tolerance = s.Tolerance ?? SolverSettings.DefaultTolerance, MaxIterations = s.MaxIterations ?? DefaultMaxIterations, MaxTime = s.MaxTime, TraceEvery = s.TraceEvery, TraceShare = s.TraceShare,
            Observer = s.Observer, Communicator = s.Communicator, Checkpoints = s.Checkpoints,
        };
        return (T)common;
    }
}
