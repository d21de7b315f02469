using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using OptSuite.Data;

namespace OptSuite.Benchmarks.Data;

/// <summary>
/// svmlight reading throughput. In memory (no disk, no decompression): 40,000 rows × ~60 entries of (a) small integer
/// counts, as news20 or MNIST pixels, and (b) shortest round-trip doubles of 15–17 digits, as scaled data; MB/s =
/// <see cref="IntegerBytes"/> or <see cref="DoubleBytes"/> / mean time. From disk: the shared collection's
/// multiclass/news20.svm.xz (8.6 MB of text; skipped when the collection is absent), where xz decoding dominates.
/// </summary>
[MemoryDiagnoser]
public class SvmlightReaderBenchmarks
{
    private byte[] _integers = [];
    private byte[] _doubles = [];
    private string? _xz;

    /// <summary>Parsing threads: 1, or 0 for all processors.</summary>
    [Params(1, 0)]
    public int Workers { get; set; }

    /// <summary>Size of the integer-valued text.</summary>
    public long IntegerBytes => _integers.Length;

    /// <summary>Size of the double-valued text.</summary>
    public long DoubleBytes => _doubles.Length;

    [GlobalSetup]
    public void Setup()
    {
        _integers = Make(v => ((int)(v * 255) + 1).ToString(CultureInfo.InvariantCulture));
        _doubles = Make(v => v.ToString("R", CultureInfo.InvariantCulture));
        DatasetLocator.TryFind("multiclass/news20.svm.xz", out var xz);
        _xz = xz.Length > 0 ? xz : null;
        Console.WriteLine($"// integer text: {_integers.Length} bytes, double text: {_doubles.Length} bytes, xz: {_xz ?? "absent"}");
    }

    private static byte[] Make(Func<double, string> format)
    {
        var rng = new Random(42);
        var sb = new StringBuilder();
        for (int i = 0; i < 40_000; i++)
        {
            sb.Append(rng.Next(10));
            for (int j = rng.Next(1, 20); j < 2_000; j += rng.Next(1, 60))
                sb.Append(' ').Append(j).Append(':').Append(format(rng.NextDouble()));
            sb.Append('\n');
        }
        return Encoding.ASCII.GetBytes(sb.ToString());
    }

    private SvmlightReaderOptions Options => new() { MaxDegreeOfParallelism = Workers };

    [Benchmark]
    public int InMemoryIntegers() => SvmlightReader.Read(_integers, "ints.svm", Options).NonZeroCount;

    [Benchmark]
    public int InMemoryDoubles() => SvmlightReader.Read(_doubles, "doubles.svm", Options).NonZeroCount;

    [Benchmark]
    public int News20Xz() => _xz is null ? 0 : SvmlightReader.Read(_xz, Options).NonZeroCount;
}
