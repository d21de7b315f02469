using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using OptSuite.Data;
using OptSuite.Objectives;
using OptSuite.Objectives.Losses;
using OptSuite.Prox.Regularizers;
using OptSuite.Solvers;

namespace OptSuite.Benchmarks.Solvers;

/// <summary>
/// Wall-clock mode for benchmarks/cd/compare.py: the time coordinate descent needs to reach given objective values (the
/// peers' results) on one lasso / elastic-net / L1-logistic problem, best of several runs, plus full solves to a 1e-10
/// relative gap with and without working sets and screening (outer iterations, data passes, seconds).
/// Usage: cd-compare --data FILE --problem lasso|enet|logreg_l1 --lam λ [--l1-ratio α] [--targets F1,F2,...] [--repeat 3]
/// [--gram auto|always|never] (<see cref="CoordinateDescentOptions.Gram"/> of every run; default auto) [--warm 5]
/// (untimed solves before the timed ones, so JIT compilation is not timed)
/// Prints one JSON object.
/// </summary>
internal static class CoordinateDescentComparison
{
    private static GramMode s_gram = GramMode.Auto;
    private static int s_warm = 5;

    public static void Run(string[] args)
    {
        string Arg(string name, string? fallback = null)
        {
            int k = Array.IndexOf(args, name);
            return k >= 0 && k + 1 < args.Length ? args[k + 1] : fallback ?? throw new ArgumentException($"missing {name}");
        }
        string data = Arg("--data");
        string problem = Arg("--problem");
        double lambda = double.Parse(Arg("--lam"), CultureInfo.InvariantCulture);
        double alpha = problem == "enet" ? double.Parse(Arg("--l1-ratio", "0.5"), CultureInfo.InvariantCulture) : 1.0;
        double[] targets = Arg("--targets", "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        int repeat = int.Parse(Arg("--repeat", "3"), CultureInfo.InvariantCulture);
        s_gram = Enum.Parse<GramMode>(Arg("--gram", "auto"), ignoreCase: true);
        s_warm = int.Parse(Arg("--warm", "5"), CultureInfo.InvariantCulture);

        var ds = SvmlightReader.Read(data);
        double[] y = ds.Labels.ToArray();
        var result = new Dictionary<string, object> { ["data"] = Path.GetFileName(data), ["problem"] = problem, ["lam"] = lambda };
        if (problem == "logreg_l1")
        {
            double top = y.Max();
            for (int i = 0; i < y.Length; i++) y[i] = y[i] == top ? 1 : -1;
            Measure(Objective.LogisticRegression(ds.Features, y, lambda, 1.0), targets, repeat, result);
        }
        else
        {
            Measure(Objective.ElasticNet(ds.Features, y, lambda, alpha), targets, repeat, result);
        }
        Console.WriteLine(JsonSerializer.Serialize(result));
    }

    private static void Measure<TLoss>(LinearObjective<TLoss, L1Norm> f, double[] targets, int repeat, Dictionary<string, object> result)
        where TLoss : struct, ILoss
    {
        // Time to reach each target: the observer (whose time the solver clock excludes) evaluates F after each outer
        // iteration; the setup (column copy of the data) is timed too, as the peers' fit calls include theirs.
        var best = Enumerable.Repeat(double.PositiveInfinity, targets.Length).ToArray();
        // Untimed runs first, so the JIT's tiers are done (the steady state of a long-lived process; the peers' compiled
        // code has none).
        for (int r = 0; r < s_warm; r++)
        {
            var warm = new CoordinateDescentOptions { Tolerance = 1e-10, MaxIterations = 10_000, Gram = s_gram };
            var w = new CoordinateDescentState<TLoss, L1Norm>(f, default, warm);
            SolverLoop.Run(w, warm);
        }
        for (int r = 0; r < repeat && targets.Length > 0; r++)
        {
            var reached = Enumerable.Repeat(double.PositiveInfinity, targets.Length).ToArray();
            var clock = Stopwatch.StartNew();
            var o = new CoordinateDescentOptions { Tolerance = 1e-14, MaxIterations = 10_000, Gram = s_gram };
            CoordinateDescentState<TLoss, L1Norm>? state = null;
            double setup = 0;
            o = o with
            {
                Observer = report =>
                {
                    clock.Stop();
                    double value = state!.Objective();
                    bool open = false;
                    for (int k = 0; k < targets.Length; k++)
                    {
                        // "The same objective": equal to 12 significant digits, or lower.
                        if (double.IsPositiveInfinity(reached[k]) && value <= targets[k] + 1e-12 * Math.Abs(targets[k]))
                            reached[k] = setup + report.Seconds;
                        open |= double.IsPositiveInfinity(reached[k]);
                    }
                    clock.Start();
                    return open;
                },
            };
            state = new CoordinateDescentState<TLoss, L1Norm>(f, default, o);
            setup = clock.Elapsed.TotalSeconds;
            var outcome = SolverLoop.Run(state, o);
            // The loop does not show the observer the iteration at which it converges: check the final point here.
            double final = state.Objective();
            for (int k = 0; k < targets.Length; k++)
                if (double.IsPositiveInfinity(reached[k]) && final <= targets[k] + 1e-12 * Math.Abs(targets[k]))
                    reached[k] = setup + outcome.Elapsed.TotalSeconds;
            for (int k = 0; k < targets.Length; k++) best[k] = Math.Min(best[k], reached[k]);
        }
        result["seconds_to_targets"] = best.Select(b => double.IsFinite(b) ? (object)b : null).ToArray();   // null: not reached

        foreach (var (name, options) in new[]
        {
            ("ws+screening", new CoordinateDescentOptions()),
            ("ws", new CoordinateDescentOptions { Screening = false }),
            ("screening", new CoordinateDescentOptions { WorkingSet = false }),
            ("plain", new CoordinateDescentOptions { Screening = false, WorkingSet = false }),
        })
        {
            var o = options with { Tolerance = 1e-10, MaxIterations = 10_000, Gram = s_gram };
            double seconds = double.PositiveInfinity;
            CoordinateDescentState<TLoss, L1Norm>? last = null;
            SolverResult? res = null;
            for (int r = 0; r < repeat; r++)
            {
                var clock = Stopwatch.StartNew();
                var state = new CoordinateDescentState<TLoss, L1Norm>(f, default, o);
                var outcome = SolverLoop.Run(state, o);
                seconds = Math.Min(seconds, clock.Elapsed.TotalSeconds);
                res = state.ToResult(outcome);
                last = state;
            }
            result[name] = new Dictionary<string, object>
            {
                ["seconds"] = seconds, ["objective"] = res!.Objective, ["stop"] = res.StopReason.ToString(), ["outer"] = res.Iterations,
                ["data_passes"] = Math.Round(last!.DataPasses, 1), ["inner_sweeps"] = last.InnerSweeps, ["screened"] = last.ScreenedFeatures,
                ["working_set"] = last.WorkingSetSize, ["relative_gap"] = res.Criterion, ["gram_solves"] = last.GramSolves,
            };
        }
    }
}
