using OptSuite.Models;
using OptSuite.Solvers;

namespace OptSuite.Cli.Bench;

/// <summary>
/// The problem a benchmark runs: exactly the estimator's (<see cref="FitProblem"/>, from the model registry and the
/// estimator's <c>CreateProblem</c>), with the solver registry deciding which solvers apply and why the others do not.
/// Every runner minimises the same F from zero, so traces are comparable.
/// </summary>
internal sealed class BenchProblem(string model, string description, FitProblem problem)
{
    /// <summary>Every solver name <c>optsuite bench</c> knows, in display order (the registry's).</summary>
    public static IReadOnlyList<string> AllSolvers { get; } = SolverRegistry.All.Select(d => d.Name).ToArray();

    /// <summary>The model name as given.</summary>
    public string Model { get; } = model;

    /// <summary>The objective in words, with its parameters (for the report).</summary>
    public string Description { get; } = description;

    /// <summary>The estimator's problem.</summary>
    public FitProblem Problem { get; } = problem;

    /// <summary>n.</summary>
    public int Samples => Problem.Traits.Samples;

    /// <summary>F at a solution vector (w, then intercepts), to cross-check what the solvers report.</summary>
    public double Objective(double[] x) => Problem.Objective.Value(x) + Problem.Objective.NonsmoothValue(x);

    /// <summary>The solver of the tight reference solve: the one Auto runs for this problem.</summary>
    public string ReferenceSolver => SolverRegistry.Get(SolverRegistry.Auto(Problem.Traits)).Name;

    /// <summary>The solvers that can minimise this objective, in <see cref="AllSolvers"/> order.</summary>
    public IReadOnlyList<string> SupportedSolvers => Problem.Solvers.Select(k => SolverRegistry.Get(k).Name).ToArray();

    /// <summary>Whether <paramref name="solver"/> can minimise this objective.</summary>
    public bool Supports(string solver) => SupportedSolvers.Contains(solver);

    /// <summary>Why <paramref name="solver"/> cannot run here, naming the solvers that can: the registry's message, as
    /// the estimators and <c>optsuite fit</c> give it.</summary>
    public string RefusalMessage(string solver) =>
        SolverRegistry.RefusalMessage(SolverRegistry.Find(solver)?.Kind ?? throw new ArgumentException($"Unknown solver '{solver}'.", nameof(solver)),
            Problem.Traits, Model);

    /// <summary>Runs <paramref name="solver"/> with <paramref name="settings"/>.</summary>
    public SolverResult Run(string solver, RunSettings settings)
    {
        if (!Supports(solver)) throw new ArgumentException(RefusalMessage(solver), nameof(solver));
        return Problem.Solve(SolverRegistry.Find(solver)!.Kind, new SolverSettings
        {
            Tolerance = settings.Tolerance, MaxIterations = settings.MaxIterations, MaxTime = settings.MaxTime, TraceEvery = settings.TraceEvery, TraceShare = settings.TraceShare,
            Seed = settings.Seed, Observer = settings.Observer,
        });
    }
}
