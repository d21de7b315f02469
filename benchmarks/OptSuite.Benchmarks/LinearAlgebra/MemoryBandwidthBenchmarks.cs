using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;

namespace OptSuite.Benchmarks.LinearAlgebra;

/// <summary>
/// The machine's memory bandwidth, STREAM-style (McCalpin 1995): arrays of 2²⁵ doubles (256 MB each, far beyond any
/// cache), split into one contiguous block per thread. Read = Σa (8 bytes/element); Triad = a ← b + s·c (24
/// bytes/element counted as STREAM does, i.e. without the write-allocate read of a).
/// </summary>
[Config(typeof(Config))]
public class MemoryBandwidthBenchmarks
{
    private const int N = 1 << 25;
    private double[] _a = [], _b = [], _c = [];

    [Params(1, 2)]
    public int Threads { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        _a = new double[N];
        _b = new double[N];
        _c = new double[N];
        Array.Fill(_a, 1.0);
        Array.Fill(_b, 2.0);
        Array.Fill(_c, 0.5);
    }

    [Benchmark]
    public double Read()
    {
        var partial = new double[Threads];
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, t =>
        {
            var (start, length) = Block(t);
            partial[t] = TensorPrimitives.Sum(_b.AsSpan(start, length));
        });
        return partial.Sum();
    }

    [Benchmark]
    public void Triad()
    {
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, t =>
        {
            var (start, length) = Block(t);
            TensorPrimitives.MultiplyAdd(_c.AsSpan(start, length), 3.0, _b.AsSpan(start, length), _a.AsSpan(start, length));
        });
    }

    private (int Start, int Length) Block(int t)
    {
        int start = (int)((long)N * t / Threads), end = (int)((long)N * (t + 1) / Threads);
        return (start, end - start);
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(StatisticColumn.Min);
            AddColumn(new GigabytesPerSecondColumn(c =>
                c.Descriptor.WorkloadMethod.Name == nameof(Read) ? 8.0 * N : 24.0 * N));
            AddColumn(new GigabytesPerSecondColumn(c =>
                c.Descriptor.WorkloadMethod.Name == nameof(Read) ? 8.0 * N : 24.0 * N, best: true));
        }
    }
}
