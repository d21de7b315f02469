using OptSuite.Objectives;
using OptSuite.Solvers;

namespace OptSuite.Models;

// The typed entry points a problem offers; the solver registry calls them after deciding from the traits that the
// solver applies. A problem implements those its objective's types reach.

/// <summary>The whole objective as one differentiable function (L-BFGS).</summary>
internal interface ISmoothTarget
{
    IDifferentiableFunction Smooth();
}

/// <summary>f + Σλ_j|w_j| in OWL-QN's form.</summary>
internal interface IOrthantTarget
{
    IL1CompositeFunction Orthant();
}

/// <summary>Coordinate descent over single coordinates (a separable regulariser).</summary>
internal interface ICoordinateTarget
{
    SolverResult Coordinates(CoordinateDescentOptions options, double[]? x0, CancellationToken cancellation);
}

/// <summary>Block coordinate descent (a block-separable regulariser).</summary>
internal interface IBlockTarget
{
    SolverResult Blocks(BlockCoordinateDescentOptions options, double[]? x0, CancellationToken cancellation);
}

/// <summary>Dual coordinate descent (starts at α = 0; no primal warm start).</summary>
internal interface IDualTarget
{
    SolverResult Dual(DualCoordinateDescentOptions options, CancellationToken cancellation);
}

/// <summary>Trust-region Newton.</summary>
internal interface INewtonTarget
{
    SolverResult Newton(TrustRegionNewtonOptions options, double[]? x0, CancellationToken cancellation);
}

/// <summary>The interior-point method for the pinball loss.</summary>
internal interface IInteriorPointTarget
{
    SolverResult InteriorPoint(QuantileInteriorPointOptions options, double[]? x0, CancellationToken cancellation);
}
