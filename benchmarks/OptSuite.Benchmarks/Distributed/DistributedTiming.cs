using System.Diagnostics;
using System.Globalization;
using OptSuite.Data;
using OptSuite.LinearAlgebra;
using OptSuite.LinearAlgebra.Distributed;
using OptSuite.Objectives;
using OptSuite.Objectives.Losses;
using OptSuite.Prox.Regularizers;
using OptSuite.Solvers;

namespace OptSuite.Benchmarks.Distributed;

/// <summary>
/// One distributed fit, run as every rank of <c>mpiexec.hydra -n K -genv UCX_ERROR_SIGNALS "" dotnet
/// OptSuite.Benchmarks.dll distributed --data FILE --problem NAME [--C 1] [--tolerance 1e-6]</c>: each rank reads the
/// svmlight file, keeps a consecutive, equal share of the rows, and solves on <see cref="DistributedRows"/> over
/// MPICH. Rank 0 prints what benchmarks/results/distributed.md tabulates: iterations, all-reduces and the doubles they
/// carried, seconds, and the seconds spent inside all-reduces (the largest over the ranks) against the rest (compute).
/// </summary>
/// <remarks>Problems: l2-logistic-lbfgs, l2-logistic-newton, l1-logistic-owlqn (λ₁ = 1/(nC)), squared-hinge-cocoa,
/// logistic-cocoa, all without intercept, λ = 1/(nC).</remarks>
internal static class DistributedTiming
{
    public static void Run(string[] args)
    {
        string? data = null, problem = null;
        double c = 1, tolerance = 1e-6;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--data": data = args[++i]; break;
                case "--problem": problem = args[++i]; break;
                case "--C": c = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--tolerance": tolerance = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }
        if (data is null || problem is null) throw new ArgumentException("--data FILE and --problem NAME are required");
        using var world = new TimedCommunicator(MpiCommunicator.World);
        var d = SvmlightReader.Read(data);
        int n = d.Rows, k = world.Size, from = (int)((long)n * world.Rank / k), to = (int)((long)n * (world.Rank + 1) / k);
        var x = new DistributedRows(d.Features.SliceRows(from, to), world);
        double[] y = d.Labels[from..to];
        double lambda = 1 / (n * c);
        world.Reset();
        var clock = Stopwatch.StartNew();
        SolverResult r = problem switch
        {
            "l2-logistic-lbfgs" => Lbfgs.Minimize(new LinearObjective<LogisticLoss, ZeroRegularizer>(x, y, default, default, lambda).AsSmooth(), default,
                new LbfgsOptions { Tolerance = tolerance, MaxIterations = 100_000, Communicator = world }),
            "l2-logistic-newton" => TrustRegionNewton.Minimize(new LinearObjective<LogisticLoss, ZeroRegularizer>(x, y, default, default, lambda), default,
                new TrustRegionNewtonOptions { Tolerance = tolerance }),
            "l1-logistic-owlqn" => OwlQn.Minimize(new LinearObjective<LogisticLoss, L1Norm>(x, y, default, new L1Norm(lambda), 0).AsL1Composite(), default,
                new OwlQnOptions { Tolerance = tolerance, MaxIterations = 100_000, Communicator = world }),
            "squared-hinge-cocoa" => DualCoordinateDescent.Minimize(new LinearObjective<SquaredHingeLoss, ZeroRegularizer>(x, y, default, default, lambda),
                new DualCoordinateDescentOptions { Tolerance = tolerance, MaxIterations = 100_000 }),
            "logistic-cocoa" => DualCoordinateDescent.Minimize(new LinearObjective<LogisticLoss, ZeroRegularizer>(x, y, default, default, lambda),
                new DualCoordinateDescentOptions { Tolerance = tolerance, MaxIterations = 100_000 }),
            _ => throw new ArgumentException($"unknown problem {problem}"),
        };
        double seconds = clock.Elapsed.TotalSeconds;
        Span<double> worst = [world.ReduceSeconds, seconds];
        var (calls, doubles) = (world.Calls, world.Doubles);
        world.Inner.AllReduceMax(worst);
        if (world.Rank != 0) return;
        Console.WriteLine(string.Join("\n",
            $"data: {data}, n {n}, p {d.Columns}, K {k}",
            $"problem: {problem}, C = {c}, tolerance {tolerance:G3}",
            $"stop: {r.StopReason} after {r.Iterations} iterations",
            $"objective: {r.Objective.ToString("R", CultureInfo.InvariantCulture)}",
            $"relative_gap: {r.Criterion:G3}",
            $"allreduces: {calls}",
            $"allreduce_doubles: {doubles}",
            $"seconds: {worst[1]:F3}",
            $"allreduce_seconds: {worst[0]:F3}",
            $"seconds_per_iteration: {worst[1] / Math.Max(1, r.Iterations):F5}"));
    }

    /// <summary>Counts the all-reduces of doubles and the time spent in them.</summary>
    private sealed class TimedCommunicator(ICommunicator inner) : ICommunicator
    {
        public ICommunicator Inner => inner;
        public long Calls { get; private set; }
        public long Doubles { get; private set; }
        public double ReduceSeconds { get; private set; }
        public void Reset() => (Calls, Doubles, ReduceSeconds) = (0, 0, 0);
        public int Rank => inner.Rank;
        public int Size => inner.Size;

        public void AllReduceSum(Span<double> values) => Timed(values, max: false);
        public void AllReduceMax(Span<double> values) => Timed(values, max: true);

        private void Timed(Span<double> values, bool max)
        {
            long start = Stopwatch.GetTimestamp();
            if (max) inner.AllReduceMax(values); else inner.AllReduceSum(values);
            ReduceSeconds += Stopwatch.GetElapsedTime(start).TotalSeconds;
            Calls++;
            Doubles += values.Length;
        }

        public void AllReduceSum(Span<long> values) => inner.AllReduceSum(values);
        public void Broadcast(Span<double> values, int root) => inner.Broadcast(values, root);
        public void Broadcast(Span<byte> values, int root) => inner.Broadcast(values, root);
        public void Barrier() => inner.Barrier();
        public ICommunicator Split(int color, int key) => inner.Split(color, key);
        public void Dispose() { }
    }
}
