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
/// Wall-clock mode for benchmarks/cd/gram_paths.py: coordinate descent with <see cref="GramMode.Never"/>,
/// <see cref="GramMode.Auto"/> and <see cref="GramMode.Always"/> on one lasso or L1-logistic problem — the full path
/// (glmnet's grid: 100 λ from λ_max down to ratio·λ_max, warm starts, strong rules) and single fits at λ_max/100 and at
/// the smallest λ of the grid — a first (cold, JIT-compiling) run, then the best of --repeat runs, with objectives, so
/// the engines can be checked to agree.
/// Usage: cd-gram --data FILE --problem lasso|enet|logreg_l1 [--l1-ratio 0.5] [--no-intercept] [--count 100]
/// [--ratio 1e-4] [--tol 1e-7] [--repeat 3] [--modes never,auto,always] [--no-single] [--order cyclic|random|greedy]
/// [--inner 0.1] [--extrapolation 5] [--no-cycling] (the path solver's <see cref="CoordinateDescentOptions.InnerTolerance"/>,
/// <see cref="CoordinateDescentOptions.Extrapolation"/> and <see cref="CoordinateDescentOptions.ActiveSetCycling"/>).
/// Prints one JSON object (the grid
/// included, for the peers' side; benchmarks/cd/paths.py uses --modes auto --no-single for the path race).
/// </summary>
internal static class GramModeTiming
{
    private static GramMode[] Modes = [GramMode.Never, GramMode.Auto, GramMode.Always];
    private static double L1Ratio = 1;
    private static bool Single = true;
    private static CoordinateOrder Order = CoordinateOrder.Cyclic;
    private static double Inner = new CoordinateDescentOptions().InnerTolerance;
    private static int Extrapolation = new CoordinateDescentOptions().Extrapolation;
    private static bool Cycling = true;

    public static void Run(string[] args)
    {
        string Arg(string name, string fallback)
        {
            int k = Array.IndexOf(args, name);
            return k >= 0 && k + 1 < args.Length ? args[k + 1] : fallback;
        }
        string data = Arg("--data", "");
        string problem = Arg("--problem", "lasso");
        bool intercept = !args.Contains("--no-intercept");
        int count = int.Parse(Arg("--count", "100"), CultureInfo.InvariantCulture);
        double ratio = double.Parse(Arg("--ratio", "1e-4"), CultureInfo.InvariantCulture);
        double tol = double.Parse(Arg("--tol", "1e-7"), CultureInfo.InvariantCulture);
        int repeat = int.Parse(Arg("--repeat", "3"), CultureInfo.InvariantCulture);
        Modes = Arg("--modes", "never,auto,always").Split(',').Select(m => Enum.Parse<GramMode>(m, ignoreCase: true)).ToArray();
        L1Ratio = problem == "enet" ? double.Parse(Arg("--l1-ratio", "0.5"), CultureInfo.InvariantCulture) : 1;
        Single = !args.Contains("--no-single");
        Order = Enum.Parse<CoordinateOrder>(Arg("--order", "cyclic"), ignoreCase: true);
        Extrapolation = int.Parse(Arg("--extrapolation", Extrapolation.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        Cycling = !args.Contains("--no-cycling");
        Inner = double.Parse(Arg("--inner", Inner.ToString("R", CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

        var ds = SvmlightReader.Read(data);
        double[] y = ds.Labels.ToArray();
        var result = new Dictionary<string, object>
        {
            ["data"] = Path.GetFileName(data), ["problem"] = problem, ["n"] = ds.Features.Rows, ["p"] = ds.Features.Columns,
            ["intercept"] = intercept, ["tol"] = tol, ["order"] = Order.ToString(),
        };
        if (problem == "logreg_l1")
        {
            double top = y.Max();
            for (int i = 0; i < y.Length; i++) y[i] = y[i] == top ? 1 : -1;
            Measure(default(LogisticLoss), ds.Features, y, intercept, count, ratio, tol, repeat, result);
        }
        else Measure(default(SquaredLoss), ds.Features, y, intercept, count, ratio, tol, repeat, result);
        Console.WriteLine(JsonSerializer.Serialize(result));
    }

    private static void Measure<TLoss>(TLoss loss, ILinearMap x, double[] y, bool intercept, int count, double ratio, double tol,
        int repeat, Dictionary<string, object> result)
        where TLoss : struct, ILoss
    {
        var data = ColumnMajorSparse.From(x);
        double[]? grid = null;
        double[]? reference = null;
        foreach (var mode in Modes)
        {
            var options = new CoordinateDescentPathOptions
            {
                FitIntercept = intercept, Count = count, MinRatio = ratio, L1Ratio = L1Ratio,
                Solver = new CoordinateDescentOptions { Tolerance = tol, Gram = mode, Order = Order, InnerTolerance = Inner,
                    Extrapolation = Extrapolation, ActiveSetCycling = Cycling },
            };
            // The first run pays the JIT (cold); the best of the next `repeat` is the steady state a long-lived process sees.
            double best = double.PositiveInfinity, cold = 0;
            CoordinateDescentPathResult? path = null;
            for (int r = 0; r <= repeat; r++)
            {
                var clock = Stopwatch.StartNew();
                path = CoordinateDescentPath.Compute(data, y, loss, options);
                if (r == 0) cold = clock.Elapsed.TotalSeconds;
                else best = Math.Min(best, clock.Elapsed.TotalSeconds);
            }
            if (repeat == 0) best = cold;
            var points = path!.Points;
            grid ??= points.Select(pt => pt.Lambda).ToArray();
            double[] objectives = points.Select(pt => pt.Objective).ToArray();
            reference ??= objectives;
            double worst = 0;
            for (int k = 0; k < objectives.Length; k++)
                worst = Math.Max(worst, Math.Abs(objectives[k] - reference[k]) / Math.Abs(reference[k]));
            result[$"path_{mode}".ToLowerInvariant()] = new Dictionary<string, object>
            {
                ["seconds"] = best, ["cold_seconds"] = cold, ["points"] = points.Count, ["outer"] = points.Sum(pt => pt.Iterations),
                ["converged"] = points.Count(pt => pt.StopReason == StopReason.Converged),
                ["max_rel_objective_diff_vs_never"] = worst, ["last_objective"] = objectives[^1],
                ["objectives"] = objectives, ["nnz"] = points.Select(pt => pt.NonZeros).ToArray(),
            };
        }
        result["lambda_max"] = grid![0];
        result["grid"] = grid;

        if (!Single) return;
        foreach (var (name, lambda) in new[] { ("lammax/100", grid[0] / 100), ("smallest", grid[^1]) })
        {
            var f = new LinearObjective<TLoss, L1Norm>(data, y, loss, new L1Norm(lambda * L1Ratio), lambda * (1 - L1Ratio), intercept);
            var single = new Dictionary<string, object> { ["lam"] = lambda };
            foreach (var mode in Modes)
            {
                var o = new CoordinateDescentOptions { Tolerance = tol, MaxIterations = 100_000, Gram = mode, Order = Order };
                double best = double.PositiveInfinity;
                CoordinateDescentState<TLoss, L1Norm>? state = null;
                SolverResult? res = null;
                for (int r = 0; r < repeat; r++)
                {
                    var clock = Stopwatch.StartNew();
                    state = new CoordinateDescentState<TLoss, L1Norm>(f, default, o);
                    var outcome = SolverLoop.Run(state, o);
                    best = Math.Min(best, clock.Elapsed.TotalSeconds);
                    res = state.ToResult(outcome);
                }
                single[mode.ToString().ToLowerInvariant()] = new Dictionary<string, object>
                {
                    ["seconds"] = best, ["objective"] = res!.Objective, ["relative_gap"] = res.Criterion, ["stop"] = res.StopReason.ToString(),
                    ["outer"] = res.Iterations, ["updates"] = res.Counts.Proxes, ["inner_sweeps"] = state!.InnerSweeps,
                    ["gram_solves"] = state.GramSolves, ["working_set"] = state.WorkingSetSize,
                };
            }
            result[$"single_{name}"] = single;
        }
    }
}
