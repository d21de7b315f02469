using OptSuite.Objectives;
using OptSuite.Solvers;

namespace OptSuite.Models;

/// <summary>
/// The one place that knows which solver handles which problem, how each solver's options are made from the common
/// settings, which solver Auto runs and which solvers continue a run that stops uncertified. Estimators, paths,
/// <c>optsuite fit</c>, <c>path</c>, <c>cv</c> and <c>bench</c> all read it; each rule reads a problem's
/// <see cref="ProblemTraits"/> (capabilities of its loss, regulariser and data), never a type name.
/// </summary>
/// <remarks>
/// <para>Which solver applies: proximal gradient (FISTA, ISTA) needs a differentiable loss; L-BFGS and trust-region
/// Newton a differentiable objective (no regulariser beyond the ridge term); OWL-QN a differentiable loss and a weighted
/// L1 penalty (or none); coordinate descent a differentiable loss, a separable penalty — or a block-separable one, which
/// it minimises block by block (group lasso, multi-task lasso; the loss's derivative must then be Lipschitz) — and X as a
/// stored matrix; dual coordinate descent a loss with a dual coordinate step (hinge, squared hinge, logistic,
/// Crammer–Singer, and the ε-insensitive losses of support vector regression), the L2 penalty with λ &gt; 0 and no unpenalised intercept (its equality constraint couples every dual
/// coordinate); the interior-point method the pinball loss (quantile regression) with an L1, L2 or elastic-net penalty.
/// A non-convex loss (<see cref="ProblemTraits.NonConvex"/>: Tweedie ρ &gt; 2) has no duality gap: L-BFGS, OWL-QN and ISTA,
/// which certify a stationary point by a gradient or prox-gradient residual, take it (Auto: L-BFGS for L2, ISTA otherwise);
/// FISTA, coordinate descent, trust-region Newton and the dual method refuse it.</para>
/// <para>Auto: coordinate descent for the squared loss, for L1/elastic-net penalties, for the squared-loss group lasso and
/// the multi-task lasso (exact coordinate or block minimisation, the intercept eliminated: glmnet and scikit-learn's
/// choice, and the only method that reaches the optimum on badly conditioned ridge problems such as raw cpusmall; L1
/// logistic on a9a at λ = 1/n: 0.36 s against OWL-QN's 6.6 s; raw concrete, auto_mpg and longley group lasso converge in
/// tens of epochs where FISTA used its 10⁵ iterations); dual coordinate descent for the hinge losses, for the squared
/// hinge and the squared ε-insensitive loss (LIBLINEAR -s 12) without intercept, for the ε-insensitive loss, and for L2 logistic on sparse data with n ≥ 10⁴ without intercept (LIBLINEAR's choice), and
/// for Crammer–Singer; trust-region Newton for the L2 multinomial (raw vehicle, wine, glass and digits converge in 11–42
/// Newton steps where L-BFGS used its 10⁴ iterations); FISTA for the L1/elastic-net multinomial and for group lasso with
/// other losses; the interior-point method for quantile regression; L-BFGS for the other smooth problems. Where Auto's
/// choice does not apply (X a custom linear map), the first that does of L-BFGS, Newton, OWL-QN, coordinate descent,
/// FISTA, ISTA.</para>
/// <para>The Cox partial likelihood (<see cref="ProblemStructure.Survival"/>) couples the samples through its risk sets, so
/// it is no sum of pointwise losses: coordinate descent runs glmnet's proximal Newton on it
/// (<see cref="PredictorProximalNewton"/>, Auto's choice), L-BFGS the L2 case, OWL-QN, FISTA and ISTA any case; trust-region
/// Newton and the dual method refuse it.</para>
/// <para>Data read in row blocks (<see cref="ProblemTraits.RowBlocks"/>: shards, <see cref="OptSuite.LinearAlgebra.RowBlockedMatrix"/>)
/// give products by passes and no column or row access: the product-based solvers (FISTA, ISTA, L-BFGS, OWL-QN,
/// trust-region Newton) and the interior-point method (its normal equations summed block by block) apply as in memory;
/// dual coordinate descent runs by block minimisation, and Auto chooses it for the hinge, squared-hinge, logistic
/// and ε-insensitive losses without intercept; coordinate descent runs in covariance mode
/// (<see cref="CovarianceDescent"/>: XᵀAX from one pass), so for the squared loss with an L1, elastic-net or ridge
/// penalty and p ≤ <see cref="CovarianceDescent.MaxFeatures"/> only, and Auto chooses it there; above that limit the
/// fallback gives OWL-QN for L1 and elastic net and L-BFGS for ridge, and the other problems Auto would give coordinate
/// descent go to OWL-QN (L1 logistic, Huber, Poisson) or FISTA (group lasso, multi-task lasso); other smooth L2 problems
/// go to trust-region Newton. A run on row blocks that stops uncertified (a covariance-mode point the data do not
/// certify, say) is continued along dual CD → L-BFGS → coordinate descent → Newton → OWL-QN.</para>
/// <para>Rows split across the ranks of a communicator (<see cref="ProblemTraits.Distributed"/>: MPI, docs/distributed.md)
/// give products whose feature-space part is all-reduced and no column access: the product-based solvers apply as in
/// one process; dual coordinate descent runs as CoCoA+ and coordinate descent in covariance mode (XᵀAX and Xᵀy
/// all-reduced once; the squared loss with an L1, elastic-net or ridge penalty and p ≤ <see cref="CovarianceDescent.MaxFeatures"/>),
/// and Auto chooses it there. Auto gives the other smooth L2 problems to trust-region Newton (MPI-LIBLINEAR's method),
/// not to CoCoA+: CoCoA+'s safe aggregation multiplies its rounds with the number of ranks (news20 squared hinge 12, 152
/// and 523 rounds at 1, 2 and 4 ranks; a9a not within 10⁵ rounds at 2, against Newton's 7 iterations at any count;
/// benchmarks/results/distributed.md). The hinge loss, which has no Newton step, runs by CoCoA+; L1 problems other than
/// the squared loss by OWL-QN. Hand-overs follow the row-block chain.</para>
/// </remarks>
public static class SolverRegistry
{
    /// <summary>Auto runs L2 logistic regression without intercept by dual coordinate descent on sparse data from this many samples.</summary>
    public const int LargeSampleCount = 10_000;

    /// <summary>Every solver, in display order.</summary>
    public static IReadOnlyList<SolverDescriptor> All { get; } =
    [
        new(SolverKind.Fista, "fista", "FISTA", 100_000,
            "accelerated proximal gradient (Beck & Teboulle 2009) with backtracking and adaptive restart; any differentiable convex loss and prox-friendly penalty",
            Accelerated, (p, s, x0) => Minimize(p, s, x0, accelerated: true)),
        new(SolverKind.Ista, "ista", "ISTA", 100_000,
            "proximal gradient with backtracking; any differentiable loss and prox-friendly penalty",
            Proximal, (p, s, x0) => Minimize(p, s, x0, accelerated: false)),
        new(SolverKind.Lbfgs, "lbfgs", "L-BFGS", 10_000,
            "limited-memory BFGS with a strong-Wolfe line search (Nocedal & Wright); differentiable objectives (L2 penalty)",
            Quasi, (p, s, x0) => Lbfgs.Minimize(Target<ISmoothTarget>(p).Smooth(), x0, Get(SolverKind.Lbfgs).Options(new LbfgsOptions(), s), s.Cancellation)),
        new(SolverKind.OwlQn, "owlqn", "OWL-QN", 10_000,
            "orthant-wise L-BFGS (Andrew & Gao 2007); differentiable losses with an L1 or elastic-net penalty",
            Orthant, (p, s, x0) => OwlQn.Minimize(Target<IOrthantTarget>(p).Orthant(), x0, Get(SolverKind.OwlQn).Options(new OwlQnOptions(), s), s.Cancellation)),
        new(SolverKind.Newton, "newton", "trust-region Newton", 500,
            "trust-region Newton–CG (Lin, Weng & Keerthi 2008; LIBLINEAR -s 0/2); twice-differentiable objectives (L2 penalty)",
            Newton, (p, s, x0) => Target<INewtonTarget>(p).Newton(Get(SolverKind.Newton).Options(new TrustRegionNewtonOptions(), s), x0, s.Cancellation)),
        new(SolverKind.CoordinateDescent, "cd", "coordinate descent", 10_000,
            "exact coordinate (or, for block penalties, block) minimisation with working sets and gap-safe screening (glmnet, celer); separable and block-separable penalties",
            Coordinate, RunCoordinate),
        new(SolverKind.DualCoordinateDescent, "dual-cd", "dual coordinate descent", 10_000,
            "dual coordinate descent (Hsieh et al. 2008; Keerthi et al. 2008 for Crammer–Singer; Ho & Lin 2012 for SVR; LIBLINEAR -s 1/3/4/7/12/13); L2 SVMs, SVR and logistic regression without intercept",
            Dual, (p, s, _) => Target<IDualTarget>(p).Dual(DualOptions(p.Traits, s), s.Cancellation),
            $"on data in memory LIBLINEAR's own test at its default -e 0.1, then a relative duality gap at most {DualDefaultGap:0e0} ({CrammerSingerDefaultGap:0e0} for Crammer–Singer); rows in blocks or across ranks the relative duality gap at most {SolverSettings.DefaultTolerance:0e0}")
        { ReportsEvaluatedObjective = true },
        new(SolverKind.InteriorPoint, "ipm", "interior-point method", 500,
            "primal–dual interior-point method with Mehrotra's predictor–corrector (quantreg's rq.fit.fnb) on the linear (or quadratic) program of quantile regression",
            InteriorPoint, (p, s, x0) => Target<IInteriorPointTarget>(p).InteriorPoint(Get(SolverKind.InteriorPoint).Options(new QuantileInteriorPointOptions(), s), x0, s.Cancellation)),
    ];

    /// <summary>Every solver name, in display order, with "auto" first.</summary>
    public static IReadOnlyList<string> Names { get; } = ["auto", .. All.Select(d => d.Name)];

    /// <summary>The descriptor of <paramref name="kind"/> (not Auto).</summary>
    /// <param name="kind">A concrete solver.</param>
    public static SolverDescriptor Get(SolverKind kind) =>
        All.FirstOrDefault(d => d.Kind == kind) ?? throw new ArgumentOutOfRangeException(nameof(kind), kind, "Auto and undefined values have no descriptor.");

    /// <summary>The descriptor named <paramref name="name"/> (case-insensitive), or null.</summary>
    /// <param name="name">A solver name such as "lbfgs".</param>
    public static SolverDescriptor? Find(string name) => All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The solvers that handle a problem with <paramref name="traits"/>, in display order.</summary>
    /// <param name="traits">The problem's traits.</param>
    public static IReadOnlyList<SolverKind> Supported(ProblemTraits traits) =>
        All.Where(d => d.Refusal(traits) is null).Select(d => d.Kind).ToArray();

    /// <summary>The solver Auto runs (see the remarks).</summary>
    /// <param name="t">The problem's traits; some solver must handle it.</param>
    public static SolverKind Auto(ProblemTraits t)
    {
        SolverKind pick = t switch
        {
            { Structure: ProblemStructure.CrammerSinger } => SolverKind.DualCoordinateDescent,
            { Structure: ProblemStructure.MultiTask } => SolverKind.CoordinateDescent,
            { Structure: ProblemStructure.Survival } => SolverKind.CoordinateDescent,
            { LinearProgram: true } => SolverKind.InteriorPoint,
            // A non-convex loss (Tweedie ρ > 2) has no gap: L-BFGS (L2) or ISTA (L1, elastic net), both certifying a
            // stationary point; ISTA's monotone steps need no convexity (Attouch, Bolte & Svaiter 2013).
            { NonConvex: true } => t.Regularizer == RegularizerForm.None ? SolverKind.Lbfgs : SolverKind.Ista,
            { LossDifferentiable: false } => SolverKind.DualCoordinateDescent,
            { Structure: ProblemStructure.Multiclass } => t.Regularizer == RegularizerForm.None ? SolverKind.Newton : SolverKind.Fista,
            { Regularizer: RegularizerForm.Block } => t.LossQuadratic ? SolverKind.CoordinateDescent : SolverKind.Fista,
            { LossQuadratic: true } => SolverKind.CoordinateDescent,
            _ when t.Regularizer != RegularizerForm.None => SolverKind.CoordinateDescent,
            // Data read in row blocks: selective block minimisation (dual CD with a cache of other blocks' rows) where
            // its dual applies — on 2.8M × 1M with 1.08e9 non-zeros under 2 GB to a 1e-6 gap, logistic 11 passes in
            // 158 s against Newton's 64 in 431 s, squared hinge 23 in 317 s against 70 in 474 s
            // (benchmarks/results/out-of-core.md); otherwise trust-region Newton, one pass per Hessian product.
            // Rows across ranks: trust-region Newton, whose iterations do not grow with the rank count as CoCoA+'s rounds do.
            { Distributed: true, Regularizer: RegularizerForm.None } => SolverKind.Newton,
            { RowBlocks: true, Regularizer: RegularizerForm.None } =>
                t.DualStep != DualCoordinateKind.None && !t.FitIntercept ? SolverKind.DualCoordinateDescent : SolverKind.Newton,
            { DualStep: DualCoordinateKind.BoxQuadratic, FitIntercept: false } => SolverKind.DualCoordinateDescent,
            // Support vector regression: LIBLINEAR's -s 12 (and scikit-learn LinearSVR's dual = True) for the squared loss.
            { DualStep: DualCoordinateKind.EpsilonInsensitive, FitIntercept: false } => SolverKind.DualCoordinateDescent,
            { DualStep: DualCoordinateKind.Logistic, FitIntercept: false, Sparse: true } when t.Samples >= LargeSampleCount => SolverKind.DualCoordinateDescent,
            _ => SolverKind.Lbfgs,
        };
        if (Get(pick).Refusal(t) is null) return pick;
        foreach (SolverKind k in Fallback)
            if (Get(k).Refusal(t) is null) return k;
        throw new UnsupportedSolverException(SolverKind.Auto, [], NoSolver(t, "this problem"));
    }

    private static readonly SolverKind[] Fallback =
    [
        SolverKind.Lbfgs, SolverKind.Newton, SolverKind.OwlQn, SolverKind.CoordinateDescent, SolverKind.Fista, SolverKind.Ista,
        SolverKind.DualCoordinateDescent, SolverKind.InteriorPoint,
    ];

    /// <summary>
    /// The hand-over chains: when a solver Auto chose stops without certifying the tolerance (line search failed, no
    /// progress, iteration limit, a non-finite step), the next solver of its chain that handles the problem continues
    /// from the best point so far. Dual coordinate descent → L-BFGS → coordinate descent → trust-region Newton: L-BFGS
    /// cheaply finishes what the dual left on unscaled data; exact coordinate minimisation needs no line search, so it
    /// converges where line-search methods stall (Statlog heart with one N(0, 10¹⁶) column: L-BFGS stops LineSearchFailed
    /// at w = 0, coordinate descent converges in a few sweeps); Newton's curvature makes it insensitive to column scales.
    /// For the multiclass loss, Newton → L-BFGS: Newton's trust region can stay small far from the optimum on nearly
    /// separable unscaled data, where L-BFGS's cheap steps continue.
    /// </summary>
    private static readonly (Func<ProblemTraits, bool> When, SolverKind[] Chain)[] HandOverChains =
    [
        (t => t.Structure == ProblemStructure.Multiclass, [SolverKind.Newton, SolverKind.Lbfgs]),
        // Covariance-mode coordinate descent on row blocks has no sample-space engine to finish an uncertified point:
        // Newton (ridge) or OWL-QN (L1, elastic net) continue from the data.
        (t => t.RowBlocks || t.Distributed, [SolverKind.DualCoordinateDescent, SolverKind.Lbfgs, SolverKind.CoordinateDescent, SolverKind.Newton, SolverKind.OwlQn]),
        (_ => true, [SolverKind.DualCoordinateDescent, SolverKind.Lbfgs, SolverKind.CoordinateDescent, SolverKind.Newton]),
    ];

    /// <summary>The solvers that continue, in order, when <paramref name="first"/> (Auto's choice) stops uncertified.</summary>
    /// <param name="first">The solver that ran first.</param>
    /// <param name="traits">The problem's traits.</param>
    public static IReadOnlyList<SolverKind> HandOvers(SolverKind first, ProblemTraits traits)
    {
        if (!traits.LossDifferentiable) return [];
        SolverKind[] chain = HandOverChains.First(c => c.When(traits)).Chain;
        int at = Array.IndexOf(chain, first);
        if (at < 0) return [];
        return chain[(at + 1)..].Where(k => Get(k).Refusal(traits) is null).ToArray();
    }

    /// <summary>The solver to run: <paramref name="requested"/> if it handles the problem, Auto's choice for Auto.</summary>
    /// <param name="requested">The caller's choice.</param>
    /// <param name="traits">The problem's traits.</param>
    /// <param name="model">The model's name, for the message.</param>
    /// <exception cref="UnsupportedSolverException">The solver does not handle the problem (or none does); the message
    /// says why and which solvers can.</exception>
    public static SolverKind Resolve(SolverKind requested, ProblemTraits traits, string model)
    {
        if (!Enum.IsDefined(requested)) throw new ArgumentOutOfRangeException("Solver", requested, "Not a SolverKind value.");
        var supported = Supported(traits);
        if (supported.Count == 0) throw new UnsupportedSolverException(requested, supported, NoSolver(traits, model));
        if (requested == SolverKind.Auto) return Auto(traits);
        if (Get(requested).Refusal(traits) is not { } why) return requested;
        throw new UnsupportedSolverException(requested, supported, RefusalMessage(requested, traits, model));
    }

    /// <summary>The message for <paramref name="solver"/> refusing a problem: why, and which solvers can. The C#
    /// exception, <c>optsuite fit</c> and <c>optsuite bench</c> all print this text.</summary>
    /// <param name="solver">The refused solver.</param>
    /// <param name="traits">The problem's traits.</param>
    /// <param name="model">The model's name.</param>
    public static string RefusalMessage(SolverKind solver, ProblemTraits traits, string model)
    {
        var supported = Supported(traits);
        return $"Solver '{Get(solver).Name}' cannot solve {model} ({traits.Describe()}): {Get(solver).Refusal(traits)} " +
            $"Solvers that can: {string.Join(", ", supported.Select(k => Get(k).Name))}.";
    }

    private static string NoSolver(ProblemTraits t, string model) =>
        !t.LossDifferentiable && t.Structure != ProblemStructure.MultiTask && t.Regularizer == RegularizerForm.None && t.FitIntercept
            ? $"{model} with the {t.LossName} loss and an unpenalised intercept has no exact solver here: the loss is not differentiable, so only " +
              "the dual method applies, and its dual cannot carry the intercept's equality constraint. Set InterceptScaling " +
              "(command line: --intercept-scaling 1) for LIBLINEAR's penalised bias, use the squared hinge loss (one-vs-rest for " +
              "several classes), or fit without intercept (FitIntercept = false; --no-intercept)."
            : $"{model} ({t.Describe()}) has no solver: {Get(SolverKind.DualCoordinateDescent).Refusal(t) ?? Get(SolverKind.Fista).Refusal(t)}";

    private static T Target<T>(FitProblem p) where T : class =>
        p as T ?? throw new InvalidOperationException($"{p.GetType().Name} offers no {typeof(T).Name} entry; the registry's rules and the problem disagree.");

    private static SolverResult Minimize(FitProblem p, SolverSettings s, double[]? x0, bool accelerated) =>
        ProximalGradient.Minimize(p.Objective, x0, Get(accelerated ? SolverKind.Fista : SolverKind.Ista).Options(new ProximalGradientOptions { Accelerated = accelerated }, s), s.Cancellation);

    /// <summary>The relative duality gap dual coordinate descent certifies by default on data in memory.</summary>
    internal const double DualDefaultGap = 1e-3;

    /// <summary>
    /// The same for the Crammer–Singer dual, whose gap closes slowly: LIBLINEAR's default run stops 3.3% (usps) and 6.6%
    /// (dna) above the optimum, a 2% gap already certifies a lower objective there, and 1e-3 took 4,880 epochs on usps
    /// where LIBLINEAR takes 1,390 (2e-2: 1,450; dna 1,040 → 320 against LIBLINEAR's 258; benchmarks/results/dual-coordinate.md).
    /// </summary>
    internal const double CrammerSingerDefaultGap = 2e-2;

    /// <summary>
    /// Dual coordinate descent's options. Without a tolerance in the settings, data in memory run until LIBLINEAR's own
    /// test holds at its default -e 0.1 (no gap pass before) and the relative duality gap is at most 1e-3
    /// (<see cref="CrammerSingerDefaultGap"/> for Crammer–Singer): as far as
    /// LIBLINEAR's default run goes, in about its epochs, and never far from the optimum where LIBLINEAR's test holds early
    /// (Crammer–Singer on dna: LIBLINEAR's default stop is 7% above the optimum). A 1e-6 gap took up to 24 times
    /// LIBLINEAR's epochs (hinge on w8a: 4,261 against 181). Rows in blocks or across ranks stop on the gap at 1e-6.
    /// </summary>
    private static DualCoordinateDescentOptions DualOptions(ProblemTraits t, SolverSettings s)
    {
        var options = Get(SolverKind.DualCoordinateDescent).Options(new DualCoordinateDescentOptions { Seed = s.Seed }, s);
        return s.Tolerance is null && !t.RowBlocks && !t.Distributed
            ? options with
            {
                Stopping = DualStoppingRule.LibLinearThenGap,
                Tolerance = t.Structure == ProblemStructure.CrammerSinger ? CrammerSingerDefaultGap : DualDefaultGap,
            }
            : options;
    }

    private static SolverResult RunCoordinate(FitProblem p, SolverSettings s, double[]? x0)
    {
        var d = Get(SolverKind.CoordinateDescent);
        return p.Traits.Regularizer == RegularizerForm.Block
            ? Target<IBlockTarget>(p).Blocks(d.Options(new BlockCoordinateDescentOptions { Seed = s.Seed }, s), x0, s.Cancellation)
            : Target<ICoordinateTarget>(p).Coordinates(d.Options(new CoordinateDescentOptions { Seed = s.Seed }, s), x0, s.Cancellation);
    }

    // The rules: each returns why the solver cannot handle the problem, or null.

    private static string? NotDifferentiable(ProblemTraits t) => t.LossDifferentiable ? null
        : t.LinearProgram
            ? "the pinball loss is not differentiable, so gradient, quasi-Newton and coordinate methods do not apply; the interior-point method (ipm) solves its linear (or, with an L2 term, quadratic) program."
            : $"the {t.LossName} loss is not differentiable, so primal gradient, quasi-Newton and coordinate methods do not apply.";

    private static string Penalty(ProblemTraits t) => t.Regularizer switch
    {
        RegularizerForm.Separable => "per-feature penalty (factors or bounds, held in a separable regulariser)",
        RegularizerForm.WeightedL1 => t.Ridge ? "elastic-net penalty" : "L1 penalty",
        RegularizerForm.Block => t.Structure == ProblemStructure.MultiTask ? "L2,1 penalty" : "group-lasso penalty",
        _ => "penalty",
    };

    private static string? Proximal(ProblemTraits t) => NotDifferentiable(t);

    private static string? Accelerated(ProblemTraits t) => NotDifferentiable(t)
        ?? (t.NonConvex ? $"FISTA's acceleration assumes a convex objective and the {t.LossName} loss is not convex here (use ista, or lbfgs / owlqn)." : null);

    /// <summary>Refusal for the solvers that stop on the duality gap or need positive curvature.</summary>
    private static string? Convex(ProblemTraits t, string solver, string need) => !t.NonConvex ? null
        : $"{solver} {need}, and the {t.LossName} loss is not convex here (no duality gap); lbfgs (L2), owlqn and ista certify a stationary point instead.";

    private static string? Quasi(ProblemTraits t) => NotDifferentiable(t)
        ?? (t.Regularizer == RegularizerForm.None ? null
            : t.Regularizer == RegularizerForm.Separable ? $"L-BFGS takes the L2 penalty only as the objective's uniform ridge term; the {Penalty(t)} goes through its prox (use cd, fista or ista)."
            : $"L-BFGS needs a differentiable objective and the {Penalty(t)} is not{(t.Regularizer == RegularizerForm.WeightedL1 ? " (use owlqn)" : "")}.");

    private static string? Orthant(ProblemTraits t) => NotDifferentiable(t)
        ?? (t.Regularizer is RegularizerForm.None or RegularizerForm.WeightedL1 ? null : $"OWL-QN handles weighted L1 penalties only, not the {Penalty(t)}.");

    private static string? Newton(ProblemTraits t) => NotDifferentiable(t)
        ?? Convex(t, "trust-region Newton", "needs a positive semidefinite Hessian for its conjugate-gradient steps")
        ?? (t.Structure == ProblemStructure.Survival ? $"trust-region Newton takes sums of pointwise losses; the {t.LossName} loss couples the samples through risk sets (cd runs glmnet's proximal Newton on it, lbfgs the L2 case)." : null)
        ?? (t.Regularizer == RegularizerForm.None ? null
            : t.Regularizer == RegularizerForm.Separable ? $"trust-region Newton takes the L2 penalty only as the objective's uniform ridge term; the {Penalty(t)} goes through its prox (use cd, fista or ista)."
            : $"trust-region Newton needs an L2 penalty (a twice-differentiable objective); the {Penalty(t)} is not differentiable.");

    private static string? Columns(ProblemTraits t) => t.ColumnAccess ? null
        : "coordinate methods need X as a dense, CSR or CSC matrix, not a custom ILinearMap.";

    /// <summary>On row blocks coordinate descent is covariance mode: the squared loss, L1/elastic-net/L2, a bounded p.</summary>
    private static string? Covariance(ProblemTraits t) => !t.RowBlocks && !t.Distributed ? null
        : t.Structure != ProblemStructure.SingleOutput || !t.LossQuadratic || t.Regularizer is not (RegularizerForm.None or RegularizerForm.WeightedL1)
            ? $"{BlockedWhere(t)}, where coordinate descent runs in covariance mode (XᵀAX accumulated in one pass), which " +
              "solves the single-output squared loss with an L1, elastic-net or L2 penalty only: other coordinate steps read single columns, " +
              $"each {(t.Distributed ? "an all-reduce" : "a pass over all of X")}."
        : t.Features > CovarianceDescent.MaxFeatures
            ? $"{BlockedWhere(t)}, where coordinate descent runs in covariance mode, keeping the (p + 1)² Gram matrix in memory for p ≤ " +
              $"{CovarianceDescent.MaxFeatures}; this X has {t.Features} columns."
        : null;

    private static string BlockedWhere(ProblemTraits t) =>
        t.Distributed ? "X's rows are split across MPI ranks" : "X is read in row blocks (shards)";

    private static string? NoOffset(ProblemTraits t, string solver) => !t.Offset ? null
        : $"{solver} does not take offsets (its steps see x_i·w + b only); the primal solvers (lbfgs, newton, owlqn, fista, ista, cd on stored X) do.";

    private static string? Coordinate(ProblemTraits t) => (t.RowBlocks || t.Distributed ? Covariance(t) : Columns(t))
        ?? (t.RowBlocks || t.Distributed ? NoOffset(t, "covariance-mode coordinate descent") : null)
        ?? (t.Regularizer == RegularizerForm.Block ? NoOffset(t, "block coordinate descent") : null)
        ?? (t.Structure == ProblemStructure.Multiclass ? "coordinate descent handles single-output losses and the multi-task squared loss, not the multinomial loss." : null)
        ?? NotDifferentiable(t)
        ?? Convex(t, "coordinate descent", "stops on the duality gap and its coordinate Newton steps need ℓ″ > 0")
        ?? t.Regularizer switch
        {
            RegularizerForm.Block when !t.LossLipschitz => $"block coordinate descent needs a loss with a Lipschitz derivative; the {t.LossName} loss has none.",
            RegularizerForm.Other => "coordinate descent needs a separable or block-separable penalty.",
            _ => null,
        };

    // Data read in row blocks (shards) are solved by block minimisation (Yu, Hsieh, Chang & Lin 2010), rows across ranks by
    // CoCoA+ (Ma et al. 2015): the same entry point.
    private static string? Dual(ProblemTraits t) => (t.RowBlocks || t.Distributed ? null : Columns(t))
        ?? Convex(t, "dual coordinate descent", "solves the convex dual")
        ?? (t.DualStep == DualCoordinateKind.None ? $"dual coordinate descent solves the hinge, squared-hinge, logistic, ε-insensitive and Crammer–Singer losses, not the {t.LossName} loss." : null)
        ?? (t.Regularizer != RegularizerForm.None ? $"dual coordinate descent needs the L2 penalty, not the {Penalty(t)}." : null)
        ?? (!t.Ridge ? "dual coordinate descent needs an L2 penalty λ > 0." : null)
        ?? (t.FitIntercept ? "dual coordinate descent cannot fit an unpenalised intercept (its equality constraint couples every dual coordinate): fit without intercept (FitIntercept = false; --no-intercept) or with a penalised bias (InterceptScaling; --intercept-scaling)." : null)
        ?? NoOffset(t, "dual coordinate descent");

    private static string? InteriorPoint(ProblemTraits t) =>
        !t.LinearProgram ? "the interior-point method solves quantile regression (pinball loss) only."
        : t.Offset ? NoOffset(t, "the interior-point method")
        : t.Distributed ? "the interior-point method factorises its normal equations in one process; it does not run on rows split across MPI ranks."
        : t.Regularizer is RegularizerForm.None or RegularizerForm.WeightedL1 ? null
        : $"the interior-point method handles L1, L2 and elastic-net penalties, not the {Penalty(t)}.";
}
