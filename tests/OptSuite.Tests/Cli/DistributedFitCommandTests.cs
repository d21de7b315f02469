using System.Globalization;
using System.Text.Json;
using OptSuite.Data;
using OptSuite.Models;
using OptSuite.Tests.Support;
using Xunit.Abstractions;

namespace OptSuite.Tests.Cli;

/// <summary>
/// <c>optsuite fit --distributed</c> under real <c>mpiexec.hydra</c>: K ranks read their byte ranges of a9a (or their
/// parts of its shards) and fit the single-process optimum (objective to 1e-10 relative); only rank 0 prints and writes
/// the model; a bad line on another rank, a job of the wrong size and a compressed file stop the job with the rank's
/// error and a non-zero exit.
/// </summary>
public sealed class DistributedFitCommandTests(ITestOutputHelper output)
{
    private static readonly Lazy<ScratchDirectory> Data = new(() =>
    {
        var dir = new ScratchDirectory("distributed-cli");
        SvmlightWriter.Write(dir["a9a.svm"], SvmlightReader.Read(DatasetLocator.Find("binary/a9a.xz")));
        ShardSets.Write(dir["a9a-shards"], dir["a9a.svm"], shardBytes: 1 << 16);
        return dir;
    });

    private static readonly Lazy<double> SingleProcess = new(() =>
    {
        var d = SvmlightReader.Read(Data.Value["a9a.svm"]);
        return new LogisticRegression { C = 1, Tolerance = 1e-11, Solver = SolverKind.Newton }.Fit(d.Features, d.Labels).Report!.Objective;
    });

    private MpiProcess.Result Fit(int k, string data, string model)
    {
        var r = MpiProcess.RunCli(k, ["fit", "--model", "logistic", "--C", "1", "--data", data, "--tol", "1e-11", "--json",
            "--distributed", "--ranks", k.ToString(CultureInfo.InvariantCulture), "--output", model], TimeSpan.FromSeconds(120));
        output.WriteLine(r.Transcript);
        return r;
    }

    [MpiTheory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RanksReadTheirBytesAndFitTheSingleProcessOptimum(int k)
    {
        using var dir = new ScratchDirectory("distributed-fit");
        var r = Fit(k, Data.Value["a9a.svm"], dir["model.json"]);
        Assert.True(r.Code == 0, r.Transcript);
        var lines = r.Out.TrimEnd('\n').Split('\n');
        Assert.Single(lines);   // rank 0 alone reports
        var json = JsonDocument.Parse(lines[0]).RootElement;
        Assert.Equal(32561, json.GetProperty("n").GetInt64());
        Assert.Equal(k, json.GetProperty("ranks").GetInt32());
        Assert.Equal("newton", json.GetProperty("solver").GetString());
        double objective = json.GetProperty("objective").GetDouble();
        Assert.Equal(SingleProcess.Value, objective, 1e-10 * SingleProcess.Value);
        // The saved model is the fit: it scores the whole file as the fit reported.
        var model = LinearEstimator.Load<LogisticRegression>(dir["model.json"]);
        var d = SvmlightReader.Read(Data.Value["a9a.svm"], model.ReaderOptions);
        Assert.Equal(json.GetProperty("train_score").GetDouble(), model.Score(d.Features, d.Labels), 12);
    }

    [MpiFact]
    public void RanksShareAShardDirectory()
    {
        using var dir = new ScratchDirectory("distributed-fit");
        var r = Fit(2, Data.Value["a9a-shards"], dir["model.json"]);
        Assert.True(r.Code == 0, r.Transcript);
        var json = JsonDocument.Parse(r.Out.TrimEnd('\n').Split('\n')[^1]).RootElement;
        Assert.Equal(32561, json.GetProperty("n").GetInt64());
        Assert.Equal(SingleProcess.Value, json.GetProperty("objective").GetDouble(), 1e-10 * SingleProcess.Value);
    }

    /// <summary><c>bench --distributed</c>: every rank runs every solve, rank 0 alone prints and writes the report; the
    /// reference optimum is the single-process one.</summary>
    [MpiFact]
    public void BenchAcrossRanksWritesOneReportWithTheSingleProcessOptimum()
    {
        using var dir = new ScratchDirectory("distributed-bench");
        var r = MpiProcess.RunCli(2, ["bench", "--model", "logistic", "--C", "1", "--data", Data.Value["a9a.svm"], "--solvers", "newton,lbfgs",
            "--max-time", "5", "--reference-time", "20", "--distributed", "--ranks", "2", "--out", dir["out"]], TimeSpan.FromSeconds(120));
        output.WriteLine(r.Transcript);
        Assert.True(r.Code == 0, r.Transcript);
        Assert.Equal(1, r.Out.Split('\n').Count(l => l.StartsWith("bench: ", StringComparison.Ordinal)));
        Assert.Contains("2 MPI ranks", r.Out);
        string line = r.Out.Split('\n').Single(l => l.StartsWith("F* = ", StringComparison.Ordinal));
        double best = double.Parse(line["F* = ".Length..line.IndexOf(' ', "F* = ".Length)], CultureInfo.InvariantCulture);
        Assert.Equal(SingleProcess.Value, best, 1e-10 * SingleProcess.Value);
        Assert.True(File.Exists(Path.Combine(dir["out"], "report.md")));
    }

    /// <summary>A CoCoA+ fit (hinge SVM) on two ranks stopped by its round limit and resumed from the ranks' checkpoint
    /// files reaches the optimum of the uninterrupted fit; a resume on three ranks is refused.</summary>
    [MpiFact]
    public void ACocoaFitResumesFromEveryRanksCheckpoint()
    {
        using var dir = new ScratchDirectory("distributed-checkpoint");
        // CoCoA+'s rounds grow with the ranks on tall data (benchmarks/results/distributed.md): 2,000 rows of a9a converge.
        File.WriteAllLines(dir["head.svm"], File.ReadLines(Data.Value["a9a.svm"]).Take(2000));
        string[] Args(int k, params string[] more) => ["fit", "--model", "linear-svm", "--loss", "hinge", "--no-intercept", "--C", "0.1",
            "--data", dir["head.svm"], "--tol", "1e-6", "--json", "--distributed", "--ranks", k.ToString(CultureInfo.InvariantCulture), .. more];
        var whole = MpiProcess.RunCli(2, Args(2), TimeSpan.FromSeconds(120));
        Assert.True(whole.Code == 0, whole.Transcript);
        var stopped = MpiProcess.RunCli(2, Args(2, "--max-iter", "25", "--checkpoint", dir["ck"], "--checkpoint-every", "10"), TimeSpan.FromSeconds(120));
        output.WriteLine(stopped.Transcript);
        Assert.True(stopped.Code == 0, stopped.Transcript);
        Assert.Equal(["checkpoint.json", "rank-0-000000020.ckpt", "rank-1-000000020.ckpt"],
            Directory.GetFiles(dir["ck"]).Select(f => Path.GetFileName(f)!).Order().ToArray());
        var resumed = MpiProcess.RunCli(2, Args(2, "--checkpoint", dir["ck"], "--resume"), TimeSpan.FromSeconds(120));
        output.WriteLine(resumed.Transcript);
        Assert.True(resumed.Code == 0, resumed.Transcript);
        var (a, b) = (JsonDocument.Parse(whole.Out.TrimEnd('\n')).RootElement, JsonDocument.Parse(resumed.Out.TrimEnd('\n')).RootElement);
        Assert.Equal("dual-cd", b.GetProperty("solver").GetString());
        Assert.Equal("Converged", b.GetProperty("stop_reason").GetString());
        Assert.True(b.GetProperty("iterations").GetInt32() > 20);
        double f = a.GetProperty("objective").GetDouble();
        Assert.Equal(f, b.GetProperty("objective").GetDouble(), 2e-6 * f);
        var three = MpiProcess.RunCli(3, Args(3, "--checkpoint", dir["ck"], "--resume"), TimeSpan.FromSeconds(120));
        Assert.NotEqual(0, three.Code);
        Assert.Contains("saved by 2 ranks", three.Err);
    }

    [MpiFact]
    public void ABadLineOnAnotherRankStopsTheJobNamingTheRankAndLine()
    {
        using var dir = new ScratchDirectory("distributed-fit");
        var lines = File.ReadLines(Data.Value["a9a.svm"]).Take(3000).ToList();
        lines[2499] = "+1 3:1 x:2";
        File.WriteAllLines(dir["bad.svm"], lines);
        var r = MpiProcess.RunCli(2, ["fit", "--model", "logistic", "--data", dir["bad.svm"], "--distributed", "--output", dir["model.json"]]);
        output.WriteLine(r.Transcript);
        Assert.NotEqual(0, r.Code);
        Assert.Contains("error: rank 1 of 2: ", r.Err);
        Assert.Contains("bad.svm:2500:", r.Err);
        Assert.False(File.Exists(dir["model.json"]));
    }

    [MpiFact]
    public void AJobOfAnotherSizeAndACompressedFileAreRefused()
    {
        using var dir = new ScratchDirectory("distributed-fit");
        var r = MpiProcess.RunCli(2, ["fit", "--model", "logistic", "--data", Data.Value["a9a.svm"], "--distributed", "--ranks", "3"]);
        Assert.NotEqual(0, r.Code);
        Assert.Contains("--ranks 3: the MPI job has 2 ranks", r.Err);
        r = MpiProcess.RunCli(2, ["fit", "--model", "logistic", "--data", DatasetLocator.Find("binary/a9a.xz"), "--distributed"]);
        Assert.NotEqual(0, r.Code);
        Assert.Contains("cannot be split into byte ranges", r.Err);
    }
}
