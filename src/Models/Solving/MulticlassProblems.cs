using OptSuite.LinearAlgebra;
using OptSuite.Objectives;
using OptSuite.Objectives.Multiclass;
using OptSuite.Prox;
using OptSuite.Prox.Regularizers;
using OptSuite.Solvers;

namespace OptSuite.Models;

/// <summary>Multinomial logistic regression over k score columns, (1/Σc)Σc_i(logsumexp(s_i) − s_{i,y_i}) + penalty.</summary>
/// <typeparam name="TReg">Zero or a weighted L1 norm (the ridge part is the objective's μ).</typeparam>
internal sealed class MultinomialProblem<TReg>(MulticlassLinearObjective<MultinomialLogisticLoss, TReg> f)
    : FitProblem(f, Describe(f), f.Features * f.Classes), ISmoothTarget, IOrthantTarget, INewtonTarget
    where TReg : struct, IRegularizer
{
    private static ProblemTraits Describe(MulticlassLinearObjective<MultinomialLogisticLoss, TReg> f) =>
        new(ProblemStructure.Multiclass, "multinomial logistic", LossDifferentiable: true, LossLipschitz: true, LossQuadratic: false,
            DualStep: DualCoordinateKind.None, LinearProgram: false, Regularizer: Form(f.Regularizer), Ridge: f.Ridge > 0,
            FitIntercept: f.FitIntercept, ColumnAccess: Stored(f.Data), Sparse: f.Data is CompressedMatrix, Samples: f.Samples,
            Features: f.Features, Outputs: f.Classes) { RowBlocks = f.Data is IRowBlockedMap };

    public IDifferentiableFunction Smooth() => f.AsSmooth();

    public IL1CompositeFunction Orthant() => f.AsL1Composite();

    public SolverResult Newton(TrustRegionNewtonOptions options, double[]? x0, CancellationToken cancellation) =>
        TrustRegionNewton.Minimize((object)f is MulticlassLinearObjective<MultinomialLogisticLoss, ZeroRegularizer> z ? z
            : new MulticlassLinearObjective<MultinomialLogisticLoss, ZeroRegularizer>(f.Data, f.Labels, f.Classes, default, default, f.Ridge,
                f.FitIntercept, f.SampleWeights), x0, options, cancellation);
}

/// <summary>The Crammer–Singer multiclass SVM, (1/Σc)Σc_i max_r(s_r + 1[r ≠ y_i]) − s_{y_i} + (λ/2)‖W‖²_F.</summary>
internal sealed class CrammerSingerProblem(MulticlassLinearObjective<CrammerSingerHingeLoss, ZeroRegularizer> f)
    : FitProblem(f, Describe(f), f.Features * f.Classes), IDualTarget
{
    private static ProblemTraits Describe(MulticlassLinearObjective<CrammerSingerHingeLoss, ZeroRegularizer> f) =>
        new(ProblemStructure.CrammerSinger, "Crammer–Singer hinge", LossDifferentiable: false, LossLipschitz: false, LossQuadratic: false,
            DualStep: DualCoordinateKind.BoxQuadratic, LinearProgram: false, Regularizer: RegularizerForm.None, Ridge: f.Ridge > 0,
            FitIntercept: f.FitIntercept, ColumnAccess: Stored(f.Data), Sparse: f.Data is CompressedMatrix, Samples: f.Samples,
            Features: f.Features, Outputs: f.Classes) { RowBlocks = f.Data is IRowBlockedMap };

    public SolverResult Dual(DualCoordinateDescentOptions options, CancellationToken cancellation) =>
        DualCoordinateDescent.Minimize(f, options, cancellation);
}

/// <summary>The multi-task lasso / elastic net: k squared-loss tasks with a block penalty on the rows of W.</summary>
/// <typeparam name="TReg">The block regulariser (L2,1 on rows).</typeparam>
internal sealed class MultiTaskProblem<TReg>(MultiTaskLinearObjective<TReg> f)
    : FitProblem(f, Describe(f), f.Features * f.Tasks), IBlockTarget
    where TReg : struct, IBlockRegularizer
{
    private static ProblemTraits Describe(MultiTaskLinearObjective<TReg> f) =>
        new(ProblemStructure.MultiTask, "squared", LossDifferentiable: true, LossLipschitz: true, LossQuadratic: true,
            DualStep: DualCoordinateKind.None, LinearProgram: false, Regularizer: RegularizerForm.Block, Ridge: f.Ridge > 0,
            FitIntercept: f.FitIntercept, ColumnAccess: Stored(f.Data), Sparse: f.Data is CompressedMatrix, Samples: f.Samples,
            Features: f.Features, Outputs: f.Tasks) { RowBlocks = f.Data is IRowBlockedMap };

    public SolverResult Blocks(BlockCoordinateDescentOptions options, double[]? x0, CancellationToken cancellation) =>
        BlockCoordinateDescent.Minimize(f, x0, options, cancellation);
}
