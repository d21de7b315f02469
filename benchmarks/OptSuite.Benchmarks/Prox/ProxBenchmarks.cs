using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using OptSuite.Prox;
using OptSuite.Prox.Indicators;
using OptSuite.Prox.Regularizers;

namespace OptSuite.Benchmarks.Prox;

/// <summary>Prox operators and projections on n = 10⁶. Times are per element (OperationsPerInvoke = N):
/// elements/s = 1e9 / (ns per op). Inputs are uniform on [−1, 1]; the result is a separate array.</summary>
[MemoryDiagnoser]
public class ProxBenchmarks
{
    private const int N = 1_000_000;
    private readonly double[] _v = new double[N];
    private readonly double[] _result = new double[N];
    private L1Norm _l1;
    private L1Norm _l1Weighted;
    private ElasticNet _elasticNet;
    private L21Norm _l21;
    private GroupLasso _groupContiguous;
    private GroupLasso _groupScattered;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(42);
        for (int i = 0; i < N; i++) _v[i] = rng.NextDouble() * 2 - 1;
        var weights = new double[N];
        for (int i = 0; i < N; i++) weights[i] = i % 100 == 0 ? 0 : 0.5 + rng.NextDouble();
        var labels = new int[N];
        for (int i = 0; i < N; i++) labels[i] = i % (N / 10);
        rng.Shuffle(labels);
        _l1 = new L1Norm(0.3);
        _l1Weighted = new L1Norm(0.3, weights);
        _elasticNet = new ElasticNet(0.3, 0.5);
        _l21 = new L21Norm(N / 10, 10, 0.3);
        _groupContiguous = new GroupLasso(BlockPartition.Uniform(N / 10, 10), 0.1);
        _groupScattered = new GroupLasso(BlockPartition.FromGroupLabels(labels), 0.1);
    }

    [Benchmark(OperationsPerInvoke = N)]
    public double L1Norm() => _l1.Prox(_v, 1.0, _result);

    /// <summary>The same soft-thresholding composed from TensorPrimitives (clamp, subtract, sum of magnitudes): the
    /// baseline that justifies the fused kernel.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public double L1NormTensorPrimitives()
    {
        TensorPrimitives.Clamp(_v, -0.3, 0.3, _result);
        TensorPrimitives.Subtract(_v, _result, _result);
        return 0.3 * TensorPrimitives.SumOfMagnitudes(_result);
    }

    [Benchmark(OperationsPerInvoke = N)]
    public double L1NormWeighted() => _l1Weighted.Prox(_v, 1.0, _result);

    [Benchmark(OperationsPerInvoke = N)]
    public double ElasticNet() => _elasticNet.Prox(_v, 1.0, _result);

    /// <summary>10⁵ rows of k = 10.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public double L21Norm() => _l21.Prox(_v, 1.0, _result);

    /// <summary>10⁵ contiguous groups of 10 (√10 weights).</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public double GroupLassoContiguous() => _groupContiguous.Prox(_v, 1.0, _result);

    /// <summary>10⁵ groups of 10 scattered by a random permutation (index lists).</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public double GroupLassoScattered() => _groupScattered.Prox(_v, 1.0, _result);

    /// <summary>Probability simplex (sparse result), Condat + pivot fallback.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public void SimplexLinear() => Projections.Simplex(_v, 1.0, _result);

    /// <summary>Probability simplex by sorting (reference).</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public void SimplexSort() => Projections.SimplexBySorting(_v, 1.0, _result);

    /// <summary>Simplex of sum 10⁵ (about a third of the entries stay positive).</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public void SimplexLinearDense() => Projections.Simplex(_v, 1e5, _result);

    [Benchmark(OperationsPerInvoke = N)]
    public void SimplexSortDense() => Projections.SimplexBySorting(_v, 1e5, _result);

    /// <summary>ℓ1 ball of radius 10³ (‖v‖₁ ≈ 5·10⁵, so the projection is active).</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public double L1Ball() => new L1Ball(1e3).Prox(_v, 1.0, _result);

    [Benchmark(OperationsPerInvoke = N)]
    public void L1BallSort() => Projections.L1BallBySorting(_v, 1e3, _result);
}
