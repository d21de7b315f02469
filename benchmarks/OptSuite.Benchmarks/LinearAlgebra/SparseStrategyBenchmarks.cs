using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using OptSuite.LinearAlgebra;
using OptSuite.LinearAlgebra.Mkl;

namespace OptSuite.Benchmarks.LinearAlgebra;

/// <summary>
/// How the MKL backend should drive the inspector–executor API for CSR Ax and Aᵀu: a handle without hints
/// ("direct", Aᵀu with SPARSE_OPERATION_TRANSPOSE), a handle hinted and optimised for Ax ("optimized"), or Aᵀu as a
/// plain product on the companion CSC storage ("companion"). Picks <see cref="MklBackend"/>'s default.
/// </summary>
[Config(typeof(Config))]
public class SparseStrategyBenchmarks
{
    private CsrMatrix _a = null!;
    private double[] _x = [], _y = [], _u = [], _g = [];

    [Params(SyntheticMatrices.FashionMnist, SyntheticMatrices.News20)]
    public string Shape { get; set; } = SyntheticMatrices.News20;

    [Params("direct", "optimized", "companion")]
    public string Strategy { get; set; } = "direct";

    [Params(1, 2)]
    public int Threads { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        LinearAlgebraSettings.MaxThreads = Threads;
        var strategy = Strategy switch
        {
            "direct" => MklBackend.SparseStrategy.Direct,
            "optimized" => MklBackend.SparseStrategy.Optimized,
            _ => MklBackend.SparseStrategy.Companion,
        };
        _a = (CsrMatrix)SyntheticMatrices.Build(Shape, ((MklBackend)LinearAlgebraBackends.Mkl).WithSparseStrategy(strategy));
        _x = new double[_a.Columns];
        _u = new double[_a.Rows];
        for (int j = 0; j < _x.Length; j++) _x[j] = Math.Cos(j);
        for (int i = 0; i < _u.Length; i++) _u[i] = Math.Sin(i);
        _y = new double[_a.Rows];
        _g = new double[_a.Columns];
        _a.Apply(_x, _y);
        _a.ApplyTranspose(_u, _g);
    }

    [Benchmark]
    public void Apply() => _a.Apply(_x, _y);

    [Benchmark]
    public void ApplyTranspose() => _a.ApplyTranspose(_u, _g);

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
