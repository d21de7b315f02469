namespace OptSuite.Solvers;

/// <summary>
/// A solver run's state at the end of an iteration, from which a later run continues (<see cref="SolverCheckpoints"/>):
/// the solver's registry name, the iterations done, and named vectors and numbers. For rows split across ranks each
/// rank's checkpoint holds what that rank keeps — the shared point, which is the same on every rank, and the dual
/// variables of its own rows.
/// </summary>
/// <remarks>
/// What is kept, per solver: trust-region Newton the point, the trust radius and its step count; L-BFGS and OWL-QN the
/// point and step count (the curvature pairs are rebuilt after a resume: a few iterations, not a restart from zero);
/// FISTA and ISTA the point and the step size (the momentum restarts, as FISTA's adaptive restart does); dual coordinate
/// descent (CoCoA+ across ranks, and in memory) the dual variables α, the primal w they make and the inner tolerance;
/// covariance-mode coordinate descent the point (its statistics are formed again by one pass). A resumed run reaches the
/// same optimum with the same certificate; its path after the resume need not be the uninterrupted run's bits.
/// </remarks>
public sealed class SolverCheckpoint
{
    /// <summary>The solver's registry name ("newton", "lbfgs", "owlqn", "fista", "ista", "dual-cd", "cd").</summary>
    public required string Solver { get; init; }

    /// <summary>Iterations done when it was taken; a resumed run counts on from here (and its iteration limit counts them).</summary>
    public required int Iteration { get; init; }

    /// <summary>The state's vectors by name.</summary>
    public IReadOnlyDictionary<string, double[]> Vectors { get; init; } = new Dictionary<string, double[]>();

    /// <summary>The state's numbers by name.</summary>
    public IReadOnlyDictionary<string, double> Numbers { get; init; } = new Dictionary<string, double>();

    /// <summary>The vector <paramref name="name"/> of length <paramref name="length"/>; a missing or other-length one is an
    /// <see cref="ArgumentException"/> (a checkpoint of another problem).</summary>
    public double[] Vector(string name, int length)
    {
        if (!Vectors.TryGetValue(name, out var v))
            throw new ArgumentException($"The {Solver} checkpoint has no vector '{name}'.", "checkpoint");
        if (v.Length != length)
            throw new ArgumentException($"The {Solver} checkpoint's '{name}' has {v.Length} values; this problem needs {length}: it was taken on another problem or rank.", "checkpoint");
        return v;
    }

    /// <summary>The number <paramref name="name"/>.</summary>
    public double Number(string name) => Numbers.TryGetValue(name, out double v) ? v
        : throw new ArgumentException($"The {Solver} checkpoint has no number '{name}'.", "checkpoint");

    /// <summary>Refuses a checkpoint of another solver.</summary>
    internal void Require(string solver)
    {
        if (!string.Equals(Solver, solver, StringComparison.Ordinal))
            throw new ArgumentException($"The checkpoint was taken by '{Solver}'; this run is '{solver}'.", "checkpoint");
    }
}

/// <summary>A solver state that can be saved and continued (<see cref="SolverCheckpoint"/>).</summary>
public interface ICheckpointable
{
    /// <summary>The state after <paramref name="iteration"/> iterations.</summary>
    SolverCheckpoint Capture(int iteration);

    /// <summary>Continues from <paramref name="checkpoint"/>, taken by the same solver on the same problem (and rank).</summary>
    void Restore(SolverCheckpoint checkpoint);
}

/// <summary>
/// Checkpointing of a run (<see cref="SolverOptions.Checkpoints"/>): every <see cref="Every"/> iterations the loop hands
/// <see cref="Save"/> the state; <see cref="Resume"/> continues a run from a saved state. With a communicator every rank
/// saves at the same iteration (collective code in <see cref="Save"/> may synchronise them).
/// </summary>
public sealed record SolverCheckpoints
{
    /// <summary>Save every this many iterations (0: never).</summary>
    public int Every { get; init; }

    /// <summary>Receives each checkpoint (write it to disk, say); null for none.</summary>
    public Action<SolverCheckpoint>? Save { get; init; }

    /// <summary>The checkpoint to continue from, or null to start afresh.</summary>
    public SolverCheckpoint? Resume { get; init; }
}
