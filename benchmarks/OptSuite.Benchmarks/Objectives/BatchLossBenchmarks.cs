using BenchmarkDotNet.Attributes;
using OptSuite.Objectives;
using OptSuite.Objectives.Losses;
using OptSuite.Objectives.Multiclass;

namespace OptSuite.Benchmarks.Objectives;

/// <summary>Batch loss evaluation (value sum + derivatives). Times are per element (OperationsPerInvoke = N):
/// elements/s = 1e9 / (ns per op).</summary>
[MemoryDiagnoser]
public class BatchLossBenchmarks
{
    private const int N = 100_000;
    private const int Classes = 10;
    private const int Rows = N / Classes;
    private readonly double[] _labels = new double[N];
    private readonly double[] _scores = new double[N];
    private readonly double[] _derivatives = new double[N];
    private readonly int[] _classLabels = new int[Rows];

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(42);
        for (int i = 0; i < N; i++)
        {
            _labels[i] = rng.Next(2) == 0 ? -1 : 1;
            _scores[i] = rng.NextDouble() * 8 - 4;
        }
        for (int i = 0; i < Rows; i++) _classLabels[i] = rng.Next(Classes);
    }

    [Benchmark(OperationsPerInvoke = N)]
    public double SquaredLoss() => LossBatch.ValueAndDerivative(new SquaredLoss(), _labels, _scores, _derivatives);

    [Benchmark(OperationsPerInvoke = N)]
    public double LogisticLoss() => LossBatch.ValueAndDerivative(new LogisticLoss(), _labels, _scores, _derivatives);

    [Benchmark(OperationsPerInvoke = N)]
    public double LogisticLossScalarLoop()
    {
        var loss = new LogisticLoss();
        double sum = 0;
        for (int i = 0; i < N; i++)
        {
            sum += loss.Value(_labels[i], _scores[i]);
            _derivatives[i] = loss.Derivative(_labels[i], _scores[i]);
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = N)]
    public double HingeLoss() => LossBatch.ValueAndDerivative(new HingeLoss(), _labels, _scores, _derivatives);

    [Benchmark(OperationsPerInvoke = N)]
    public double HuberLossScalarPath() => LossBatch.ValueAndDerivative(new HuberLoss(1.0), _labels, _scores, _derivatives);

    /// <summary>Multinomial logistic over N/10 rows of 10 classes: per-op time is per score element.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public double MultinomialLogisticLoss()
    {
        var loss = new MultinomialLogisticLoss();
        double sum = 0;
        for (int r = 0; r < Rows; r++)
            sum += loss.ValueAndGradient(_classLabels[r], _scores.AsSpan(r * Classes, Classes), _derivatives.AsSpan(r * Classes, Classes));
        return sum;
    }
}
