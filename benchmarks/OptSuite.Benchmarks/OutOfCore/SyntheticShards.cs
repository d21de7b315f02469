using System.Diagnostics;
using System.Globalization;
using OptSuite.Data.Shards;

namespace OptSuite.Benchmarks.OutOfCore;

/// <summary>
/// Writes a synthetic sparse binary classification dataset straight into shards (or, for sizes that fit, also as
/// svmlight text), the shape of url / webspam / criteo: feature popularity follows a Zipf law, every row has about
/// <c>--nnz-per-row</c> distinct features with positive values scaled to unit norm, and the labels come from a planted
/// sparse weight vector through a logistic link, so the classes overlap and the optimum is not degenerate.
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release --project benchmarks/OptSuite.Benchmarks -- generate-shards --out DIR --rows N --columns P
/// --nnz-per-row K [--zipf 1.1] [--seed 1] [--shard-mb 256] [--svmlight FILE]</c>. Deterministic for a seed.
/// </remarks>
internal static class SyntheticShards
{
    public static void Run(string[] args)
    {
        string? outDir = null, svmlight = null;
        long rows = 1_000_000;
        int columns = 1_000_000, perRow = 50, seed = 1;
        double zipf = 1.1, shardMb = 256;
        for (int i = 0; i < args.Length; i++)
        {
            string v = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--out": outDir = v; break;
                case "--svmlight": svmlight = v; break;
                case "--rows": rows = long.Parse(v, CultureInfo.InvariantCulture); break;
                case "--columns": columns = int.Parse(v, CultureInfo.InvariantCulture); break;
                case "--nnz-per-row": perRow = int.Parse(v, CultureInfo.InvariantCulture); break;
                case "--zipf": zipf = double.Parse(v, CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(v, CultureInfo.InvariantCulture); break;
                case "--shard-mb": shardMb = double.Parse(v, CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
            i++;
        }
        if (outDir is null) throw new ArgumentException("--out DIR is required");
        var clock = Stopwatch.StartNew();
        var rng = new Random(seed);
        var sampler = new AliasTable(columns, zipf);
        // Planted weights: 10 % of the features, N(0, 1).
        var truth = new double[columns];
        for (int j = 0; j < columns; j++) truth[j] = rng.NextDouble() < 0.1 ? Normal(rng) : 0;
        var options = new ShardWriterOptions
        {
            ShardBytes = (long)(shardMb * (1 << 20)),
            Source = new ShardSource(null, $"synthetic: rows {rows}, columns {columns}, nnz/row {perRow}, zipf {zipf}, seed {seed}"),
        };
        using var writer = ShardWriter.Create(outDir, options);
        using var text = svmlight is null ? null : new StreamWriter(svmlight, false, new System.Text.UTF8Encoding(false), 1 << 20);
        var idx = new int[perRow * 2];
        var val = new double[perRow * 2];
        var line = new System.Text.StringBuilder();
        for (long r = 0; r < rows; r++)
        {
            // About perRow distinct features: draw, sort, drop repeats.
            int k = Math.Max(1, perRow / 2 + rng.Next(perRow + 1));
            for (int t = 0; t < k; t++) idx[t] = sampler.Sample(rng);
            Array.Sort(idx, 0, k);
            int m = 0;
            for (int t = 0; t < k; t++) if (m == 0 || idx[t] != idx[m - 1]) idx[m++] = idx[t];
            double norm = 0, z = 0;
            for (int t = 0; t < m; t++) { val[t] = 0.5 + rng.NextDouble(); norm += val[t] * val[t]; }
            norm = 1 / Math.Sqrt(norm);
            for (int t = 0; t < m; t++) { val[t] *= norm; z += val[t] * truth[idx[t]]; }
            double label = rng.NextDouble() < 1 / (1 + Math.Exp(-8 * z)) ? 1 : -1;
            writer.AppendRow(label, idx.AsSpan(0, m), val.AsSpan(0, m));
            if (text is not null)
            {
                line.Clear().Append(label > 0 ? "+1" : "-1");
                for (int t = 0; t < m; t++)
                    line.Append(' ').Append(idx[t] + 1).Append(':').Append(val[t].ToString("R", CultureInfo.InvariantCulture));
                text.WriteLine(line);
            }
            if ((r + 1) % 1_000_000 == 0)
                Console.Error.WriteLine($"{r + 1:N0} rows, {writer.NonZeroCount:N0} entries, {clock.Elapsed.TotalSeconds:F0} s");
        }
        var manifest = writer.Complete(columns);
        Console.WriteLine($"rows: {manifest.Rows}\ncolumns: {manifest.Columns}\nnon_zeros: {manifest.NonZeros}\nshards: {manifest.Shards.Count}\nbytes: {manifest.Bytes}\nseconds: {clock.Elapsed.TotalSeconds:F1}");
    }

    private static double Normal(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    /// <summary>Walker's alias method over a Zipf law on 0 … n − 1: O(1) per draw.</summary>
    private sealed class AliasTable
    {
        private readonly double[] _prob;
        private readonly int[] _alias;

        public AliasTable(int n, double s)
        {
            var w = new double[n];
            double total = 0;
            for (int j = 0; j < n; j++) total += w[j] = Math.Pow(j + 1, -s);
            _prob = new double[n];
            _alias = new int[n];
            var small = new Stack<int>();
            var large = new Stack<int>();
            for (int j = 0; j < n; j++)
            {
                _prob[j] = w[j] * n / total;
                (_prob[j] < 1 ? small : large).Push(j);
            }
            while (small.Count > 0 && large.Count > 0)
            {
                int a = small.Pop(), b = large.Pop();
                _alias[a] = b;
                _prob[b] -= 1 - _prob[a];
                (_prob[b] < 1 ? small : large).Push(b);
            }
            while (large.Count > 0) _prob[large.Pop()] = 1;
            while (small.Count > 0) _prob[small.Pop()] = 1;
        }

        public int Sample(Random rng)
        {
            int j = rng.Next(_prob.Length);
            return rng.NextDouble() < _prob[j] ? j : _alias[j];
        }
    }
}
