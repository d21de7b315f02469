namespace OptSuite.Solvers;

/// <summary>How a line search ended.</summary>
internal enum LineSearchStatus
{
    /// <summary>The strong Wolfe conditions hold at the returned step.</summary>
    Wolfe,

    /// <summary>Only sufficient decrease holds (evaluation budget or interval exhausted); the point still improves f.</summary>
    DecreaseOnly,

    /// <summary>No step improving f was found.</summary>
    Failed,
}
