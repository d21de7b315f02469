using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using OptSuite.LinearAlgebra;

namespace OptSuite.Benchmarks.LinearAlgebra;

/// <summary>
/// y = Ax and g = Aᵀu, managed vs MKL, 1 and 2 threads, on the shapes of a dense design matrix, fashion-mnist and
/// news20. GB/s counts the matrix storage streamed once per product (vectors excluded), to set against
/// <see cref="MemoryBandwidthBenchmarks"/>.
/// </summary>
[Config(typeof(Config))]
public class MatrixProductBenchmarks
{
    private ILinearMap _a = null!;
    private double[] _x = [], _y = [], _u = [], _g = [];

    [Params(SyntheticMatrices.Dense, SyntheticMatrices.FashionMnist, SyntheticMatrices.News20)]
    public string Shape { get; set; } = SyntheticMatrices.Dense;

    [Params("managed", "mkl")]
    public string Backend { get; set; } = "managed";

    [Params(1, 2)]
    public int Threads { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        LinearAlgebraSettings.MaxThreads = Threads;
        var backend = Backend == "mkl" ? LinearAlgebraBackends.Mkl : LinearAlgebraBackends.Managed;
        _a = SyntheticMatrices.Build(Shape, backend);
        var rng = new Random(7);
        _x = Vector(rng, _a.Columns);
        _u = Vector(rng, _a.Rows);
        _y = new double[_a.Rows];
        _g = new double[_a.Columns];
        // First products build the MKL handle (inspector) outside the measurement.
        _a.Apply(_x, _y);
        _a.ApplyTranspose(_u, _g);
    }

    [Benchmark]
    public void Apply() => _a.Apply(_x, _y);

    [Benchmark]
    public void ApplyTranspose() => _a.ApplyTranspose(_u, _g);

    private static double[] Vector(Random rng, int n)
    {
        var v = new double[n];
        for (int i = 0; i < n; i++) v[i] = rng.NextDouble() * 2 - 1;
        return v;
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(StatisticColumn.Min);
            AddColumn(new GigabytesPerSecondColumn(c => SyntheticMatrices.MatrixBytes((string)c.Parameters["Shape"])));
            AddColumn(new GigabytesPerSecondColumn(c => SyntheticMatrices.MatrixBytes((string)c.Parameters["Shape"]), best: true));
        }
    }
}
