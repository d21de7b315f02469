using BenchmarkDotNet.Running;
using OptSuite.Benchmarks.Data;

namespace OptSuite.Benchmarks;

internal static class Program
{
    private static void Main(string[] args)
    {
        // A plain wall-clock mode for side-by-side comparisons with other tools' loaders (see SvmlightThroughput).
        if (args.Length > 0 && args[0] == "svmlight-throughput")
        {
            SvmlightThroughput.Run(args[1..]);
            return;
        }
        if (args.Length > 0 && args[0] == "block-coordinate")
        {
            Solvers.BlockCoordinateTiming.Run(args[1..]);
            return;
        }
        if (args.Length > 0 && args[0] == "cd-gram")
        {
            Solvers.GramModeTiming.Run(args[1..]);
            return;
        }
        if (args.Length > 0 && args[0] == "cd-compare")
        {
            Solvers.CoordinateDescentComparison.Run(args[1..]);
            return;
        }
        // Wall time of quantile-regression fits, for the side-by-side with scikit-learn (benchmarks/quantile).
        if (args.Length > 0 && args[0] == "quantile")
        {
            Solvers.QuantileTiming.Run(args[1..]);
            return;
        }
        // Wall time to a target objective, for the side-by-side with LIBLINEAR (benchmarks/dual-coordinate).
        if (args.Length > 0 && args[0] == "dual-coordinate")
        {
            Solvers.DualCoordinateRace.Run(args[1..]);
            return;
        }
        // Wall and CPU time of trust-region Newton to a target objective, against LIBLINEAR -s 0 / -s 2 (benchmarks/newton).
        if (args.Length > 0 && args[0] == "newton")
        {
            Solvers.NewtonRace.Run(args[1..]);
            return;
        }
        // Synthetic sparse classification data written straight into shards (benchmarks/results/out-of-core.md).
        if (args.Length > 0 && args[0] == "generate-shards")
        {
            OutOfCore.SyntheticShards.Run(args[1..]);
            return;
        }
        // One fit out of core (or in memory) with passes, time per pass, GB/s and peak RSS.
        if (args.Length > 0 && args[0] == "out-of-core")
        {
            OutOfCore.OutOfCoreTiming.Run(args[1..]);
            return;
        }
        // One distributed fit on every rank of mpiexec.hydra (benchmarks/results/distributed.md).
        if (args.Length > 0 && args[0] == "distributed")
        {
            Distributed.DistributedTiming.Run(args[1..]);
            return;
        }
        // OptSuite's logistic regression against ML.NET's SDCA and L-BFGS in ML.NET pipelines (benchmarks/results/mlnet.md).
        if (args.Length > 0 && args[0] == "mlnet")
        {
            MLNet.MLNetComparison.Run(args[1..]);
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
