namespace OptSuite.Models;

/// <summary>The solver an estimator runs; <see cref="Auto"/> picks one from the problem (rules in the remarks of <see cref="LinearEstimator"/>).</summary>
public enum SolverKind
{
    /// <summary>The fastest sound solver for the problem's loss, penalty, intercept, shape and sparsity.</summary>
    Auto,

    /// <summary>Accelerated proximal gradient with adaptive restart and backtracking (Beck &amp; Teboulle 2009).</summary>
    Fista,

    /// <summary>Proximal gradient without momentum.</summary>
    Ista,

    /// <summary>Limited-memory BFGS (smooth objectives: L2 penalty, differentiable loss).</summary>
    Lbfgs,

    /// <summary>Orthant-wise L-BFGS (Andrew &amp; Gao 2007) for L1 and elastic-net penalties.</summary>
    OwlQn,

    /// <summary>Primal (block) coordinate descent, glmnet's method (separable penalties, smooth losses).</summary>
    CoordinateDescent,

    /// <summary>Dual coordinate descent (Hsieh et al. 2008; Crammer–Singer by the sequential dual method): L2 SVMs and L2 logistic without intercept.</summary>
    DualCoordinateDescent,

    /// <summary>Primal–dual interior-point method (Frisch–Newton with Mehrotra's predictor–corrector; Koenker &amp; Portnoy
    /// 1997): quantile regression, whose pinball loss is not differentiable.</summary>
    InteriorPoint,

    /// <summary>Trust-region Newton with preconditioned conjugate gradients (LIBLINEAR's TRON; Lin, Weng &amp; Keerthi 2008):
    /// L2 penalty, single-output losses with a (generalised) second derivative; insensitive to the scale of the features.</summary>
    Newton,
}
