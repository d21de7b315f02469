namespace OptSuite.Cli.Bench;

/// <summary>The x axes of the convergence plots (<c>optsuite bench --x-scale</c>).</summary>
internal enum AxisScale
{
    /// <summary>Linear, unless the solvers' ends span more than two decades: then logarithmic.</summary>
    Auto,

    /// <summary>Always linear (t = 0 and iteration 0 shown).</summary>
    Linear,

    /// <summary>Always logarithmic (t = 0 and iteration 0 drawn at the left edge).</summary>
    Log,
}
