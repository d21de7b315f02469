using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using OptSuite.Benchmarks.LinearAlgebra;
using OptSuite.Data;
using OptSuite.LinearAlgebra;
using OptSuite.Objectives;
using OptSuite.Objectives.Losses;
using OptSuite.Prox.Regularizers;
using OptSuite.Solvers;

namespace OptSuite.Benchmarks.Solvers;

/// <summary>
/// One gradient evaluation (value + gradient of L2 logistic regression, <see cref="LinearObjective{TLoss,TReg}"/>) and one
/// solver iteration (a FISTA step, an L-BFGS step, a coordinate-descent epoch) on real data: news20 (CSR, 15935×62061,
/// 0.13 % dense) and fashion-MNIST train (dense row-major 60000×784), managed vs MKL backend.
/// </summary>
/// <remarks>
/// Binary labels: news20 classes 1–10 → +1, 11–20 → −1; fashion-MNIST classes 0–4 → +1, 5–9 → −1. λ = 1/n (C = 1), no
/// intercept. The states are advanced a few iterations in the setup, so steps are measured away from w = 0; each
/// benchmark invocation continues the same run. The GB/s columns count nominal passes over the matrix storage
/// (<see cref="Passes"/>); the setup prints the measured passes per step (from the solvers' evaluation counts).
/// Coordinate descent runs its own column loops on a CSC copy, so its figures do not depend on the backend.
/// Datasets come from ../shared/datasets (see SOURCES.md); the benchmark fails in setup where they are absent.
/// </remarks>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class SolverIterationBenchmarks
{
    /// <summary>Matrix bytes per pass: news20 CSR (12 B per non-zero + row pointers); fashion dense (8 B per entry).</summary>
    private static double MatrixBytes(string data) => data == "news20" ? 1_272_569 * 12.0 + 15_936 * 4.0 : 60_000 * 784 * 8.0;

    /// <summary>Nominal passes over the matrix per invocation: gradient Ax then Aᵀu; FISTA one extra Ax for the
    /// backtracking test; L-BFGS one value+gradient when the unit step is accepted; a CD epoch reads each column for
    /// g_j and h_j and again to update the scores (on the CSC copy, 12 B per stored entry also for fashion).</summary>
    private static double Passes(string method) => method switch
    {
        nameof(Gradient) => 2,
        nameof(Products) => 2,
        nameof(FistaStep) => 3,
        nameof(LbfgsStep) => 2,
        nameof(CdEpoch) => 3,
        _ => double.NaN,
    };

    private static double BytesPerInvoke(BenchmarkDotNet.Running.BenchmarkCase c)
    {
        string data = (string)c.Parameters["Data"];
        string method = c.Descriptor.WorkloadMethod.Name;
        double matrix = method == nameof(CdEpoch) && data == "fashion" ? 23_423_502 * 12.0 : MatrixBytes(data);
        return Passes(method) * matrix;
    }

    [Params("news20", "fashion")]
    public string Data { get; set; } = "news20";

    [Params("managed", "mkl")]
    public string Backend { get; set; } = "managed";

    [Params(1, 2)]
    public int Threads { get; set; } = 1;

    private LinearObjective<LogisticLoss, ZeroRegularizer> _objective = null!;
    private double[] _w = [];
    private double[] _gradient = [];
    private double[] _scores = [];
    private ILinearMap _x = null!;
    private ProximalGradientState _fista = null!;
    private LbfgsState _lbfgs = null!;
    private CoordinateDescentState<LogisticLoss, ZeroRegularizer> _cd = null!;
    private int _fistaRestarts, _lbfgsRestarts;

    [GlobalSetup]
    public void Setup()
    {
        LinearAlgebraSettings.MaxThreads = Threads;
        var backend = Backend == "mkl" ? LinearAlgebraBackends.Mkl : LinearAlgebraBackends.Managed;
        var (x, y) = Load(Data, backend);
        double lambda = 1.0 / x.Rows;
        _objective = Objective.BinaryLogreg(x, y, lambda);
        _x = x;
        _scores = new double[x.Rows];

        var rng = new Random(3);
        _w = new double[_objective.Dimension];
        for (int j = 0; j < _w.Length; j++) _w[j] = 1e-3 * (rng.NextDouble() - 0.5);
        _gradient = new double[_objective.Dimension];
        _objective.ValueAndGradient(_w, _gradient);

        _fista = new ProximalGradientState(_objective, default, new ProximalGradientOptions());
        _lbfgs = new LbfgsState(_objective.AsSmooth(), default, new LbfgsOptions());
        // A separate objective: the states share nothing, as in separate solves.
        _cd = new CoordinateDescentState<LogisticLoss, ZeroRegularizer>(Objective.BinaryLogreg(x, y, lambda), default,
            new CoordinateDescentOptions { ActiveSetCycling = false });
        Report("fista", _fista, 10);
        Report("lbfgs", _lbfgs, 10);
        var c0 = _cd.Counts;
        _cd.Step();
        _cd.Step();
        Console.WriteLine($"// cd: 2 warm-up epochs, counts (functions, epochs, coordinate updates) {c0} → {_cd.Counts}");
    }

    private static void Report(string name, ISolverState state, int steps)
    {
        var before = state.Counts;
        for (int k = 0; k < steps; k++) state.Step();
        var after = state.Counts;
        // Value evaluations cost one pass (Ax), value+gradient two (Ax, Aᵀu): passes = Δfunctions + Δgradients.
        double passes = (after.Functions - before.Functions + after.Gradients - before.Gradients) / (double)steps;
        Console.WriteLine($"// {name}: {steps} warm-up steps, {passes:F2} measured passes over the matrix per step (counts {before} → {after})");
    }

    private static (ILinearMap X, double[] Y) Load(string data, ILinearAlgebraBackend backend)
    {
        string file = data == "news20" ? "multiclass/news20.svm.xz" : "multiclass/fashion_mnist_train.svm.xz";
        var d = SvmlightReader.Read(DatasetLocator.Find(file));
        var y = new double[d.Rows];
        for (int i = 0; i < y.Length; i++)
            y[i] = data == "news20" ? (d.Labels[i] <= 10 ? 1 : -1) : (d.Labels[i] <= 4 ? 1 : -1);
        ILinearMap x = data == "news20" ? d.Features.WithBackend(backend) : d.Features.ToDense(MatrixLayout.RowMajor).WithBackend(backend);
        return (x, y);
    }

    /// <summary>The two products a gradient needs, z = Aw and g = Aᵀu, alone: the floor under <see cref="Gradient"/>
    /// measured in the same process and conditions as the solver figures.</summary>
    [Benchmark]
    public void Products()
    {
        _x.Apply(_w, _scores);
        _x.ApplyTranspose(_scores, _gradient);
    }

    /// <summary>Value and gradient of the L2-logistic objective at a fixed w.</summary>
    [Benchmark]
    public double Gradient() => _objective.ValueAndGradient(_w, _gradient);

    /// <summary>One FISTA step (backtracking, adaptive restart); the solver loop's convergence checks are not included.</summary>
    [Benchmark]
    public StepOutcome FistaStep()
    {
        var outcome = _fista.Step();
        if (outcome != StepOutcome.Continue) { _fistaRestarts++; _fista = new ProximalGradientState(_objective, default, new ProximalGradientOptions()); }
        return outcome;
    }

    /// <summary>One L-BFGS step (two-loop recursion + strong-Wolfe line search).</summary>
    [Benchmark]
    public StepOutcome LbfgsStep()
    {
        // Thousands of invocations can run a solve to machine precision, where a failed (cheap) line search would
        // flatter the figure: start afresh instead, and say how often in the log.
        var outcome = _lbfgs.Step();
        if (outcome != StepOutcome.Continue) { _lbfgsRestarts++; _lbfgs = new LbfgsState(_objective.AsSmooth(), default, new LbfgsOptions()); }
        return outcome;
    }

    [GlobalCleanup]
    public void Cleanup() => Console.WriteLine($"// restarts after a non-continuing step: fista {_fistaRestarts}, lbfgs {_lbfgsRestarts}");

    /// <summary>One full coordinate-descent epoch (coordinate Newton steps, no active-set sweeps).</summary>
    [Benchmark]
    public StepOutcome CdEpoch() => _cd.Step();

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(StatisticColumn.Min);
            AddColumn(new GigabytesPerSecondColumn(BytesPerInvoke));
            AddColumn(new GigabytesPerSecondColumn(BytesPerInvoke, best: true));
        }
    }
}
