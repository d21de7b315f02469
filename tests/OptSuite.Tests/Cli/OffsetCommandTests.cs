using System.Globalization;
using System.Text.Json;
using OptSuite.Data;
using OptSuite.Tests.Support;
using Xunit.Abstractions;

namespace OptSuite.Tests.Cli;

/// <summary>
/// <c>--offset FILE</c> beyond a data file in memory: <c>optsuite fit</c> on a shard directory and across MPI ranks (each
/// rank keeping its rows' share of the file) gives the fit on the file with the same offsets; <c>optsuite bench</c>
/// benchmarks the problem with the offsets, leaving out the solvers that cannot take them; the models and options that
/// would silently drop offsets refuse them (exit 2, one <c>error:</c> line naming --offset). The offsets are those of
/// glmnet's references in datasets/reference/offset.json.
/// </summary>
public sealed class OffsetCommandTests(ITestOutputHelper output)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The data file, the offsets written one per line, and the reference's λ.</summary>
    private static (string Data, string Offsets, string Lambda) Write(ScratchDirectory dir, string problem)
    {
        var e = ReferenceFiles.Entry("offset.json", problem);
        string offsets = dir[$"{problem}.txt"];
        File.WriteAllLines(offsets, e.GetProperty("offset").EnumerateArray().Select(v => v.GetDouble().ToString("R", Inv)));
        return (Path.Combine(DatasetLocator.RepositoryRoot()!, e.GetProperty("data").GetString()!), offsets, e.GetProperty("lam").GetDouble().ToString("R", Inv));
    }

    private static JsonElement Last(string stdout) => JsonDocument.Parse(stdout.TrimEnd('\n').Split('\n')[^1]).RootElement.Clone();

    private static JsonElement Fit(params string[] args)
    {
        var (code, stdout, stderr) = CliProcess.Run(["fit", .. args, "--json"]);
        Assert.True(code == 0, stderr + stdout);
        return Last(stdout);
    }

    private static void Refused((int Code, string Out, string Err) r, params string[] words)
    {
        Assert.Equal(2, r.Code);
        var lines = r.Err.TrimEnd('\n').Split('\n');
        Assert.Single(lines);
        Assert.StartsWith("error: ", lines[0]);
        foreach (string w in words) Assert.Contains(w, lines[0]);
    }

    private static void SameObjective(JsonElement a, JsonElement b, string what)
    {
        Assert.Equal("Converged", a.GetProperty("stop_reason").GetString());
        Assert.Equal("Converged", b.GetProperty("stop_reason").GetString());
        double fa = a.GetProperty("objective").GetDouble(), fb = b.GetProperty("objective").GetDouble();
        Assert.True(Math.Abs(fa - fb) <= 1e-9 * Math.Abs(fa), $"{what}: objective {fb:R} vs {fa:R} on the file");
        Assert.Equal(a.GetProperty("train_score").GetDouble(), b.GetProperty("train_score").GetDouble(), 1e-7);
    }

    [Theory]
    [InlineData("poisson_l2_offset", "poisson", "lbfgs")]
    [InlineData("poisson_l1_offset", "poisson", "owlqn")]
    [InlineData("logistic_l2_offset", "logistic", "newton")]
    public void FitOnAShardDirectoryWithAnOffsetFileIsTheFitOnTheFile(string problem, string model, string solver)
    {
        using var dir = new ScratchDirectory("offset-cli");
        var (data, offsets, lambda) = Write(dir, problem);
        var manifest = ShardSets.Write(dir["shards"], data, shardBytes: 2048);
        Assert.True(manifest.Shards.Count >= 10);
        string penalty = problem.Contains("_l1_", StringComparison.Ordinal) ? "l1" : "l2";
        string[] common = ["--model", model, "--penalty", penalty, "--lambda", lambda, "--solver", solver, "--tol", "1e-11", "--offset", offsets];
        var onFile = Fit(["--data", data, .. common]);
        var onShards = Fit(["--data", dir["shards"], .. common]);
        SameObjective(onFile, onShards, $"{model} on {manifest.Shards.Count} shards");
        double reference = ReferenceFiles.Entry("offset.json", problem).GetProperty("objective").GetDouble();
        Assert.Equal(reference, onShards.GetProperty("objective").GetDouble(), 1e-9 * Math.Abs(reference));

        // One value short: the option, the file and the shard directory's row count.
        string shortFile = dir["short.txt"];
        File.WriteAllLines(shortFile, File.ReadLines(offsets).Skip(1));
        Refused(CliProcess.Run(["fit", "--model", model, "--data", dir["shards"], "--offset", shortFile]),
            $"--offset {shortFile} has {manifest.Rows - 1} values for the {manifest.Rows} rows of --data {dir["shards"]}");
        // Coordinate descent on shards runs in covariance mode, for the squared loss only: refused by name.
        Refused(CliProcess.Run(["fit", "--model", model, "--data", dir["shards"], "--offset", offsets, "--solver", "cd"]), "Solver 'cd' cannot solve", "with offsets");
    }

    /// <summary>Two real MPI ranks, each reading its byte range of the file (or its part of the shards) and its rows'
    /// share of the offset file, fit the single-process optimum.</summary>
    [MpiTheory]
    [InlineData("poisson_l2_offset", "poisson", false)]
    [InlineData("logistic_l2_offset", "logistic", true)]
    public void TwoRanksWithAnOffsetFileFitTheSingleProcessOptimum(string problem, string model, bool shards)
    {
        using var dir = new ScratchDirectory("offset-mpi");
        var (data, offsets, lambda) = Write(dir, problem);
        string[] common = ["--model", model, "--lambda", lambda, "--tol", "1e-11", "--offset", offsets, "--json"];
        var single = Fit(["--data", data, .. common[..^1]]);
        string input = data;
        if (shards)
        {
            ShardSets.Write(dir["shards"], data, shardBytes: 2048);
            input = dir["shards"];
        }
        var r = MpiProcess.RunCli(2, ["fit", "--data", input, .. common, "--distributed", "--ranks", "2"], TimeSpan.FromSeconds(120));
        output.WriteLine(r.Transcript);
        Assert.True(r.Code == 0, r.Transcript);
        var lines = r.Out.TrimEnd('\n').Split('\n');
        Assert.Single(lines);
        var json = JsonDocument.Parse(lines[0]).RootElement;
        Assert.Equal(2, json.GetProperty("ranks").GetInt32());
        SameObjective(single, json, $"{model} on 2 ranks");
        // Offsets and labels pair row for row: a file one line short is refused before the fit.
        string shortFile = dir["short.txt"];
        File.WriteAllLines(shortFile, File.ReadLines(offsets).Skip(1));
        var bad = MpiProcess.RunCli(2, ["fit", "--data", input, "--model", model, "--offset", shortFile, "--distributed"], TimeSpan.FromSeconds(120));
        Assert.NotEqual(0, bad.Code);
        Assert.Contains($"--offset {shortFile} has", bad.Err);
    }

    [Fact]
    public void BenchRunsTheProblemWithOffsetsAndLeavesOutTheSolversThatCannotTakeThem()
    {
        using var dir = new ScratchDirectory("offset-bench");
        var (data, offsets, lambda) = Write(dir, "logistic_l2_offset");
        // Without an intercept, the L2 logistic problem is also dual coordinate descent's, until it has offsets.
        string[] model = ["--model", "logistic", "--lambda", lambda, "--no-intercept"];
        var fit = Fit(["--data", data, .. model, "--offset", offsets, "--tol", "1e-12"]);
        var (code, stdout, stderr) = CliProcess.Run(["bench", .. model, "--data", data, "--offset", offsets, "--max-time", "2", "--reference-time", "10", "--out", dir["out"]]);
        output.WriteLine(stdout + stderr);
        Assert.True(code == 0, stderr + stdout);
        string bench = stdout.Split('\n').Single(l => l.StartsWith("bench: ", StringComparison.Ordinal));
        Assert.Contains("no intercept, with offsets", bench);
        Assert.Contains("\nnewton: Converged", stdout);
        Assert.DoesNotContain("dual-cd", stdout);
        string line = stdout.Split('\n').Single(l => l.StartsWith("F* = ", StringComparison.Ordinal));
        double best = double.Parse(line["F* = ".Length..line.IndexOf(' ', "F* = ".Length)], Inv);
        double f = fit.GetProperty("objective").GetDouble();
        Assert.Equal(f, best, 1e-9 * f);
        // The same bench without the offsets is another problem, one dual-cd solves.
        var plain = CliProcess.Run(["bench", .. model, "--data", data, "--max-time", "1", "--reference-time", "5", "--out", dir["plain"]]);
        Assert.True(plain.Code == 0, plain.Err);
        Assert.Contains("\ndual-cd: ", plain.Out);
        Assert.True(Math.Abs(double.Parse(plain.Out.Split('\n').Single(l => l.StartsWith("F* = ", StringComparison.Ordinal)).Split(' ')[2], Inv) - best) > 1e-4);

        Refused(CliProcess.Run(["bench", .. model, "--data", data, "--offset", offsets, "--solvers", "dual-cd", "--out", dir["dual"]]),
            "Solver 'dual-cd' cannot solve logistic (logistic loss, L2 penalty, no intercept, with offsets)", "does not take offsets");
        Refused(CliProcess.Run(["bench", "--model", "ridge", "--data", data, "--offset", offsets, "--out", dir["ridge"]]), "--offset: ridge takes no offsets");
        string shortFile = dir["short.txt"];
        File.WriteAllLines(shortFile, File.ReadLines(offsets).Take(5));
        Refused(CliProcess.Run(["bench", .. model, "--data", data, "--offset", shortFile, "--out", dir["short"]]), $"--offset {shortFile} has 5 values for the 270 rows");
        Refused(CliProcess.Run(["bench", "--config", "benchmarks/configs/l1-small.json", "--offset", offsets], workingDirectory: DatasetLocator.RepositoryRoot()),
            "--offset cannot be given beside it");
    }

    /// <summary>Options and models that used to drop an offset file without a word: Cox (fit and predict) and --search-c.</summary>
    [Fact]
    public void TheModelsAndOptionsThatCannotUseOffsetsRefuseThem()
    {
        using var dir = new ScratchDirectory("offset-refused");
        string cox = Path.Combine(DatasetLocator.RepositoryRoot()!, "datasets", "glmnet_synthetic", "CoxExample.csv");
        string offsets = dir["o.txt"];
        File.WriteAllLines(offsets, Enumerable.Repeat("0.1", 1000));
        Refused(CliProcess.Run(["fit", "--model", "cox", "--data", cox, "--offset", offsets]), "--offset: cox takes no offsets");
        var fitted = CliProcess.Run(["fit", "--model", "cox", "--data", cox, "--output", dir["cox.json"]]);
        Assert.True(fitted.Code == 0, fitted.Err);
        Refused(CliProcess.Run(["predict", "--model", dir["cox.json"], "--data", cox, "--offset", offsets]), "--offset: cox takes no offsets");
        var (heart, heartOffsets, _) = Write(dir, "logistic_l2_offset");
        Refused(CliProcess.Run(["fit", "--model", "logistic", "--data", heart, "--offset", heartOffsets, "--search-c"]), "--search-c does not carry --offset");
    }
}
