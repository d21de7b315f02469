using OptSuite.Objectives;

namespace OptSuite.Models;

/// <summary>The family of an objective's outputs: what kind of linear model the loss sits on.</summary>
public enum ProblemStructure
{
    /// <summary>One score per sample, x_i·w + b (regression, binary classification).</summary>
    SingleOutput,

    /// <summary>k scores per sample with a differentiable multiclass loss (multinomial logistic).</summary>
    Multiclass,

    /// <summary>k scores per sample with the Crammer–Singer multiclass hinge.</summary>
    CrammerSinger,

    /// <summary>k independent squared-loss tasks sharing a row-structured penalty (multi-task lasso).</summary>
    MultiTask,

    /// <summary>One score per sample, the samples coupled through risk sets (the Cox partial likelihood): not a sum of
    /// pointwise losses, so only the solvers that see the objective as a whole function apply, and coordinate descent as
    /// proximal Newton (glmnet's coxnet).</summary>
    Survival,
}

/// <summary>What the regulariser offers the solvers.</summary>
public enum RegularizerForm
{
    /// <summary>R ≡ 0 (only the ridge term (μ/2)‖w‖², which the objective's smooth part holds): the objective is as smooth as its loss.</summary>
    None,

    /// <summary>A weighted L1 norm Σλ_j|w_j| (lasso, elastic net): separable, with OWL-QN's orthant form.</summary>
    WeightedL1,

    /// <summary>Another coordinate-separable regulariser: the elastic net or ridge with per-feature penalty factors (its L2
    /// part then sits in the regulariser, not in the objective's scalar ridge term), bounds, non-negativity.</summary>
    Separable,

    /// <summary>A block-separable regulariser (group lasso, L2,1 rows).</summary>
    Block,

    /// <summary>A regulariser with a prox and nothing else the solvers use.</summary>
    Other,
}

/// <summary>
/// What the solver registry reads to decide which solvers apply to a problem and which one Auto runs: capabilities of
/// the loss, the regulariser and the data, read from their members when the problem is built — never from type names.
/// </summary>
/// <param name="Structure">The family of outputs.</param>
/// <param name="LossName">The loss's name, for messages ("squared", "hinge", ...).</param>
/// <param name="LossDifferentiable">ℓ has a derivative everywhere (finite <see cref="ILoss.Smoothness"/> or twice differentiable).</param>
/// <param name="LossLipschitz">ℓ′ is Lipschitz (finite <see cref="ILoss.Smoothness"/>): block coordinate descent's step needs it.</param>
/// <param name="LossQuadratic">ℓ is the squared loss (<see cref="ILoss.IsQuadratic"/>): coordinate steps are exact.</param>
/// <param name="DualStep">The loss's dual coordinate sub-problem (<see cref="ILoss.DualStep"/>); for Crammer–Singer, <see cref="DualCoordinateKind.BoxQuadratic"/>.</param>
/// <param name="LinearProgram">The loss is piecewise linear with a linear-programming form (the pinball loss): the interior-point method applies.</param>
/// <param name="Regularizer">What the regulariser offers.</param>
/// <param name="Ridge">μ &gt; 0: the objective holds a ridge term (strong convexity, which the dual needs).</param>
/// <param name="FitIntercept">An unpenalised intercept is fitted.</param>
/// <param name="ColumnAccess">X is stored (dense, CSR or CSC), so coordinate methods can read its columns and rows.</param>
/// <param name="Sparse">X is stored sparse.</param>
/// <param name="Samples">n.</param>
/// <param name="Features">p (after the columns a fit leaves out).</param>
/// <param name="Outputs">Score columns per sample (1, k classes or k tasks).</param>
public readonly record struct ProblemTraits(
    ProblemStructure Structure, string LossName, bool LossDifferentiable, bool LossLipschitz, bool LossQuadratic,
    DualCoordinateKind DualStep, bool LinearProgram, RegularizerForm Regularizer, bool Ridge, bool FitIntercept,
    bool ColumnAccess, bool Sparse, int Samples, int Features, int Outputs)
{
    /// <summary>X is read in row blocks (<see cref="OptSuite.LinearAlgebra.IRowBlockedMap"/>: a shard directory, a
    /// <see cref="OptSuite.LinearAlgebra.RowBlockedMatrix"/>): products take one pass over the blocks, random column and
    /// row access is refused, and block-wise solvers (block-minimisation dual CD, covariance-mode CD) apply.</summary>
    public bool RowBlocks { get; init; }

    /// <summary>X's rows are split across the ranks of a communicator (<see cref="OptSuite.LinearAlgebra.Distributed.IDistributedMap"/>):
    /// every product all-reduces its feature-space part and column access is refused, so the product-based solvers apply
    /// as in one process, dual coordinate descent runs as CoCoA+ (local epochs, one all-reduce of Δw per round) and
    /// coordinate descent in covariance mode (XᵀAX all-reduced once).</summary>
    public bool Distributed { get; init; }

    /// <summary>The scores carry known per-sample offsets o_i (z = x·w + b + o): the primal solvers take them through the
    /// objective; the dual methods (dual CD, CoCoA+, block minimisation), the interior-point method and the block and
    /// covariance forms of coordinate descent, which build their own statistics from x·w alone, do not.</summary>
    public bool Offset { get; init; }

    /// <summary>The loss is not convex (<see cref="ILoss.IsConvex"/> false: the Tweedie loss with power ρ &gt; 2): the
    /// objective has no duality gap, so only the solvers that certify a stationary point by a gradient or prox-gradient
    /// residual apply (L-BFGS, OWL-QN, ISTA); the ones that stop on the gap or need positive curvature (coordinate descent,
    /// trust-region Newton, the dual method) and FISTA, whose acceleration assumes convexity, refuse it.</summary>
    public bool NonConvex { get; init; }

    /// <summary>The objective is differentiable: a differentiable loss and no regulariser beyond the ridge term.</summary>
    public bool Smooth => LossDifferentiable && Regularizer == RegularizerForm.None;

    /// <summary>The problem in words, for messages: "logistic loss, L1 penalty, with intercept".</summary>
    public string Describe()
    {
        string penalty = Regularizer switch
        {
            RegularizerForm.None => Ridge ? "L2 penalty" : "no penalty",
            RegularizerForm.WeightedL1 => Ridge ? "elastic-net penalty" : "L1 penalty",
            RegularizerForm.Block => Structure == ProblemStructure.MultiTask ? "L2,1 penalty" : "group penalty",
            RegularizerForm.Separable => "per-feature penalty",
            _ => "penalty",
        };
        return $"{(NonConvex ? "non-convex " : "")}{LossName} loss, {penalty}{(FitIntercept ? ", with intercept" : ", no intercept")}{(Offset ? ", with offsets" : "")}";
    }
}
