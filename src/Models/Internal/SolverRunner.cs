using OptSuite.Objectives;
using OptSuite.Objectives.Multiclass;
using OptSuite.Prox;
using OptSuite.Prox.Regularizers;
using OptSuite.Solvers;

namespace OptSuite.Models.Internal;

/// <summary>
/// Runs the resolved solver on a built objective and packs the answer: coefficients, intercepts, and the objective and
/// duality gap re-evaluated by the objective itself at the returned point (so every solver reports the same quantity).
/// </summary>
internal static class SolverRunner
{
    public static FitOutcome Run<TLoss>(LinearObjective<TLoss, ZeroRegularizer> f, FitSettings s, double[]? x0)
        where TLoss : struct, ILoss => HandOver(f, s, Once(f, s, x0));

    private static FitOutcome Once<TLoss>(LinearObjective<TLoss, ZeroRegularizer> f, FitSettings s, double[]? x0)
        where TLoss : struct, ILoss => s.Solver switch
        {
            SolverKind.CoordinateDescent => Pack(f, CoordinateDescent.Minimize(f, x0, s.CoordinateDescent, s.Cancellation), s.Solver),
            SolverKind.DualCoordinateDescent => Pack(f, DualCoordinateDescent.Minimize(f, s.DualCoordinateDescent, s.Cancellation), s.Solver),
            SolverKind.Newton => Pack(f, TrustRegionNewton.Minimize(f, x0, s.Newton, s.Cancellation), s.Solver),
            SolverKind.InteriorPoint => Quantile(f, s, x0),
            _ => Common(f, f.Features, s, x0),
        };

    /// <summary>
    /// Auto's safety net for L2 problems (<see cref="SolverSelection.HandOvers"/>): a run that stops without its duality
    /// gap certifying the tolerance — line search failed, no progress, iteration limit, a non-finite step — is continued
    /// from its point by the next solver of the chain, until one certifies or the chain, the iteration budget
    /// (<see cref="FitSettings.Continuing"/>) or the time budget ends. On unscaled data dual coordinate descent can crawl
    /// (raw breast cancer, squared hinge: 10⁴ epochs left a relative gap of 1.3), L-BFGS too (raw Fashion-MNIST pixels with
    /// an intercept: 2.3·10⁻² after 10⁴ iterations), and a column of N(0, 10¹⁶) noise made L-BFGS's first line search fail
    /// at w = 0 — Auto returned that w = 0 as its answer. The result is the best point found, reported with every run's
    /// iterations and time and the solver that produced it; an explicitly chosen solver is never replaced.
    /// </summary>
    private static FitOutcome HandOver<TLoss>(LinearObjective<TLoss, ZeroRegularizer> f, FitSettings s, FitOutcome outcome)
        where TLoss : struct, ILoss
    {
        bool differentiable = f.Loss.IsTwiceDifferentiable || double.IsFinite(f.Loss.Smoothness);
        foreach (SolverKind next in s.HandOvers)
        {
            if (!differentiable || !Uncertified(outcome, s.Tolerance)) break;
            if (s.Continuing(next, outcome.Result.Iterations) is not { } t) break;
            outcome = Continued(outcome, Once(f, t, [.. outcome.Coefficients, .. outcome.Intercepts]));
        }
        return outcome;
    }

    /// <summary>Whether a run stopped on its own without certifying the tolerance (not a caller's stop: cancellation,
    /// time budget or observer).</summary>
    private static bool Uncertified(FitOutcome o, double tolerance) =>
        o.Result.StopReason is StopReason.MaxIterations or StopReason.LineSearchFailed or StopReason.NoProgress or StopReason.NonFinite
        && !Certifies(o, tolerance);

    /// <summary>
    /// The better of a stalled run and its continuation: the continuation (with both runs' iterations and time) when it
    /// is at least as low, else the first run with the continuation's iterations and time added.
    /// </summary>
    private static FitOutcome Continued(FitOutcome first, FitOutcome second)
    {
        bool better = second.Objective <= first.Objective;
        var kept = better ? second : first;
        var r = kept.Result;
        return kept with
        {
            Result = new SolverResult
            {
                Solution = r.Solution, Intercepts = r.Intercepts, Objective = r.Objective, StopReason = r.StopReason,
                Iterations = first.Result.Iterations + second.Result.Iterations, Criterion = r.Criterion, DualityGap = r.DualityGap,
                Counts = r.Counts, Elapsed = first.Result.Elapsed + second.Result.Elapsed, Trace = r.Trace,
            },
        };
    }

    public static FitOutcome Run<TLoss>(LinearObjective<TLoss, L1Norm> f, FitSettings s, double[]? x0)
        where TLoss : struct, ILoss => s.Solver switch
        {
            SolverKind.CoordinateDescent => Pack(f, CoordinateDescent.Minimize(f, x0, s.CoordinateDescent, s.Cancellation), s.Solver),
            SolverKind.OwlQn => Certified(f, f.Features, s, x0, (start, t) => OwlQn.Minimize(f.AsL1Composite(), start, t.OwlQn, t.Cancellation)),
            SolverKind.InteriorPoint => Quantile(f, s, x0),
            _ => Common(f, f.Features, s, x0),
        };

    /// <summary>Quantile regression: the interior-point method, its only solver (the pinball loss is nonsmooth), which
    /// selection resolves for the quantile loss alone.</summary>
    private static FitOutcome Quantile<TLoss, TReg>(LinearObjective<TLoss, TReg> f, FitSettings s, double[]? x0)
        where TLoss : struct, ILoss where TReg : struct, IRegularizer =>
        (object)f is LinearObjective<Objectives.Losses.QuantileLoss, TReg> q
            ? Pack(q, QuantileInteriorPoint.Minimize(q, x0, s.InteriorPoint, s.Cancellation), s.Solver)
            : throw new InvalidOperationException($"The interior-point method solves quantile regression only, not {typeof(TLoss).Name}.");

    public static FitOutcome Run(LinearObjective<Objectives.Losses.SquaredLoss, Prox.Regularizers.GroupLasso> f, FitSettings s, double[]? x0) =>
        s.Solver == SolverKind.CoordinateDescent
            ? Pack(f, BlockCoordinateDescent.Minimize(f, x0, s.BlockCoordinateDescent, s.Cancellation), s.Solver)
            : Common(f, f.Features, s, x0);

    public static FitOutcome Run(MultiTaskLinearObjective<L21Norm> f, FitSettings s, double[]? x0) => s.Solver switch
    {
        SolverKind.CoordinateDescent => Pack(f, BlockCoordinateDescent.Minimize(f, x0, s.BlockCoordinateDescent, s.Cancellation), s.Solver, f.Features * f.Tasks),
        SolverKind.Fista or SolverKind.Ista => Pack(f, ProximalGradient.Minimize(f, x0, s.ProximalGradient, s.Cancellation), s.Solver, f.Features * f.Tasks),
        _ => throw new InvalidOperationException($"Solver {s.Solver} was not resolved for the multi-task objective."),
    };

    /// <summary>
    /// The L2 multinomial: trust-region Newton (Auto's choice, see <see cref="SolverSelection"/>: raw vehicle converges in
    /// 38 Newton steps where 10⁴ L-BFGS iterations left a relative gap of 1.6). Newton's trust region can stay small far
    /// from the optimum on nearly separable unscaled data, so when Auto's Newton run stops uncertified, L-BFGS continues
    /// (<see cref="SolverSelection.HandOvers"/>) from its point within what is left of the caller's iteration cap (<see cref="FitSettings.Continuing"/>; a fresh
    /// default budget without one); the better point is reported, with both runs' iterations. An explicit choice is never
    /// replaced.
    /// </summary>
    public static FitOutcome Run(MulticlassLinearObjective<MultinomialLogisticLoss, ZeroRegularizer> f, FitSettings s, double[]? x0)
    {
        if (s.Solver != SolverKind.Newton) return Run<ZeroRegularizer>(f, s, x0);
        int weights = f.Features * f.Classes;
        var newton = Pack(f, TrustRegionNewton.Minimize(f, x0, s.Newton, s.Cancellation), s.Solver, weights);
        if (!s.HandOvers.Contains(SolverKind.Lbfgs) || !Uncertified(newton, s.Tolerance)) return newton;
        if (s.Continuing(SolverKind.Lbfgs, newton.Result.Iterations) is not { } q) return newton;
        var quasi = Certified(f, weights, q, [.. newton.Coefficients, .. newton.Intercepts],
            (start, t) => Lbfgs.Minimize(f.AsSmooth(), start, t.Lbfgs, t.Cancellation));
        return Continued(newton, quasi);
    }

    public static FitOutcome Run<TReg>(MulticlassLinearObjective<MultinomialLogisticLoss, TReg> f, FitSettings s, double[]? x0)
        where TReg : struct, IRegularizer => s.Solver switch
        {
            SolverKind.OwlQn => Certified(f, f.Features * f.Classes, s, x0, (start, t) => OwlQn.Minimize(f.AsL1Composite(), start, t.OwlQn, t.Cancellation)),
            SolverKind.Lbfgs => Certified(f, f.Features * f.Classes, s, x0, (start, t) => Lbfgs.Minimize(f.AsSmooth(), start, t.Lbfgs, t.Cancellation)),
            _ => Pack(f, ProximalGradient.Minimize(f, x0, s.ProximalGradient, s.Cancellation), s.Solver, f.Features * f.Classes),
        };

    public static FitOutcome Run(MulticlassLinearObjective<CrammerSingerHingeLoss, ZeroRegularizer> f, FitSettings s) =>
        Pack(f, DualCoordinateDescent.Minimize(f, s.DualCoordinateDescent, s.Cancellation), s.Solver, f.Features * f.Classes);

    private static FitOutcome Common<TLoss, TReg>(LinearObjective<TLoss, TReg> f, int p, FitSettings s, double[]? x0)
        where TLoss : struct, ILoss where TReg : struct, IRegularizer => s.Solver switch
        {
            SolverKind.Lbfgs => Certified(f, p, s, x0, (start, t) => Lbfgs.Minimize(f.AsSmooth(), start, t.Lbfgs, t.Cancellation)),
            SolverKind.Fista or SolverKind.Ista => Pack(f, ProximalGradient.Minimize(f, x0, s.ProximalGradient, s.Cancellation), s.Solver),
            _ => throw new InvalidOperationException($"Solver {s.Solver} was not resolved for this objective (p = {p})."),
        };

    /// <summary>
    /// Runs a quasi-Newton solver until the duality gap certifies the tolerance. Their own criterion, ‖∇f‖∞ relative to
    /// the starting gradient, says little about suboptimality on badly scaled data: on raw Fashion-MNIST pixels L-BFGS met
    /// it 2.4% above the optimum (gap 1.08). So where the objective has a gap, a "converged" run whose relative gap
    /// exceeds the tolerance is resumed from its point with a 100× tighter criterion (0 after four rounds) until the gap
    /// certifies it or the iteration budget runs out; the reported stop reason is then the last run's, never a
    /// Converged that the gap contradicts.
    /// </summary>
    private static FitOutcome Certified(ICompositeFunction f, int weights, FitSettings s, double[]? x0, Func<double[]?, FitSettings, SolverResult> run)
    {
        var outcome = Pack(f, run(x0, s), s.Solver, weights);
        if (!f.HasDualityGap) return outcome;
        int iterations = outcome.Result.Iterations;
        TimeSpan elapsed = outcome.Result.Elapsed;
        double tolerance = s.Tolerance;
        for (int round = 1; outcome.Result.Converged && !Certifies(outcome, s.Tolerance) && iterations < s.Iterations; round++)
        {
            tolerance = round > 4 ? 0 : tolerance * 1e-2;
            var settings = s with { Tolerance = tolerance, MaxIterations = s.Iterations - iterations };
            outcome = Pack(f, run([.. outcome.Coefficients, .. outcome.Intercepts], settings), s.Solver, weights);
            iterations += outcome.Result.Iterations;
            elapsed += outcome.Result.Elapsed;
        }
        var r = outcome.Result;
        // The gap decides: a run it contradicts is not Converged, and one that used its iterations but whose gap
        // certifies the tolerance is (raw breast cancer, squared hinge: L-BFGS at its cap with a relative gap of 6e-8).
        bool certified = Certifies(outcome, s.Tolerance);
        StopReason stop = r.Converged && !certified ? StopReason.MaxIterations
            : r.StopReason == StopReason.MaxIterations && certified ? StopReason.Converged
            : r.StopReason;
        if (iterations == r.Iterations && stop == r.StopReason) return outcome;
        return outcome with
        {
            Result = new SolverResult
            {
                Solution = r.Solution, Intercepts = r.Intercepts, Objective = r.Objective, Iterations = iterations, StopReason = stop,
                Criterion = r.Criterion, DualityGap = r.DualityGap, Counts = r.Counts, Elapsed = elapsed, Trace = r.Trace,
            },
        };
    }

    /// <summary>Whether the gap bounds the relative suboptimality by <paramref name="tolerance"/>.</summary>
    private static bool Certifies(FitOutcome o, double tolerance) =>
        o.Gap is not { } g || g <= tolerance * Math.Max(Math.Abs(o.Objective), double.Epsilon);

    private static FitOutcome Pack<TLoss, TReg>(LinearObjective<TLoss, TReg> f, SolverResult r, SolverKind solver)
        where TLoss : struct, ILoss where TReg : struct, IRegularizer
        => Pack(f, r, solver, f.Features);

    private static FitOutcome Pack(ICompositeFunction f, SolverResult r, SolverKind solver, int weights)
    {
        int d = f.Dimension;
        double[] x;
        if (r.Solution.Length == d) x = r.Solution;
        else if (r.Solution.Length + r.Intercepts.Length == d) x = [.. r.Solution, .. r.Intercepts];
        else throw new InvalidOperationException($"The solver returned {r.Solution.Length} + {r.Intercepts.Length} values for dimension {d}.");
        double objective = f.Value(x) + f.NonsmoothValue(x);
        // Both gaps bound the suboptimality, so the smaller is the sharper certificate: the objective's own gap is built
        // from u = ℓ′(z), a poor dual point for the hinge losses, where the dual solver's α certifies far better.
        double? gap = f.HasDualityGap ? f.DualityGap(x) : null;
        if (r.DualityGap is { } g && double.IsFinite(g) && (gap is null || g < gap)) gap = g;
        return new FitOutcome(x[..weights], x[weights..], objective, gap, solver, r);
    }
}

/// <summary>One solve: coefficients (row-major p×m), intercepts (m or empty), objective and gap at that point.</summary>
internal sealed record FitOutcome(double[] Coefficients, double[] Intercepts, double Objective, double? Gap, SolverKind Solver, SolverResult Result);
