namespace OptSuite.Models;

/// <summary>The requested solver cannot solve the estimator's problem; <see cref="Supported"/> lists the ones that can.</summary>
public sealed class UnsupportedSolverException : ArgumentException
{
    private readonly string _message;

    /// <summary>Creates the exception.</summary>
    /// <param name="requested">The solver asked for.</param>
    /// <param name="supported">The solvers that handle the problem (may be empty).</param>
    /// <param name="message">The full message.</param>
    public UnsupportedSolverException(SolverKind requested, IReadOnlyList<SolverKind> supported, string message)
        : base(message, "Solver")
    {
        _message = message;
        Requested = requested;
        Supported = supported;
    }

    /// <summary>The solver asked for.</summary>
    public SolverKind Requested { get; }

    /// <summary>The message alone (the parameter, "Solver", is in <see cref="ArgumentException.ParamName"/>).</summary>
    public override string Message => _message;

    /// <summary>The solvers that handle the problem.</summary>
    public IReadOnlyList<SolverKind> Supported { get; }
}
