using OptSuite.LinearAlgebra;
using OptSuite.Objectives;
using OptSuite.Solvers;

namespace OptSuite.Models;

/// <summary>
/// A problem L(Xβ) + (μ/2)‖β‖² + λ₁‖β‖₁ whose loss couples the samples (<see cref="ProblemStructure.Survival"/>: the Cox
/// partial likelihood): coordinate descent runs glmnet's proximal Newton on it (<see cref="PredictorProximalNewton"/>),
/// L-BFGS the L2 case, OWL-QN and proximal gradient any case.
/// </summary>
internal sealed class PredictorProblem(PredictorObjective f, string lossName)
    : FitProblem(f, Describe(f, lossName), f.Dimension, f.Data), ISmoothTarget, IOrthantTarget, ICoordinateTarget
{
    private static ProblemTraits Describe(PredictorObjective f, string lossName) =>
        new(ProblemStructure.Survival, lossName, LossDifferentiable: true, LossLipschitz: false, LossQuadratic: false,
            DualStep: DualCoordinateKind.None, LinearProgram: false, Regularizer: f.L1 > 0 ? RegularizerForm.WeightedL1 : RegularizerForm.None,
            Ridge: f.Ridge > 0, FitIntercept: false, ColumnAccess: Stored(f.Data), Sparse: f.Data is CompressedMatrix,
            Samples: f.Data.Rows, Features: f.Dimension, Outputs: 1)
        { RowBlocks = f.Data is IRowBlockedMap, Distributed = f.Data is LinearAlgebra.Distributed.IDistributedMap };

    public PredictorObjective Function => f;

    public IDifferentiableFunction Smooth() => f;

    public IL1CompositeFunction Orthant() => f;

    public SolverResult Coordinates(CoordinateDescentOptions options, double[]? x0, CancellationToken cancellation) =>
        PredictorProximalNewton.Minimize(f, x0, options, cancellation);
}
