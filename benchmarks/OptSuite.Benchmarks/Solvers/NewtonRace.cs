using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using OptSuite.Data;
using OptSuite.LinearAlgebra;
using OptSuite.Objectives;
using OptSuite.Objectives.Losses;
using OptSuite.Prox.Regularizers;
using OptSuite.Solvers;

namespace OptSuite.Benchmarks.Solvers;

/// <summary>
/// Wall and CPU time of <see cref="TrustRegionNewton"/> to reach a given objective, for the side-by-side with LIBLINEAR's
/// primal trust-region Newton -s 0 / -s 2 (benchmarks/newton/compare_liblinear.py drives it):
/// <c>dotnet OptSuite.Benchmarks.dll newton --problem logreg_l2 --data FILE --target F [--repeat N] [--threads T]</c>.
/// </summary>
/// <remarks>
/// λ = 1/n (LIBLINEAR C = 1), no intercept, labels as in ../shared/peers (larger label +1). A first traced run (objective
/// outside the clock after every Newton step) finds the first step k whose objective is ≤ target; the solve is then
/// repeated with exactly k steps (Tolerance 0: the solver's own per-step convergence check stays in, as a user pays it),
/// timing the state's construction (first value, gradient and preconditioner, as LIBLINEAR's train()) and the run.
/// Newton is deterministic, so the timed runs end at the traced point. Also reports the Newton steps and Hessian–vector
/// products (CG steps) to the target and the time to the solver's own stop at relative duality gap <c>--tol</c>.
/// One JSON line.
/// </remarks>
internal static class NewtonRace
{
    public static void Run(string[] args)
    {
        double weight = new TrustRegionNewtonOptions().PreconditionerWeight;
        int maxSteps = 1000;
        bool profile = false;
        var race = RaceSetup.Read(args, 3, (name, next) =>
        {
            switch (name)
            {
                case "--max-steps": maxSteps = RaceSetup.Whole(next()); return true;
                case "--profile": profile = true; return true;
                case "--preconditioner-weight": weight = RaceSetup.Number(next()); return true;
                default: return false;
            }
        });
        string problem = race.Problem, data = race.Data;
        double target = race.Target, tol = race.Tolerance, lambda = race.Lambda;
        int repeat = race.Repeat, threads = race.Threads;
        LinearAlgebraSettings.MaxThreads = threads;
        var ds = race.Set;
        CsrMatrix x = ds.Features;
        Func<TrustRegionNewtonOptions, (SolverResult Result, long HessianProducts)> solve = problem switch
        {
            "logreg_l2" => Binary<LogisticLoss>(x, ds.Labels, lambda),
            "svm_sqhinge_l2" => Binary<SquaredHingeLoss>(x, ds.Labels, lambda),
            _ => throw new ArgumentException($"Unknown problem {problem} (logreg_l2 or svm_sqhinge_l2).", nameof(args)),
        };

        if (profile)
        {
            Profile(x, ds.Labels, lambda, problem, solve);
            return;
        }
        var result = race.Fields("optsuite_newton");
        result["backend"] = x.Backend.Kind.ToString();
        if (!double.IsNaN(target))
        {
            var traced = solve(new TrustRegionNewtonOptions { Tolerance = 0, MaxIterations = maxSteps, TraceEvery = 1, PreconditionerWeight = weight }).Result;
            int steps = -1;
            foreach (var t in traced.Trace)
                if (t.Objective <= target) { steps = t.Iteration; break; }
            result["target"] = target;
            result["traced_objectives"] = traced.Trace.Take(steps >= 0 ? steps + 1 : traced.Trace.Count).Select(t => t.Objective).ToArray();
            result["steps_to_target"] = steps;
            if (steps >= 0)
            {
                var fixedRun = new TrustRegionNewtonOptions { Tolerance = 0, MaxIterations = steps, PreconditionerWeight = weight };
                var (best, all, bestCpu, last) = DualCoordinateRace.Time(() => solve(fixedRun), repeat);
                result["seconds_to_target"] = best;
                result["seconds_to_target_all"] = all;
                result["cpu_seconds_to_target"] = bestCpu;
                result["objective_at_target"] = last.Result.Objective;
                result["hessian_products_to_target"] = last.HessianProducts;
            }
            else result["best_objective_seen"] = traced.Trace.Min(t => t.Objective);
        }
        var own = new TrustRegionNewtonOptions { Tolerance = tol, MaxIterations = maxSteps, PreconditionerWeight = weight };
        var (ownBest, ownAll, ownCpu, ownLast) = DualCoordinateRace.Time(() => solve(own), repeat);
        result["tol"] = tol;
        result["own_stop_seconds"] = ownBest;
        result["own_stop_seconds_all"] = ownAll;
        result["own_stop_cpu_seconds"] = ownCpu;
        result["own_stop_objective"] = ownLast.Result.Objective;
        result["own_stop_relative_gap"] = ownLast.Result.DualityGap / ownLast.Result.Objective;
        result["own_stop_steps"] = ownLast.Result.Iterations;
        result["own_stop_hessian_products"] = ownLast.HessianProducts;
        result["own_stop_reason"] = ownLast.Result.StopReason.ToString();
        Console.WriteLine(JsonSerializer.Serialize(result));
    }

    /// <summary>The solve as <see cref="TrustRegionNewton.Minimize{TLoss}"/> runs it, through its state so that the
    /// Hessian–vector products can be read.</summary>
    private static Func<TrustRegionNewtonOptions, (SolverResult, long)> Binary<TLoss>(CsrMatrix x, double[] labels, double lambda)
        where TLoss : struct, ILoss
    {
        double top = labels.Max();
        double[] y = labels.Select(v => v == top ? 1.0 : -1.0).ToArray();
        var f = new LinearObjective<TLoss, ZeroRegularizer>(x, y, default, default, lambda);
        return o =>
        {
            var state = new TrustRegionNewtonState<TLoss>(f, default, o);
            return (state.ToResult(SolverLoop.Run(state, o)), state.HessianProducts);
        };
    }

    /// <summary>Milliseconds per call (best of 20) of the pieces of a Newton step at the solver's solution to 1e-3:
    /// where the time goes. One JSON line.</summary>
    private static void Profile(CsrMatrix x, double[] labels, double lambda, string problem,
        Func<TrustRegionNewtonOptions, (SolverResult Result, long HessianProducts)> solve)
    {
        double[] w = solve(new TrustRegionNewtonOptions { Tolerance = 1e-3 }).Result.Solution;
        int n = x.Rows, p = x.Columns;
        double top = labels.Max();
        double[] y = labels.Select(v => v == top ? 1.0 : -1.0).ToArray();
        double[] z = new double[n], u = new double[n], d = new double[n], g = new double[p], v = new double[p];
        var rng = new Random(1);
        for (int j = 0; j < p; j++) v[j] = rng.NextDouble() - 0.5;
        x.Apply(w, z);
        for (int i = 0; i < n; i++) d[i] = problem == "logreg_l2" ? new LogisticLoss().SecondDerivative(y[i], z[i]) : new SquaredHingeLoss().SecondDerivative(y[i], z[i]);
        var f = new LinearObjective<LogisticLoss, ZeroRegularizer>(x, y, default, default, lambda);
        var sq = new LinearObjective<SquaredHingeLoss, ZeroRegularizer>(x, y, default, default, lambda);
        static double Ms(Action a)
        {
            double best = double.PositiveInfinity;
            for (int r = 0; r < 20; r++)
            {
                var sw = Stopwatch.StartNew();
                a();
                best = Math.Min(best, sw.Elapsed.TotalMilliseconds);
            }
            return best;
        }
        var r = new Dictionary<string, double>
        {
            ["Xw"] = Ms(() => x.Apply(w, z)),
            ["Xt_u"] = Ms(() => x.ApplyTranspose(u, g)),
            ["hessian_product_XtDXv"] = Ms(() => FusedProducts.WeightedGram(x, d, v, 0, u, g)),
            ["loss_values"] = Ms(() => { double s = 0; for (int i = 0; i < n; i++) s += problem == "logreg_l2" ? new LogisticLoss().Value(y[i], z[i]) : new SquaredHingeLoss().Value(y[i], z[i]); u[0] = s; }),
            ["loss_first_second_derivatives"] = Ms(() =>
            {
                for (int i = 0; i < n; i++)
                {
                    u[i] = problem == "logreg_l2" ? new LogisticLoss().Derivative(y[i], z[i]) : new SquaredHingeLoss().Derivative(y[i], z[i]);
                    d[i] = problem == "logreg_l2" ? new LogisticLoss().SecondDerivative(y[i], z[i]) : new SquaredHingeLoss().SecondDerivative(y[i], z[i]);
                }
            }),
            ["objective_duality_gap"] = Ms(() => { if (problem == "logreg_l2") f.DualityGap(w, z, g); else sq.DualityGap(w, z, g); }),
            ["vector_op_p"] = Ms(() => { for (int j = 0; j < p; j++) g[j] += 0.5 * v[j]; }),
        };
        Console.WriteLine(JsonSerializer.Serialize(r));
    }
}
