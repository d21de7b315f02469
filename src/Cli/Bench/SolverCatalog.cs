using OptSuite.Objectives;
using OptSuite.Objectives.Losses;
using OptSuite.Objectives.Multiclass;
using OptSuite.Prox.Regularizers;
using OptSuite.Solvers;

namespace OptSuite.Cli.Bench;

/// <summary>
/// Which solvers can minimise which objective, and each solver's options from <see cref="RunSettings"/>. The rules
/// mirror the solvers' own checks (so a refusal is an exit code 2 before anything runs, never an exception mid-bench).
/// </summary>
internal static class SolverCatalog
{
    /// <summary>Registers every solver that handles (1/n)Σℓ + λ₁‖w‖₁ + (μ/2)‖w‖² (+ b).</summary>
    public static void AddLinear<TLoss>(BenchProblem problem, LinearObjective<TLoss, L1Norm> f)
        where TLoss : struct, ILoss
    {
        bool smooth = double.IsFinite(f.Loss.Smoothness) || f.Loss.IsTwiceDifferentiable;
        bool l1 = f.Regularizer.Lambda > 0;
        string lossName = typeof(TLoss).Name;
        if (smooth)
        {
            problem.Add("fista", s => ProximalGradient.Minimize(f, default, ProxGrad(s, accelerated: true)));
            problem.Add("ista", s => ProximalGradient.Minimize(f, default, ProxGrad(s, accelerated: false)));
            problem.Add("owlqn", s => OwlQn.Minimize(f.AsL1Composite(), default, Owl(s)));
            problem.Add("cd", s => CoordinateDescent.Minimize(f, default, Cd(s)));
            if (!l1)
            {
                problem.Add("lbfgs", s => Lbfgs.Minimize(f.AsSmooth(), default, Quasi(s)));
                // The Newton solver takes the zero regulariser type; with λ₁ = 0 this is the same F.
                var g = new LinearObjective<TLoss, ZeroRegularizer>(f.Data, f.Labels, f.Loss, default, f.Ridge, f.FitIntercept, f.SampleWeights);
                problem.Add("newton", s => TrustRegionNewton.Minimize(g, default, Newton(s)));
            }
            else
            {
                problem.Refuse("lbfgs", "L-BFGS needs a differentiable objective and the L1 penalty is not (use owlqn)");
                problem.Refuse("newton", "trust-region Newton needs an L2 penalty and the L1 penalty is not differentiable (use owlqn or cd)");
            }
        }
        else
        {
            foreach (var name in new[] { "fista", "ista", "owlqn", "cd", "lbfgs", "newton" })
                problem.Refuse(name, $"{name} needs a differentiable loss and {lossName} is not");
        }

        bool dualLoss = typeof(TLoss) == typeof(HingeLoss) || typeof(TLoss) == typeof(SquaredHingeLoss) || typeof(TLoss) == typeof(LogisticLoss);
        if (!dualLoss) problem.Refuse("dual-cd", $"dual coordinate descent handles hinge, squared-hinge and logistic losses, not {lossName}");
        else if (l1) problem.Refuse("dual-cd", "dual coordinate descent handles an L2 penalty only");
        else if (!(f.Ridge > 0)) problem.Refuse("dual-cd", "dual coordinate descent needs λ > 0");
        else if (f.FitIntercept) problem.Refuse("dual-cd", "dual coordinate descent cannot fit an intercept (pass --no-intercept)");
        else
        {
            // The dual solver wants the zero regulariser type; with λ₁ = 0 this is the same F.
            var g = new LinearObjective<TLoss, ZeroRegularizer>(f.Data, f.Labels, f.Loss, default, f.Ridge, false, f.SampleWeights);
            problem.Add("dual-cd", s => DualCoordinateDescent.Minimize(g, Dual(s)));
        }
    }

    /// <summary>Registers the solvers for multinomial logistic regression with λ₁‖W‖₁ + (μ/2)‖W‖²_F (+ b).</summary>
    public static void AddMultinomial(BenchProblem problem, MulticlassLinearObjective<MultinomialLogisticLoss, L1Norm> f)
    {
        problem.Add("fista", s => ProximalGradient.Minimize(f, default, ProxGrad(s, accelerated: true)));
        problem.Add("ista", s => ProximalGradient.Minimize(f, default, ProxGrad(s, accelerated: false)));
        problem.Add("owlqn", s => OwlQn.Minimize(f.AsL1Composite(), default, Owl(s)));
        if (!(f.Regularizer.Lambda > 0)) problem.Add("lbfgs", s => Lbfgs.Minimize(f.AsSmooth(), default, Quasi(s)));
        else problem.Refuse("lbfgs", "L-BFGS needs a differentiable objective and the L1 penalty is not (use owlqn)");
        problem.Refuse("cd", "coordinate descent handles single-output objectives only");
        problem.Refuse("dual-cd", "dual coordinate descent handles binary losses and the Crammer–Singer SVM only");
    }

    /// <summary>Registers the proximal-gradient solvers for a smooth loss with a block penalty (group lasso).</summary>
    public static void AddProximalOnly(BenchProblem problem, ICompositeFunction f, string penalty)
    {
        problem.Add("fista", s => ProximalGradient.Minimize(f, default, ProxGrad(s, accelerated: true)));
        problem.Add("ista", s => ProximalGradient.Minimize(f, default, ProxGrad(s, accelerated: false)));
        problem.Refuse("lbfgs", $"L-BFGS needs a differentiable objective and the {penalty} is not");
        problem.Refuse("owlqn", $"OWL-QN handles weighted L1 penalties only, not the {penalty}");
        problem.Refuse("cd", $"coordinate descent handles separable penalties only, not the {penalty}");
        problem.Refuse("dual-cd", "dual coordinate descent handles binary losses and the Crammer–Singer SVM only");
    }

    /// <summary>Registers the solvers for the multi-task lasso / elastic net (L2,1 penalty on the rows of W, k intercepts).</summary>
    public static void AddMultiTask(BenchProblem problem, MultiTaskLinearObjective<L21Norm> f)
    {
        problem.Add("cd", s => BlockCoordinateDescent.Minimize(f, default, Block(s)));
        problem.Add("fista", s => ProximalGradient.Minimize(f, default, ProxGrad(s, accelerated: true)));
        problem.Add("ista", s => ProximalGradient.Minimize(f, default, ProxGrad(s, accelerated: false)));
        problem.Refuse("lbfgs", "L-BFGS needs a differentiable objective and the L2,1 penalty is not");
        problem.Refuse("owlqn", "OWL-QN handles weighted L1 penalties only, not the L2,1 penalty");
        problem.Refuse("dual-cd", "dual coordinate descent handles binary losses and the Crammer–Singer SVM only");
    }

    /// <summary>Registers the interior-point method for quantile regression (the pinball loss is nonsmooth).</summary>
    public static void AddQuantile(BenchProblem problem, LinearObjective<QuantileLoss, L1Norm> f)
    {
        foreach (var name in new[] { "fista", "ista", "owlqn", "cd", "lbfgs" })
            problem.Refuse(name, $"{name} needs a differentiable loss and the pinball loss is not (use ipm)");
        problem.Refuse("dual-cd", "dual coordinate descent handles hinge, squared-hinge and logistic losses only");
        problem.Add("ipm", s => QuantileInteriorPoint.Minimize(f, default, Ipm(s)));
    }

    /// <summary>Registers the solver for the Crammer–Singer multiclass SVM with (λ/2)‖W‖²_F.</summary>
    public static void AddCrammerSinger(BenchProblem problem, MulticlassLinearObjective<CrammerSingerHingeLoss, ZeroRegularizer> f)
    {
        foreach (var name in new[] { "fista", "ista", "owlqn", "cd", "lbfgs" })
            problem.Refuse(name, $"{name} needs a differentiable loss and the Crammer–Singer hinge is not");
        if (f.FitIntercept) problem.Refuse("dual-cd", "the Crammer–Singer dual solver cannot fit intercepts (pass --no-intercept)");
        else if (!(f.Ridge > 0)) problem.Refuse("dual-cd", "the Crammer–Singer dual solver needs λ > 0");
        else problem.Add("dual-cd", s => DualCoordinateDescent.Minimize(f, Dual(s)));
    }

    private static ProximalGradientOptions ProxGrad(RunSettings s, bool accelerated) => new()
    {
        Accelerated = accelerated, Tolerance = s.Tolerance, MaxIterations = s.MaxIterations, MaxTime = s.MaxTime,
        TraceEvery = s.TraceEvery, Observer = s.Observer,
    };

    private static LbfgsOptions Quasi(RunSettings s) => new()
    {
        Tolerance = s.Tolerance, MaxIterations = s.MaxIterations, MaxTime = s.MaxTime, TraceEvery = s.TraceEvery, Observer = s.Observer,
    };

    private static OwlQnOptions Owl(RunSettings s) => new()
    {
        Tolerance = s.Tolerance, MaxIterations = s.MaxIterations, MaxTime = s.MaxTime, TraceEvery = s.TraceEvery, Observer = s.Observer,
    };

    private static CoordinateDescentOptions Cd(RunSettings s) => new()
    {
        Tolerance = s.Tolerance, MaxIterations = s.MaxIterations, MaxTime = s.MaxTime, TraceEvery = s.TraceEvery, Observer = s.Observer,
        Seed = s.Seed,
    };

    private static TrustRegionNewtonOptions Newton(RunSettings s) => new()
    {
        Tolerance = s.Tolerance, MaxIterations = s.MaxIterations, MaxTime = s.MaxTime, TraceEvery = s.TraceEvery, Observer = s.Observer,
    };

    private static BlockCoordinateDescentOptions Block(RunSettings s) => new()
    {
        Tolerance = s.Tolerance, MaxIterations = s.MaxIterations, MaxTime = s.MaxTime, TraceEvery = s.TraceEvery, Observer = s.Observer,
        Seed = s.Seed,
    };

    private static QuantileInteriorPointOptions Ipm(RunSettings s) => new()
    {
        Tolerance = s.Tolerance, MaxIterations = s.MaxIterations, MaxTime = s.MaxTime, TraceEvery = s.TraceEvery, Observer = s.Observer,
    };

    private static DualCoordinateDescentOptions Dual(RunSettings s) => new()
    {
        Tolerance = s.Tolerance, MaxIterations = s.MaxIterations, MaxTime = s.MaxTime, TraceEvery = s.TraceEvery, Observer = s.Observer,
        Seed = s.Seed,
    };
}
