using System.Diagnostics;
using System.Globalization;
using OptSuite.Data;
using OptSuite.Data.Shards;
using OptSuite.LinearAlgebra;
using OptSuite.Objectives;
using OptSuite.Objectives.Losses;
using OptSuite.Prox.Regularizers;
using OptSuite.Solvers;

namespace OptSuite.Benchmarks.OutOfCore;

/// <summary>
/// One L2-regularised fit on a shard directory (out of core) or, with <c>--in-memory</c>, on the same data loaded as
/// CSR, reporting what benchmarks/results/out-of-core.md tabulates: passes over the data, seconds, seconds per pass,
/// GB/s per pass, peak RSS, the objective and the relative duality gap.
/// </summary>
/// <remarks>
/// <c>dotnet OptSuite.Benchmarks.dll out-of-core --data DIR --loss logistic|squared-hinge|hinge --solver lbfgs|newton|dual-cd
/// [--C 1] [--tolerance 1e-6] [--in-memory] [--svmlight FILE] [--time-gradient K]</c>; λ = 1/(nC) as LIBLINEAR's C, no intercept.
/// </remarks>
internal static class OutOfCoreTiming
{
    public static void Run(string[] args)
    {
        string? data = null, svmlight = null, loss = "logistic", solver = "lbfgs";
        double c = 1, tolerance = 1e-6;
        int maxIterations = 100_000, timeGradient = 0;
        bool inMemory = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--data": data = args[++i]; break;
                case "--svmlight": svmlight = args[++i]; break;
                case "--loss": loss = args[++i]; break;
                case "--solver": solver = args[++i]; break;
                case "--C": c = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--tolerance": tolerance = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--in-memory": inMemory = true; break;
                case "--max-iterations": maxIterations = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--time-gradient": timeGradient = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }
        var load = Stopwatch.StartNew();
        ILinearMap x;
        double[] y;
        ShardedMatrix? shards = null;
        long dataBytes;
        if (svmlight is not null)
        {
            var d = SvmlightReader.Read(svmlight);
            (x, y, dataBytes) = (d.Features, d.Labels, d.Features.NonZeroCount * 12L);
        }
        else
        {
            var d = ShardedDataset.Open(data ?? throw new ArgumentException("--data DIR or --svmlight FILE"));
            y = d.Labels;
            dataBytes = d.Manifest.Bytes;
            if (inMemory) x = ToCsr(d.Features);
            else x = shards = d.Features;
        }
        double loadSeconds = load.Elapsed.TotalSeconds;
        double lambda = 1 / (x.Rows * c);
        var clock = Stopwatch.StartNew();
        SolverResult r = loss switch
        {
            "logistic" => Solve<LogisticLoss>(x, y, lambda, solver!, tolerance, maxIterations),
            "squared-hinge" => Solve<SquaredHingeLoss>(x, y, lambda, solver!, tolerance, maxIterations),
            "hinge" => Solve<HingeLoss>(x, y, lambda, solver!, tolerance, maxIterations),
            _ => throw new ArgumentException($"unknown loss {loss}"),
        };
        double seconds = clock.Elapsed.TotalSeconds;
        double passes = shards is null ? double.NaN : (double)shards.BlocksRead / shards.BlockCount;
        // One value-and-gradient evaluation at the solution, the fastest of K: a single fused pass out of core, the two
        // sparse products in memory — the like-for-like time of one pass over the data.
        double gradientSeconds = double.NaN;
        if (timeGradient > 0)
        {
            var f = new LinearObjective<LogisticLoss, ZeroRegularizer>(x, y, default, default, lambda, false);
            var g = new double[x.Columns];
            for (int k = 0; k < timeGradient; k++)
            {
                var once = Stopwatch.StartNew();
                f.ValueAndGradient(r.Solution, g);
                gradientSeconds = Math.Min(once.Elapsed.TotalSeconds, double.IsNaN(gradientSeconds) ? double.MaxValue : gradientSeconds);
            }
        }
        Console.WriteLine(string.Join("\n",
            $"data: {data ?? svmlight} ({(shards is null ? "in memory" : "out of core")}), n {x.Rows}, p {x.Columns}, nnz {x.StoredCount}",
            $"problem: {loss}, C = {c} (λ = {lambda:G4}), {solver}, tolerance {tolerance:G3}",
            $"load_seconds: {loadSeconds:F2}",
            $"stop: {r.StopReason} after {r.Iterations} iterations",
            $"objective: {r.Objective:R}",
            $"relative_gap: {r.Criterion:G3}",
            $"seconds: {seconds:F2}",
            $"passes: {passes:F1}",
            $"seconds_per_pass: {seconds / passes:F3}",
            $"gradient_seconds: {gradientSeconds:F5}",
            $"gb_per_s: {(shards is null ? double.NaN : shards.BytesRead / seconds / 1e9):F2}",
            $"data_gb: {dataBytes / 1e9:F2}",
            $"peak_rss_mb: {PeakRssMb():F0}"));
    }

    private static SolverResult Solve<TLoss>(ILinearMap x, double[] y, double lambda, string solver, double tolerance, int maxIterations)
        where TLoss : struct, ILoss
    {
        var f = new LinearObjective<TLoss, ZeroRegularizer>(x, y, default, default, lambda, false);
        var shards = x as ShardedMatrix;
        Func<IterationReport, bool> progress = r =>
        {
            Console.Error.WriteLine($"iteration {r.Iteration}: {r.Seconds:F1} s, criterion {r.Criterion:G3}" +
                (shards is null ? "" : $", passes {(double)shards.BlocksRead / shards.BlockCount:F1}"));
            return true;
        };
        return solver switch
        {
            "lbfgs" => Lbfgs.Minimize(f.AsSmooth(), default, new LbfgsOptions { Tolerance = tolerance, MaxIterations = maxIterations, Observer = progress }),
            "newton" => TrustRegionNewton.Minimize(f, default, new TrustRegionNewtonOptions { Tolerance = tolerance, MaxIterations = maxIterations, Observer = progress }),
            "dual-cd" => DualCoordinateDescent.Minimize(f, new DualCoordinateDescentOptions { Tolerance = tolerance, MaxIterations = maxIterations, Observer = progress }),
            _ => throw new ArgumentException($"unknown solver {solver}"),
        };
    }

    private static CsrMatrix ToCsr(ShardedMatrix m)
    {
        var ptr = new List<int> { 0 };
        var idx = new List<int>();
        var val = new List<double>();
        foreach (var b in m.ReadBlocks())
        {
            var csr = (CsrMatrix)b.Rows;
            var p = csr.RowPointers;
            for (int i = 0; i < csr.Rows; i++) ptr.Add(idx.Count + p[i + 1]);
            idx.AddRange(csr.ColumnIndices.ToArray());
            val.AddRange(csr.Values.ToArray());
        }
        return new CsrMatrix(m.Rows, m.Columns, ptr.ToArray(), idx.ToArray(), val.ToArray());
    }

    private static double PeakRssMb()
    {
        foreach (string line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return double.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
        return double.NaN;
    }
}
