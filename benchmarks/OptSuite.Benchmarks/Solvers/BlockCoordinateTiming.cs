using System.Diagnostics;
using System.Globalization;
using OptSuite.Data;
using OptSuite.LinearAlgebra;
using OptSuite.Objectives;
using OptSuite.Objectives.Losses;
using OptSuite.Prox;
using OptSuite.Prox.Regularizers;
using OptSuite.Solvers;

namespace OptSuite.Benchmarks.Solvers;

/// <summary>
/// Wall-clock block coordinate descent vs proximal gradient (and vs the sequential dual method for Crammer–Singer) on
/// real data, for benchmarks/results/block-coordinate.md:
/// <c>dotnet run -c Release -- block-coordinate [--repeat N] [--tol T] [--usps PATH] [--only group|multitask|cs]</c>. Each solve runs once to warm
/// up, then N times; the best wall time is printed with the epochs/iterations, objective, relative gap and the load.
/// </summary>
internal static class BlockCoordinateTiming
{
    public static void Run(string[] args)
    {
        int repeat = 3;
        double tol = 1e-10;
        string? usps = null, only = null;
        for (int a = 0; a < args.Length; a++)
        {
            if (args[a] == "--repeat") repeat = int.Parse(args[++a], CultureInfo.InvariantCulture);
            else if (args[a] == "--tol") tol = double.Parse(args[++a], CultureInfo.InvariantCulture);
            else if (args[a] == "--usps") usps = args[++a];
            else if (args[a] == "--only") only = args[++a];
        }
        string root = DatasetLocator.RepositoryRoot() ?? throw new InvalidOperationException("Run from a checkout.");
        var dna = SvmlightReader.Read(Path.Combine(root, "datasets", "multiclass", "dna.scale"));
        int[] dnaClasses = dna.Labels.ToArray().Select(v => (int)v - 1).ToArray();
        var bcd = new BlockCoordinateDescentOptions { Tolerance = tol, MaxIterations = 1_000_000 };
        var pg = new ProximalGradientOptions { Tolerance = tol, MaxIterations = 1_000_000 };
        var dcd = new DualCoordinateDescentOptions { Tolerance = tol, MaxIterations = 1_000_000 };
        Console.WriteLine($"# load average at start: {File.ReadAllText("/proc/loadavg").Trim()}; tolerance {tol:G3} (relative duality gap); best of {repeat}");

        bool Want(string part) => only is null || only == part;
        var binary = dnaClasses.Select(c => c == 2 ? 1.0 : -1.0).ToArray();
        var groups = BlockPartition.Uniform(60, 3);
        var gl = Objective.GroupLasso(dna.Features, binary, groups, GroupLambda(root));
        if (Want("group"))
        {
            Time("group lasso dna λmax/10", "bcd", repeat, () => BlockCoordinateDescent.Minimize(gl, default, bcd), gl);
            Time("group lasso dna λmax/10", "fista", repeat, () => ProximalGradient.Minimize(gl, default, pg), gl);
            var glog = new LinearObjective<LogisticLoss, GroupLasso>(dna.Features, binary, default, new GroupLasso(groups, 0.01), 0, true);
            Time("group logistic dna λ=0.01 +b", "bcd", repeat, () => BlockCoordinateDescent.Minimize(glog, default, bcd), glog);
            Time("group logistic dna λ=0.01 +b", "fista", repeat, () => ProximalGradient.Minimize(glog, default, pg), glog);
        }

        foreach (var (name, x, classes, k) in Sets(dna.Features, dnaClasses, usps))
        {
            var y = new double[classes.Length * k];
            for (int i = 0; i < classes.Length; i++) y[i * k + classes[i]] = 1;
            double alpha = AlphaMax(x, y, k) / 20;
            var mt = Objective.MultiTaskLasso(x, y, k, alpha, fitIntercept: true);
            if (Want("multitask"))
            {
                Time($"multi-task lasso {name} one-hot αmax/20 +b", "bcd", repeat, () => BlockCoordinateDescent.Minimize(mt, default, bcd), mt);
                Time($"multi-task lasso {name} one-hot αmax/20 +b", "fista", repeat, () => ProximalGradient.Minimize(mt, default, pg), mt);
            }
            if (!Want("cs")) continue;

            int n = classes.Length;
            double lambda = 1.0 / n;   // LIBLINEAR -s 4 -c 1
            var primal = Objective.CrammerSinger(x, classes, k, lambda);
            var dual = Objective.MulticlassLinearSvmDual(x, classes, k, n * lambda);
            // jaxopt's dual through BlockCoordinateDescent: the same sequential dual method, in β (sum-form l2reg = n·λ).
            Time($"Crammer–Singer {name} C=1", "jaxopt", repeat, () => BlockCoordinateDescent.Minimize(dual, default, bcd), dual);
            Time($"Crammer–Singer {name} C=1", "sdm", repeat, () => DualCoordinateDescent.Minimize(primal, dcd), null);
        }
    }

    /// <summary>λ_max/10 of the frozen group-lasso case without intercept (datasets/reference/group_lasso.json).</summary>
    private static double GroupLambda(string root)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "datasets", "reference", "group_lasso.json")));
        return doc.RootElement[0].GetProperty("lam").GetDouble();
    }

    private static IEnumerable<(string, ILinearMap, int[], int)> Sets(CsrMatrix dna, int[] dnaClasses, string? usps)
    {
        yield return ("dna", dna, dnaClasses, 3);
        if (usps is null) yield break;
        var ds = SvmlightReader.Read(usps);
        yield return ("usps", ds.Features, ds.Labels.ToArray().Select(v => (int)v).ToArray(), 10);
    }

    /// <summary>max_j ‖X_jᵀ(Y − Ȳ)‖₂ / n: the smallest α with W = 0 (intercepts fitted).</summary>
    private static double AlphaMax(ILinearMap x, double[] y, int k)
    {
        int n = x.Rows, p = x.Columns;
        var column = new double[n];
        var g = new double[p];
        var norms = new double[p];
        for (int c = 0; c < k; c++)
        {
            double mean = 0;
            for (int i = 0; i < n; i++) mean += y[i * k + c] / n;
            for (int i = 0; i < n; i++) column[i] = y[i * k + c] - mean;
            x.ApplyTranspose(column, g);
            for (int j = 0; j < p; j++) norms[j] += g[j] * g[j];
        }
        return Math.Sqrt(norms.Max()) / n;
    }

    private static void Time(string problem, string solver, int repeat, Func<SolverResult> solve, ICompositeFunction? f)
    {
        SolverResult r = solve();
        double best = double.PositiveInfinity, bestCpu = double.PositiveInfinity;
        var process = Process.GetCurrentProcess();
        for (int t = 0; t < repeat; t++)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            r = solve();
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
            process.Refresh();
            bestCpu = Math.Min(bestCpu, (process.TotalProcessorTime - cpu).TotalSeconds);
        }
        double value = f is null ? r.Objective : f.Value(r.Solution) + f.NonsmoothValue(r.Solution);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{problem,-42} {solver,-6} wall {best * 1000,9:F1} ms  cpu {bestCpu * 1000,9:F1} ms  {r.Iterations,6} it  F = {value,-22:R} rel.gap {r.Criterion:0.0e+0}  {r.StopReason}  load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
    }
}
