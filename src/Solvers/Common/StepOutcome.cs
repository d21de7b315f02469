namespace OptSuite.Solvers;

/// <summary>What one iteration of a solver state reports to the run loop.</summary>
public enum StepOutcome
{
    /// <summary>The step was taken; the loop goes on.</summary>
    Continue,

    /// <summary>The step produced a non-finite value; the state has kept its last finite point.</summary>
    NonFinite,

    /// <summary>The line search failed; the state holds the best point found.</summary>
    LineSearchFailed,
    /// <summary>
    /// The state can make no further progress in double precision (its optimality measure is at the rounding level of
    /// the data, or its steps no longer change the iterate) while the criterion is still above the tolerance.
    /// </summary>
    NoProgress,
}
