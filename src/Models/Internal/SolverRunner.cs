using OptSuite.Objectives;
using OptSuite.Solvers;

namespace OptSuite.Models.Internal;

/// <summary>
/// Runs an estimator's problem with the resolved solver (through <see cref="SolverRegistry"/>), continues an uncertified
/// Auto run along the registry's hand-over chain, and packs the answer: coefficients, intercepts, and the objective and
/// duality gap at the returned point — the gap the solver's own when it certified a converged stop, the objective the
/// solver's own when it also evaluated it term by term there (<see cref="SolverDescriptor.ReportsEvaluatedObjective"/>),
/// else each re-evaluated by the objective itself (so every solver reports the same quantity).
/// </summary>
internal static class SolverRunner
{
    public static FitOutcome Run(FitProblem problem, FitSettings s, double[]? x0)
    {
        var outcome = HandOver(problem, s, Once(problem, s, x0));
        return problem.BiasScaling is { } b ? PenalisedBias.Split(outcome, problem.WeightCount / problem.Traits.Outputs - 1, b) : outcome;
    }

    private static FitOutcome Once(FitProblem problem, FitSettings s, double[]? x0) =>
        Pack(problem, SolverRegistry.Get(s.Solver).Run(problem, s.Run, x0), s.Solver);

    /// <summary>
    /// Auto's safety net (<see cref="SolverRegistry.HandOvers"/>): a run that stops without its duality gap certifying the
    /// tolerance — line search failed, no progress, iteration limit, a non-finite step — is continued from its point by the
    /// next solver of the chain, until one certifies or the chain, the iteration budget (<see cref="FitSettings.Continuing"/>)
    /// or the time budget ends. On unscaled data dual coordinate descent can crawl (raw breast cancer, squared hinge: 10⁴
    /// epochs left a relative gap of 1.3), L-BFGS too (raw Fashion-MNIST pixels with an intercept: 2.3·10⁻² after 10⁴
    /// iterations), and a column of N(0, 10¹⁶) noise made L-BFGS's first line search fail at w = 0 — Auto returned that
    /// w = 0 as its answer. The result is the best point found, reported with every run's iterations and time and the
    /// solver that produced it; an explicitly chosen solver is never replaced.
    /// </summary>
    private static FitOutcome HandOver(FitProblem problem, FitSettings s, FitOutcome outcome)
    {
        foreach (SolverKind next in s.HandOvers)
        {
            if (!Uncertified(outcome, s.Tolerance ?? SolverSettings.DefaultTolerance)) break;
            if (s.Continuing(next, outcome.Result.Iterations) is not { } t) break;
            outcome = Continued(outcome, Once(problem, t, [.. outcome.Coefficients, .. outcome.Intercepts]));
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

    /// <summary>Whether the gap bounds the relative suboptimality by <paramref name="tolerance"/>.</summary>
    private static bool Certifies(FitOutcome o, double tolerance) =>
        o.Gap is not { } g || g <= tolerance * Math.Max(Math.Abs(o.Objective), double.Epsilon);

    private static FitOutcome Pack(FitProblem problem, SolverResult r, SolverKind solver)
    {
        ICompositeFunction f = problem.Objective;
        int d = f.Dimension, weights = problem.WeightCount;
        double[] x;
        if (r.Solution.Length == d) x = r.Solution;
        else if (r.Solution.Length + r.Intercepts.Length == d) x = [.. r.Solution, .. r.Intercepts];
        else throw new InvalidOperationException($"The solver returned {r.Solution.Length} + {r.Intercepts.Length} values for dimension {d}.");
        // A run that converged on its own duality gap has certified its point, so the objective's gap (two passes over X)
        // is not evaluated again, nor the objective when the solver evaluated it term by term at that point (the dual
        // solvers): in a fresh process these passes run code the JIT has not optimised yet and cost more than the solve
        // they check (`optsuite fit` at its defaults on news20 binary, hinge: 33 ms against a 25 ms solve).
        double? solverGap = r.DualityGap is { } g && double.IsFinite(g) ? g : null;
        bool certified = solverGap is not null && r.StopReason == StopReason.Converged;
        double objective = certified && SolverRegistry.Get(solver).ReportsEvaluatedObjective && double.IsFinite(r.Objective)
            ? r.Objective : f.Value(x) + f.NonsmoothValue(x);
        if (certified) return new FitOutcome(x[..weights], x[weights..], objective, solverGap, solver, r);
        // Both gaps bound the suboptimality, so the smaller is the sharper certificate: the objective's own gap is built
        // from u = ℓ′(z), a poor dual point for the hinge losses, where the dual solver's α certifies far better.
        double? gap = f.HasDualityGap ? f.DualityGap(x) : null;
        if (solverGap < gap || gap is null) gap = solverGap;
        return new FitOutcome(x[..weights], x[weights..], objective, gap, solver, r) { Stationarity = gap is null ? Stationarity(f, x) : null };
    }

    /// <summary>‖x − prox_g(x − ∇f(x))‖∞: the prox-gradient residual with unit step, zero exactly at the stationary points
    /// of f + g (the certificate where there is no duality gap; <see cref="FitReport.Stationarity"/>).</summary>
    private static double Stationarity(ICompositeFunction f, double[] x)
    {
        var step = new double[x.Length];
        f.ValueAndGradient(x, step);
        for (int i = 0; i < x.Length; i++) step[i] = x[i] - step[i];
        f.Prox(step, 1.0, step);
        double worst = 0;
        for (int i = 0; i < x.Length; i++) worst = Math.Max(worst, Math.Abs(x[i] - step[i]));
        return worst;
    }
}

/// <summary>One solve: coefficients (row-major p×m), intercepts (m or empty), objective and gap at that point.</summary>
internal sealed record FitOutcome(double[] Coefficients, double[] Intercepts, double Objective, double? Gap, SolverKind Solver, SolverResult Result)
{
    /// <summary>The prox-gradient residual at the point where <see cref="Gap"/> is null; see <see cref="FitReport.Stationarity"/>.</summary>
    public double? Stationarity { get; init; }
}
