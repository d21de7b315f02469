using OptSuite.LinearAlgebra;
using OptSuite.LinearAlgebra.Distributed;
using OptSuite.Objectives;
using OptSuite.Prox;
using OptSuite.Prox.Regularizers;
using OptSuite.Solvers;

namespace OptSuite.Models;

/// <summary>A single-output problem (1/Σc)Σc_i ℓ(y_i, x_i·w + b) + (μ/2)‖w‖² + R(w) with a separable R.</summary>
/// <typeparam name="TLoss">The loss.</typeparam>
/// <typeparam name="TReg">The separable regulariser (zero, weighted L1, bounds).</typeparam>
internal class LinearProblem<TLoss, TReg>(LinearObjective<TLoss, TReg> f, bool linearProgram = false)
    : FitProblem(f, Describe(f, linearProgram), f.Features, f.Data),
      ISmoothTarget, IOrthantTarget, ICoordinateTarget, IDualTarget, INewtonTarget
    where TLoss : struct, ILoss
    where TReg : struct, ISeparableRegularizer
{
    protected LinearObjective<TLoss, TReg> Function { get; } = f;

    private static ProblemTraits Describe(LinearObjective<TLoss, TReg> f, bool linearProgram)
    {
        TLoss loss = f.Loss;
        return new ProblemTraits(ProblemStructure.SingleOutput, NameOf<TLoss>(),
            LossDifferentiable: loss.IsTwiceDifferentiable || double.IsFinite(loss.Smoothness), LossLipschitz: double.IsFinite(loss.Smoothness),
            LossQuadratic: loss.IsQuadratic, DualStep: loss.DualStep.Kind, LinearProgram: linearProgram, Regularizer: Form(f.Regularizer),
            Ridge: f.Ridge > 0, FitIntercept: f.FitIntercept, ColumnAccess: Stored(f.Data), Sparse: f.Data is CompressedMatrix,
            Samples: f.Samples, Features: f.Features, Outputs: 1)
        { RowBlocks = f.Data is IRowBlockedMap, Distributed = f.Data is IDistributedMap, Offset = f.HasOffset, NonConvex = !loss.IsConvex };
    }

    public IDifferentiableFunction Smooth() => Function.AsSmooth();

    public IL1CompositeFunction Orthant() => Function.AsL1Composite();

    public SolverResult Coordinates(CoordinateDescentOptions options, double[]? x0, CancellationToken cancellation) =>
        CoordinateDescent.Minimize(Function, x0, options, cancellation);

    public SolverResult Dual(DualCoordinateDescentOptions options, CancellationToken cancellation) =>
        DualCoordinateDescent.Minimize(Zero(), options, cancellation);

    public SolverResult Newton(TrustRegionNewtonOptions options, double[]? x0, CancellationToken cancellation) =>
        TrustRegionNewton.Minimize(Zero(), x0, options, cancellation);

    /// <summary>The same F with the zero regulariser's type (the registry calls this only when R ≡ 0).</summary>
    private LinearObjective<TLoss, ZeroRegularizer> Zero() => (object)Function is LinearObjective<TLoss, ZeroRegularizer> z ? z
        : new(Function.Data, Function.Labels, Function.Loss, default, Function.Ridge, Function.FitIntercept, Function.SampleWeights, Function.Offset);
}

/// <summary>Quantile regression: the pinball loss, which only the interior-point method solves.</summary>
/// <typeparam name="TReg">A weighted L1 norm or the zero regulariser.</typeparam>
internal sealed class QuantileProblem<TReg>(LinearObjective<Objectives.Losses.QuantileLoss, TReg> f)
    : LinearProblem<Objectives.Losses.QuantileLoss, TReg>(f, linearProgram: true), IInteriorPointTarget
    where TReg : struct, ISeparableRegularizer
{
    public SolverResult InteriorPoint(QuantileInteriorPointOptions options, double[]? x0, CancellationToken cancellation) =>
        QuantileInteriorPoint.Minimize(Function, x0, options, cancellation);
}

/// <summary>A single-output problem with a block-separable regulariser (group lasso).</summary>
/// <typeparam name="TLoss">The loss.</typeparam>
/// <typeparam name="TReg">The block regulariser.</typeparam>
internal sealed class GroupProblem<TLoss, TReg>(LinearObjective<TLoss, TReg> f)
    : FitProblem(f, Describe(f), f.Features, f.Data), IBlockTarget
    where TLoss : struct, ILoss
    where TReg : struct, IBlockRegularizer
{
    private static ProblemTraits Describe(LinearObjective<TLoss, TReg> f)
    {
        TLoss loss = f.Loss;
        return new ProblemTraits(ProblemStructure.SingleOutput, NameOf<TLoss>(),
            LossDifferentiable: loss.IsTwiceDifferentiable || double.IsFinite(loss.Smoothness), LossLipschitz: double.IsFinite(loss.Smoothness),
            LossQuadratic: loss.IsQuadratic, DualStep: loss.DualStep.Kind, LinearProgram: false, Regularizer: RegularizerForm.Block,
            Ridge: f.Ridge > 0, FitIntercept: f.FitIntercept, ColumnAccess: Stored(f.Data), Sparse: f.Data is CompressedMatrix,
            Samples: f.Samples, Features: f.Features, Outputs: 1)
        { RowBlocks = f.Data is IRowBlockedMap, Distributed = f.Data is IDistributedMap, Offset = f.HasOffset, NonConvex = !loss.IsConvex };
    }

    public SolverResult Blocks(BlockCoordinateDescentOptions options, double[]? x0, CancellationToken cancellation) =>
        BlockCoordinateDescent.Minimize(f, x0, options, cancellation);
}
