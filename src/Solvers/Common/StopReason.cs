namespace OptSuite.Solvers;

/// <summary>Why a solver stopped. Only <see cref="Converged"/> certifies the tolerance; none of these is an exception.</summary>
public enum StopReason
{
    /// <summary>The stopping criterion fell to or below the tolerance.</summary>
    Converged,

    /// <summary>The iteration limit was reached first.</summary>
    MaxIterations,

    /// <summary>The wall-time limit was reached first.</summary>
    MaxTime,

    /// <summary>The cancellation token fired.</summary>
    Cancelled,

    /// <summary>The observer callback asked to stop.</summary>
    StoppedByObserver,

    /// <summary>A NaN or infinity appeared in the iterate, objective or gradient; the last finite point is returned.</summary>
    NonFinite,

    /// <summary>The line search found no acceptable step; the best point found is returned.</summary>
    LineSearchFailed,
    /// <summary>
    /// The solver could make no further progress: its optimality measure reached the rounding level of the data (or its
    /// steps stopped changing the iterate) while the criterion was still above the tolerance. Usually the tolerance asks
    /// for more than double precision can give on data of this scale; the point is returned and is not certified.
    /// </summary>
    NoProgress,
}
