using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using OptSuite.Data;

namespace OptSuite.Benchmarks.Data;

/// <summary>
/// Wall-clock svmlight loading speed for the side-by-side with scikit-learn (benchmarks/results/svmlight-reader.md):
/// <c>dotnet run -c Release -- svmlight-throughput [--repeat N] FILE.xz PLAIN_FILE ...</c>. For each pair it times
/// (a) reading FILE.xz, (b) reading the decompressed PLAIN_FILE, and (b') parsing PLAIN_FILE's bytes already in
/// memory, each once to warm up and then N times; MB/s = uncompressed bytes / wall seconds. One JSON line per case.
/// </summary>
internal static class SvmlightThroughput
{
    public static void Run(string[] args)
    {
        int repeat = 5, workers = 0;
        var files = new List<string>();
        for (int k = 0; k < args.Length; k++)
        {
            if (args[k] == "--repeat") repeat = int.Parse(args[++k], CultureInfo.InvariantCulture);
            else if (args[k] == "--workers") workers = int.Parse(args[++k], CultureInfo.InvariantCulture);
            else files.Add(args[k]);
        }
        var options = new SvmlightReaderOptions { MaxDegreeOfParallelism = workers };
        for (int f = 0; f + 1 < files.Count; f += 2)
        {
            string xz = files[f], plain = files[f + 1];
            long size = new FileInfo(plain).Length;
            byte[] bytes = File.ReadAllBytes(plain);
            Measure("optsuite_xz", xz, size, repeat, () => SvmlightReader.Read(xz, options));
            Measure("optsuite_plain_file", xz, size, repeat, () => SvmlightReader.Read(plain, options));
            Measure("optsuite_in_memory", xz, size, repeat, () => SvmlightReader.Read(bytes, plain, options));
        }
    }

    private static void Measure(string name, string file, long size, int repeat, Func<SvmlightDataset> load)
    {
        var first = Stopwatch.StartNew();
        var d = load();
        double cold = first.Elapsed.TotalSeconds;
        var times = new List<double>();
        for (int r = 0; r < repeat; r++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var sw = Stopwatch.StartNew();
            d = load();
            times.Add(sw.Elapsed.TotalSeconds);
        }
        times.Sort();
        double best = times[0], median = times[times.Count / 2];
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["case"] = name, ["file"] = Path.GetFileName(file), ["uncompressed_bytes"] = size,
            ["rows"] = d.Rows, ["columns"] = d.Columns, ["nnz"] = d.NonZeroCount,
            ["first_s"] = Math.Round(cold, 4), ["best_s"] = Math.Round(best, 4), ["median_s"] = Math.Round(median, 4),
            ["best_mb_s"] = Math.Round(size / 1e6 / best, 1), ["median_mb_s"] = Math.Round(size / 1e6 / median, 1),
            ["processors"] = Environment.ProcessorCount,
        }));
    }
}
