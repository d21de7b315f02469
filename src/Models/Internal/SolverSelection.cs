namespace OptSuite.Models.Internal;

/// <summary>
/// The one place that knows which solver handles which problem, and which one <see cref="SolverKind.Auto"/> picks.
/// </summary>
/// <remarks>
/// Handles: coordinate descent needs a separable penalty and a smooth (or twice-differentiable) loss; L-BFGS needs the
/// whole objective differentiable (L2 penalty, differentiable loss); OWL-QN needs an L1/elastic-net penalty and a
/// differentiable loss; proximal gradient needs a differentiable loss and a prox-friendly penalty; dual coordinate
/// ascent solves L2 hinge, squared hinge, logistic and Crammer–Singer problems without intercept (the intercept's
/// equality constraint couples every dual coordinate). The nonsmooth hinge losses are solved only in the dual; the
/// nonsmooth pinball loss (quantile regression) only by the interior-point method, which handles L1, L2 and elastic net.
/// <para>Auto: coordinate descent for L1/elastic-net and for squared loss with L2 (exact coordinate minimisation,
/// glmnet and scikit-learn; the only method that reaches the optimum on badly conditioned ridge problems such as raw
/// cpusmall) — L1 logistic included at every n since the intercept is eliminated in each model solve (a9a at λ = 1/n:
/// 0.36 s against OWL-QN's 6.6 s; w8a 0.47 vs 1.43 s; news20 0.21 vs 1.05 s; before, one-hot groups collinear with
/// the intercept had made coordinate Newton steps take 36–250 s on a9a and OWL-QN was used above n = 10⁴); dual coordinate descent for L2 SVMs and for L2 logistic on sparse data with n ≥ 10⁴ (LIBLINEAR's
/// choice), both without intercept; trust-region Newton for the L2 multinomial (the curvature makes it indifferent to
/// feature scales: raw vehicle, wine and glass and raw digits with an intercept converge in 11–42 Newton steps where L-BFGS
/// used its 10⁴ iterations or, on digits, 69 s; on the scaled sets it is level with L-BFGS); L-BFGS for the other smooth L2 problems; block coordinate descent for the
/// squared-loss group lasso (exact block minimisation with the intercept eliminated: raw concrete, auto_mpg and longley
/// converge in tens of epochs where FISTA used its 10⁵ iterations at a relative gap of 0.2–1.0) and for the multi-task
/// lasso (measured 3.7× faster than FISTA on dna one-hot targets); FISTA for other group lasso losses and for
/// L1/elastic-net multinomial; the sequential dual method for Crammer–Singer. Quantile regression: the interior-point
/// method, its only solver.</para>
/// </remarks>
internal static class SolverSelection
{
    public const int LargeSampleCount = 10_000;

    /// <summary>The solvers that handle <paramref name="s"/>, in order of preference.</summary>
    public static IReadOnlyList<SolverKind> Supported(ProblemShape s)
    {
        var all = SupportedWithColumns(s);
        return s.ColumnAccess ? all : all.Where(k => k is not (SolverKind.CoordinateDescent or SolverKind.DualCoordinateDescent)).ToList();
    }

    private static List<SolverKind> SupportedWithColumns(ProblemShape s)
    {
        var list = new List<SolverKind>();
        bool l2 = s.Penalty == PenaltyKind.L2;
        switch (s.Loss)
        {
            case LossKind.Hinge:
            case LossKind.CrammerSinger:
                if (l2 && !s.FitIntercept) list.Add(SolverKind.DualCoordinateDescent);
                break;
            case LossKind.Quantile:
                if (s.Penalty != PenaltyKind.Group) list.Add(SolverKind.InteriorPoint);
                break;
            case LossKind.MultiTaskSquared:
                list.AddRange([SolverKind.CoordinateDescent, SolverKind.Fista, SolverKind.Ista]);
                break;
            case LossKind.Multinomial:
                if (l2) list.AddRange([SolverKind.Lbfgs, SolverKind.Newton, SolverKind.Fista, SolverKind.Ista]);
                else if (s.Penalty != PenaltyKind.Group) list.AddRange([SolverKind.Fista, SolverKind.OwlQn, SolverKind.Ista]);
                break;
            default:
                if (s.Penalty == PenaltyKind.Group)
                {
                    if (s.Loss == LossKind.Squared) list.Add(SolverKind.CoordinateDescent);
                    list.AddRange([SolverKind.Fista, SolverKind.Ista]);
                    break;
                }
                if (l2)
                {
                    list.AddRange([SolverKind.Lbfgs, SolverKind.Newton, SolverKind.CoordinateDescent, SolverKind.Fista, SolverKind.Ista]);
                    if ((s.Loss is LossKind.Logistic or LossKind.SquaredHinge) && !s.FitIntercept) list.Add(SolverKind.DualCoordinateDescent);
                }
                else list.AddRange([SolverKind.CoordinateDescent, SolverKind.OwlQn, SolverKind.Fista, SolverKind.Ista]);
                break;
        }
        return list;
    }

    /// <summary>The solver <see cref="SolverKind.Auto"/> runs for <paramref name="s"/> (see the remarks); without column
    /// access, the first supported gradient method instead of a coordinate method.</summary>
    public static SolverKind Auto(ProblemShape s)
    {
        SolverKind pick = AutoWithColumns(s);
        if (s.ColumnAccess || pick is not (SolverKind.CoordinateDescent or SolverKind.DualCoordinateDescent)) return pick;
        var supported = Supported(s);
        return supported.Count > 0 ? supported[0] : pick;
    }

    private static SolverKind AutoWithColumns(ProblemShape s)
    {
        bool l2 = s.Penalty == PenaltyKind.L2;
        return s.Loss switch
        {
            LossKind.Hinge or LossKind.CrammerSinger => SolverKind.DualCoordinateDescent,
            LossKind.MultiTaskSquared => SolverKind.CoordinateDescent,
            LossKind.Quantile => SolverKind.InteriorPoint,
            LossKind.Multinomial => l2 ? SolverKind.Newton : SolverKind.Fista,
            LossKind.Squared when s.Penalty == PenaltyKind.Group => SolverKind.CoordinateDescent,
            _ when s.Penalty == PenaltyKind.Group => SolverKind.Fista,
            LossKind.Squared => SolverKind.CoordinateDescent,
            _ when !l2 => SolverKind.CoordinateDescent,
            LossKind.SquaredHinge when !s.FitIntercept => SolverKind.DualCoordinateDescent,
            LossKind.Logistic when !s.FitIntercept && s.Sparse && s.Samples >= LargeSampleCount => SolverKind.DualCoordinateDescent,
            _ => SolverKind.Lbfgs,
        };
    }

    /// <summary>
    /// The solvers Auto hands a run to when <paramref name="first"/> stops without certifying the tolerance (line search
    /// failed, no progress, iteration limit, a non-finite step), in order: each continues from the best point so far.
    /// The chain is dual coordinate descent → L-BFGS → trust-region Newton → coordinate descent, restricted to the solvers
    /// that handle <paramref name="s"/>: L-BFGS cheaply finishes what the dual left on unscaled data; Newton's curvature
    /// makes it insensitive to column scales where L-BFGS crawls; exact coordinate minimisation needs no line search at
    /// all, so it still converges where both line-search methods stall (Statlog heart with one N(0, 10¹⁶) column: L-BFGS
    /// stops LineSearchFailed at w = 0, coordinate descent converges in a few sweeps). For the L2 multinomial the chain is
    /// trust-region Newton → L-BFGS: Newton's trust region can stay small far from the optimum on nearly separable
    /// unscaled data, where L-BFGS's cheap steps continue.
    /// </summary>
    public static IReadOnlyList<SolverKind> HandOvers(SolverKind first, ProblemShape s)
    {
        SolverKind[] chain = s.Loss == LossKind.Multinomial
            ? [SolverKind.Newton, SolverKind.Lbfgs]
            : [SolverKind.DualCoordinateDescent, SolverKind.Lbfgs, SolverKind.CoordinateDescent, SolverKind.Newton];
        int at = Array.IndexOf(chain, first);
        if (at < 0) return [];
        var supported = Supported(s);
        return chain[(at + 1)..].Where(supported.Contains).ToArray();
    }

    /// <summary>The solver to run: <paramref name="requested"/> if it handles the problem, Auto's choice for Auto.</summary>
    public static SolverKind Resolve(SolverKind requested, ProblemShape s, string model)
    {
        if (!Enum.IsDefined(requested))
            throw new ArgumentOutOfRangeException("Solver", requested, "Not a SolverKind value.");
        var supported = Supported(s);
        if (supported.Count == 0)
            throw new UnsupportedSolverException(requested, supported, NoSolverMessage(s, model));
        if (requested == SolverKind.Auto) return Auto(s);
        if (supported.Contains(requested)) return requested;
        throw new UnsupportedSolverException(requested, supported,
            $"Solver '{SolverKindNames.ToName(requested)}' cannot solve {model} ({Describe(s)}): {Why(requested, s)} " +
            $"Solvers that can: {string.Join(", ", supported.Select(SolverKindNames.ToName))}.");
    }

    private static string Describe(ProblemShape s) =>
        $"{s.Loss} loss, {s.Penalty} penalty{(s.FitIntercept ? ", with intercept" : ", no intercept")}";

    private static string NoSolverMessage(ProblemShape s, string model) => s.Loss switch
    {
        LossKind.Hinge or LossKind.CrammerSinger when s.FitIntercept =>
            $"{model} with the {(s.Loss == LossKind.Hinge ? "hinge" : "Crammer–Singer")} loss and an unpenalised intercept has no exact solver here: " +
            "the loss is not differentiable, so only the dual method applies, and its dual cannot carry the intercept's equality constraint. " +
            "Set InterceptScaling (command line: --intercept-scaling 1) for LIBLINEAR's penalised bias, " +
            (s.Loss == LossKind.Hinge ? "use the squared hinge loss, or fit without intercept (FitIntercept = false; --no-intercept)."
                : "use one-vs-rest with the squared hinge loss, or fit without intercept (FitIntercept = false; --no-intercept)."),
        _ => $"{model} ({Describe(s)}) has no solver: the hinge losses take the L2 penalty only.",
    };

    private static string Why(SolverKind k, ProblemShape s) => k switch
    {
        SolverKind.CoordinateDescent or SolverKind.DualCoordinateDescent when !s.ColumnAccess =>
            "coordinate methods need X as a dense, CSR or CSC matrix, not a custom ILinearMap.",
        SolverKind.InteriorPoint => "the interior-point method solves quantile regression (pinball loss) only.",
        _ when s.Loss == LossKind.Quantile =>
            "the pinball loss is not differentiable, so gradient, quasi-Newton and coordinate methods do not apply; the interior-point method solves its linear (or, with an L2 term, quadratic) program.",
        SolverKind.DualCoordinateDescent when s.FitIntercept => "dual coordinate descent needs a problem without intercept.",
        SolverKind.DualCoordinateDescent when s.Penalty != PenaltyKind.L2 => "dual coordinate descent needs the L2 penalty.",
        SolverKind.DualCoordinateDescent => "dual coordinate descent solves hinge, squared-hinge, logistic and Crammer–Singer losses only.",
        SolverKind.Lbfgs when s.Penalty != PenaltyKind.L2 => "L-BFGS needs a differentiable objective (L2 penalty).",
        SolverKind.Newton when s.Penalty != PenaltyKind.L2 => "trust-region Newton needs a twice-differentiable objective (L2 penalty).",
        SolverKind.OwlQn when s.Penalty == PenaltyKind.L2 => "OWL-QN is for L1 and elastic-net penalties (use lbfgs for L2).",
        SolverKind.OwlQn => "OWL-QN needs a weighted L1 penalty.",
        SolverKind.CoordinateDescent when s.Penalty == PenaltyKind.Group => "block coordinate descent handles the group lasso with the squared loss only.",
        SolverKind.CoordinateDescent when s.Loss == LossKind.Multinomial => "coordinate descent handles single-output losses only.",
        _ => "the loss is not differentiable, so primal gradient methods do not apply.",
    };
}
