using OptSuite.Solvers;

namespace OptSuite.Models;

/// <summary>
/// The settings every solver shares; the solver registry turns them into each solver's own options
/// (<see cref="SolverDescriptor"/>). Kernel threads are not here: they are a scope around the run
/// (<see cref="LinearAlgebra.LinearAlgebraSettings.UseThreads"/>).
/// </summary>
public sealed record SolverSettings
{
    /// <summary>The tolerance of the solvers' gap and gradient criteria when none is given.</summary>
    public const double DefaultTolerance = 1e-6;

    /// <summary>
    /// Stopping tolerance on the solver's criterion (the relative duality gap where the objective has one). Null (default):
    /// each solver's default stop (<see cref="SolverDescriptor.DefaultStopping"/>) — <see cref="DefaultTolerance"/> on its
    /// criterion, except dual coordinate descent on data in memory, which runs until LIBLINEAR's own test holds at LIBLINEAR's
    /// default <c>-e</c> 0.1 and the relative duality gap is at most 1e-3.
    /// </summary>
    public double? Tolerance { get; init; }

    /// <summary>Iteration (epoch) limit; null for the solver's default (<see cref="SolverDescriptor.DefaultMaxIterations"/>).</summary>
    public int? MaxIterations { get; init; }

    /// <summary>Solver-time limit (tracing excluded); null for none.</summary>
    public TimeSpan? MaxTime { get; init; }

    /// <summary>Seed of the randomised solvers (coordinate orders, dual permutations). Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>Record a trace point every this many iterations; 0 for none.</summary>
    public int TraceEvery { get; init; }

    /// <summary>The largest share of the solver time tracing may take (<see cref="SolverOptions.TraceShare"/>); 0 for no limit.</summary>
    public double TraceShare { get; init; }

    /// <summary>Called after every iteration; return false to stop the run. Null for none.</summary>
    public Func<IterationReport, bool>? Observer { get; init; }

    /// <summary>Stops the run with <see cref="StopReason.Cancelled"/>.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>
    /// The ranks of a problem whose rows are split across processes (<see cref="SolverOptions.Communicator"/>): the run's
    /// stops that depend on one process (cancellation, <see cref="MaxTime"/>, the observer) are agreed by all ranks. Null:
    /// the problem's own (<see cref="FitProblem.Solve"/> and the estimators set it from the data).
    /// </summary>
    public LinearAlgebra.Distributed.ICommunicator? Communicator { get; init; }

    /// <summary>Save the solver's state every few iterations and/or continue from a saved state (<see cref="SolverCheckpoints"/>); null for neither.</summary>
    public SolverCheckpoints? Checkpoints { get; init; }
}
