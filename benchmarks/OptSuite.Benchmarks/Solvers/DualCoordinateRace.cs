using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using OptSuite.Data;
using OptSuite.LinearAlgebra;
using OptSuite.Objectives;
using OptSuite.Objectives.Losses;
using OptSuite.Objectives.Multiclass;
using OptSuite.Prox.Regularizers;
using OptSuite.Solvers;

namespace OptSuite.Benchmarks.Solvers;

/// <summary>
/// Wall time of <see cref="DualCoordinateDescent"/> to reach a given objective, for the side-by-side with LIBLINEAR
/// (benchmarks/dual-coordinate/compare_liblinear.py drives it):
/// <c>dotnet run -c Release -- dual-coordinate --problem svm_hinge_l2 --data FILE --target F [--repeat N] [--seed S] [--threads K] [--no-own-stop]</c>
/// (<c>--threads</c>: <see cref="DualCoordinateDescentOptions.Threads"/>, blocks solved at the same time).
/// </summary>
/// <remarks>
/// λ = 1/n (LIBLINEAR C = 1), labels as in ../shared/peers (binary: larger label +1; classes sorted). A first traced run
/// (objective evaluated outside the clock after every epoch) finds the first epoch k whose primal objective is ≤ target;
/// then the solve is repeated with exactly k epochs and no gap checks, timing the whole Minimize call (set-up included, as
/// LIBLINEAR's train()). Same seed → same trajectory, so the timed runs end at the traced point. Also reports the time to
/// the solver's own stop at relative duality gap <c>--tol</c> (gap checks included) unless <c>--no-own-stop</c> (the race
/// harness's tables do not use it, and on usps it took three times the race itself). One JSON line.
/// </remarks>
internal static class DualCoordinateRace
{
    public static void Run(string[] args)
    {
        int seed = 0, maxEpochs = 100_000;
        bool ownStop = true;
        var race = RaceSetup.Read(args, 5, (name, next) =>
        {
            switch (name)
            {
                case "--seed": seed = RaceSetup.Whole(next()); return true;
                case "--max-epochs": maxEpochs = RaceSetup.Whole(next()); return true;
                case "--no-own-stop": ownStop = false; return true;
                default: return false;
            }
        });
        string problem = race.Problem;
        double target = race.Target, tol = race.Tolerance, lambda = race.Lambda;
        int repeat = race.Repeat, threads = race.Threads;
        var ds = race.Set;
        CsrMatrix x = ds.Features;
        Func<DualCoordinateDescentOptions, SolverResult> solve = problem switch
        {
            "svm_hinge_l2" => Binary<HingeLoss>(x, ds.Labels, lambda),
            "svm_sqhinge_l2" => Binary<SquaredHingeLoss>(x, ds.Labels, lambda),
            "logreg_l2" => Binary<LogisticLoss>(x, ds.Labels, lambda),
            "cs_svm" => CrammerSinger(x, ds.Labels, lambda),
            _ => throw new ArgumentException($"Unknown problem {problem}.", nameof(args)),
        };

        var result = race.Fields("optsuite_dcd");
        result["seed"] = seed;
        if (!double.IsNaN(target))
        {
            // Deterministic runs: trace m epochs, double m until the target is reached (or the cap).
            int epochs = -1;
            double reached = double.NaN, bestSeen = double.PositiveInfinity;
            for (int m = 16; epochs < 0; m *= 2)
            {
                var traced = solve(new DualCoordinateDescentOptions
                {
                    Tolerance = 0, MaxIterations = Math.Min(m, maxEpochs), TraceEvery = 1, GapCheckEvery = int.MaxValue, Seed = seed, Threads = threads,
                });
                foreach (var t in traced.Trace)
                {
                    bestSeen = Math.Min(bestSeen, t.Objective);
                    if (t.Objective <= target) { epochs = t.Iteration; reached = t.Objective; break; }
                }
                if (m >= maxEpochs) break;
            }
            result["target"] = target;
            result["epochs_to_target"] = epochs;
            if (epochs >= 0)
            {
                var fixedRun = new DualCoordinateDescentOptions { Tolerance = 0, MaxIterations = epochs, GapCheckEvery = int.MaxValue, Seed = seed, Threads = threads };
                var (best, all, bestCpu, last) = Time(() => solve(fixedRun), repeat);
                result["cpu_seconds_to_target"] = bestCpu;
                result["objective_at_target"] = last.Objective;
                result["traced_objective"] = reached;
                result["seconds_to_target"] = best;
                result["seconds_to_target_all"] = all;
            }
            else result["best_objective_seen"] = bestSeen;
        }
        if (!ownStop)
        {
            Console.WriteLine(JsonSerializer.Serialize(result));
            return;
        }
        var own = new DualCoordinateDescentOptions { Tolerance = tol, MaxIterations = maxEpochs, Seed = seed, Threads = threads };
        var (ownBest, ownAll, ownCpu, ownLast) = Time(() => solve(own), repeat);
        result["own_stop_cpu_seconds"] = ownCpu;
        result["tol"] = tol;
        result["own_stop_seconds"] = ownBest;
        result["own_stop_seconds_all"] = ownAll;
        result["own_stop_objective"] = ownLast.Objective;
        result["own_stop_relative_gap"] = ownLast.DualityGap / ownLast.Objective;
        result["own_stop_epochs"] = ownLast.Iterations;
        result["own_stop_reason"] = ownLast.StopReason.ToString();
        Console.WriteLine(JsonSerializer.Serialize(result));
    }

    /// <summary>Best wall and best process-CPU seconds of <paramref name="repeat"/> runs after a warm-up (JIT tiers).</summary>
    /// <remarks>CPU time is the steadier figure on a shared machine: a descheduled solver loses wall time, not CPU time.
    /// Shared with <see cref="NewtonRace"/>.</remarks>
    internal static (double Best, double[] All, double BestCpu, T Last) Time<T>(Func<T> run, int repeat)
    {
        T last = run();
        var all = new double[repeat];
        double bestCpu = double.PositiveInfinity;
        for (int r = 0; r < repeat; r++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            TimeSpan cpu0 = Environment.CpuUsage.TotalTime;
            var sw = Stopwatch.StartNew();
            last = run();
            all[r] = sw.Elapsed.TotalSeconds;
            bestCpu = Math.Min(bestCpu, (Environment.CpuUsage.TotalTime - cpu0).TotalSeconds);
        }
        return (all.Min(), all, bestCpu, last);
    }

    private static Func<DualCoordinateDescentOptions, SolverResult> Binary<TLoss>(CsrMatrix x, double[] labels, double lambda)
        where TLoss : struct, ILoss
    {
        double top = labels.Max();
        double[] y = labels.Select(v => v == top ? 1.0 : -1.0).ToArray();
        var f = new LinearObjective<TLoss, ZeroRegularizer>(x, y, default, default, lambda);
        return o => DualCoordinateDescent.Minimize(f, o);
    }

    private static Func<DualCoordinateDescentOptions, SolverResult> CrammerSinger(CsrMatrix x, double[] labels, double lambda)
    {
        double[] classes = labels.Distinct().Order().ToArray();
        int[] y = labels.Select(v => Array.BinarySearch(classes, v)).ToArray();
        var f = new MulticlassLinearObjective<CrammerSingerHingeLoss, ZeroRegularizer>(x, y, classes.Length, default, default, lambda);
        return o => DualCoordinateDescent.Minimize(f, o);
    }
}
