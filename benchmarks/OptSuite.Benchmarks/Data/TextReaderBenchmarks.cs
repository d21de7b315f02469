using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using OptSuite.Data;

namespace OptSuite.Benchmarks.Data;

/// <summary>
/// Matrix Market and CSV reading throughput on in-memory text (no disk in the measurement): 1M coordinate entries with
/// shortest round-trip doubles (~30 MB) and a 100,000 × 20 CSV table (~38 MB). MB/s = <see cref="MatrixMarketBytes"/>
/// or <see cref="CsvBytes"/> / mean time.
/// </summary>
[MemoryDiagnoser]
public class TextReaderBenchmarks
{
    private byte[] _mm = [];
    private string _csv = "";

    /// <summary>Size of the Matrix Market text.</summary>
    public long MatrixMarketBytes => _mm.Length;

    /// <summary>Size of the CSV text (UTF-16 chars ≈ bytes, ASCII).</summary>
    public long CsvBytes => _csv.Length;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(42);
        var sb = new StringBuilder();
        const int n = 1_000_000, rows = 100_000, cols = 5_000;
        sb.Append("%%MatrixMarket matrix coordinate real general\n").Append(rows).Append(' ').Append(cols).Append(' ').Append(n).Append('\n');
        for (int k = 0; k < n; k++)
            sb.Append(rng.Next(1, rows + 1)).Append(' ').Append(rng.Next(1, cols + 1)).Append(' ')
              .Append((rng.NextDouble() - 0.5).ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        _mm = Encoding.ASCII.GetBytes(sb.ToString());
        sb.Clear();
        for (int j = 0; j < 20; j++) sb.Append(j == 0 ? "" : ",").Append("c").Append(j);
        sb.Append('\n');
        for (int i = 0; i < 100_000; i++)
        {
            for (int j = 0; j < 20; j++) sb.Append(j == 0 ? "" : ",").Append((rng.NextDouble() * 100).ToString("R", CultureInfo.InvariantCulture));
            sb.Append('\n');
        }
        _csv = sb.ToString();
        Console.WriteLine($"// MatrixMarket bytes: {_mm.Length}, CSV chars: {_csv.Length}");
    }

    [Benchmark]
    public int MatrixMarketCoordinate() => MatrixMarketReader.Read(new MemoryStream(_mm, writable: false), "bench.mtx").Sparse!.NonZeroCount;

    [Benchmark]
    public int CsvTable() => CsvReader.Read(new StringReader(_csv), "bench.csv").Features.Rows;
}
