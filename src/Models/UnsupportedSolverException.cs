namespace OptSuite.Models;

/// <summary>The requested solver cannot solve the estimator's problem; <see cref="Supported"/> lists the ones that can.</summary>
public sealed class UnsupportedSolverException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="requested">The solver asked for.</param>
    /// <param name="supported">The solvers that handle the problem (may be empty).</param>
    /// <param name="message">The full message.</param>
    public UnsupportedSolverException(SolverKind requested, IReadOnlyList<SolverKind> supported, string message)
        : base(message, "Solver")
    {
        Requested = requested;
        Supported = supported;
    }

    /// <summary>The solver asked for.</summary>
    public SolverKind Requested { get; }

    /// <summary>The solvers that handle the problem.</summary>
    public IReadOnlyList<SolverKind> Supported { get; }
}
