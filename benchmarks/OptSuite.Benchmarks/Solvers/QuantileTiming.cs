using System.Diagnostics;
using System.Globalization;
using OptSuite.Data;
using OptSuite.LinearAlgebra;
using OptSuite.Models;

namespace OptSuite.Benchmarks.Solvers;

/// <summary>
/// Wall time of QuantileRegressor fits (interior-point method), best of <c>--repeat</c> after one untimed warm-up fit
/// (JIT), for the side-by-side with scikit-learn's QuantileRegressor (benchmarks/quantile/run.sh, table in benchmarks/results/quantile.md).
/// Usage: quantile [--repeat R] [--dense] FILE TAU LAMBDA [FILE TAU LAMBDA ...]; prints one CSV line per problem:
/// data,n,p,tau,lambda,seconds,objective,gap,iterations,stop,nnz.
/// </summary>
internal static class QuantileTiming
{
    public static void Run(string[] args)
    {
        int repeat = 3;
        bool dense = false;
        var rest = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--repeat") repeat = int.Parse(args[++i], CultureInfo.InvariantCulture);
            else if (args[i] == "--dense") dense = true;
            else rest.Add(args[i]);
        }
        Console.WriteLine($"# backend {LinearAlgebraBackends.Default.Kind}, {LinearAlgebraSettings.MaxThreads} thread(s), {(dense ? "dense" : "CSR")} X");
        Console.WriteLine("data,n,p,tau,lambda,seconds,objective,gap,iterations,stop,nnz");
        for (int k = 0; k + 2 < rest.Count; k += 3)
        {
            var d = SvmlightReader.Read(rest[k]);
            double tau = double.Parse(rest[k + 1], CultureInfo.InvariantCulture), lambda = double.Parse(rest[k + 2], CultureInfo.InvariantCulture);
            FeatureMatrix x = dense ? d.Features.ToDense() : d.Features;
            QuantileRegressor Fit() => new QuantileRegressor { Quantile = tau, Lambda = lambda, Tolerance = 1e-8 }.Fit(x, d.Labels);
            var model = Fit();
            double best = double.PositiveInfinity;
            for (int r = 0; r < repeat; r++)
            {
                var clock = Stopwatch.StartNew();
                model = Fit();
                best = Math.Min(best, clock.Elapsed.TotalSeconds);
            }
            var rep = model.Report!;
            Console.WriteLine(string.Join(",", Path.GetFileName(rest[k]), d.Rows, d.Columns, tau.ToString("R", CultureInfo.InvariantCulture),
                lambda.ToString("R", CultureInfo.InvariantCulture), best.ToString("G4", CultureInfo.InvariantCulture),
                rep.Objective.ToString("R", CultureInfo.InvariantCulture), (rep.DualityGap ?? double.NaN).ToString("G3", CultureInfo.InvariantCulture),
                rep.Iterations, rep.StopReason, model.NonZeroCoefficients));
        }
    }
}
