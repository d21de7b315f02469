using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace OptSuite.Benchmarks.LinearAlgebra;

/// <summary>
/// A "GB/s" column: bytes one invocation must move (given per case by the benchmark) over the mean time, or over the
/// fastest iteration with <paramref name="best"/> (more robust on a machine shared with other jobs).
/// </summary>
public sealed class GigabytesPerSecondColumn(Func<BenchmarkCase, double> bytesPerInvoke, bool best = false) : IColumn
{
    public string Id => nameof(GigabytesPerSecondColumn) + (best ? "Best" : "");
    public string ColumnName => best ? "GB/s (best)" : "GB/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => $"Bytes of the operand(s) read or written per invocation / {(best ? "fastest iteration" : "mean time")} (1 GB = 1e9 bytes)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var stats = summary[benchmarkCase]?.ResultStatistics;
        if (stats is null || stats.Mean <= 0) return "NA";
        double perOperation = bytesPerInvoke(benchmarkCase) / benchmarkCase.Descriptor.OperationsPerInvoke;
        return (perOperation / (best ? stats.Min : stats.Mean)).ToString("F2", System.Globalization.CultureInfo.InvariantCulture); // bytes/ns = GB/s
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
