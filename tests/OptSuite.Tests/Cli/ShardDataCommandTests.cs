using System.Globalization;
using System.Text.Json;
using OptSuite.Data;
using OptSuite.Models;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Cli;

/// <summary>
/// <c>--data DIR</c> with a shard directory (many KB-sized shards) wherever a command takes a data file: <c>fit</c> gives
/// the file's model with the same solver, <c>predict</c> the file's lines, <c>bench</c> runs the solvers that work by
/// passes, <c>path</c> and <c>cv</c> the file's path and choice; damaged or foreign directories are exit code 2 naming
/// the file.
/// </summary>
[Collection("Console")]
public sealed class ShardDataCommandTests
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static (int Code, string Out, string Err) Run(params string[] args) => InspectCommandTests.Run(args);

    private static JsonElement Last(string stdout) => JsonDocument.Parse(stdout.TrimEnd('\n').Split('\n')[^1]).RootElement.Clone();

    /// <summary>Fits on the file and on its shards with one solver; the objectives agree to 1e-10 and, where the optimum
    /// is unique, the coefficients to 1e-8 (relative); the file's model predicts the same lines from either.</summary>
    private static void SameFitAndPredictions(string file, long shardBytes, string model, string solver, string tol, bool unique,
        params string[] options)
    {
        using var dir = new ScratchDirectory("shard-cli");
        string shards = dir["shards"];
        var manifest = ShardSets.Write(shards, file, shardBytes);
        Assert.True(manifest.Shards.Count >= 10, $"{manifest.Shards.Count} shards");
        JsonElement Fit(string data, string output)
        {
            var (code, stdout, stderr) = Run(["fit", "--model", model, "--data", data, "--solver", solver, "--tol", tol,
                "--output", output, "--json", .. options]);
            Assert.True(code == 0, stderr + stdout);
            return Last(stdout);
        }
        var a = Fit(file, dir["file.json"]);
        var b = Fit(shards, dir["shards.json"]);
        Assert.Equal(solver, b.GetProperty("solver").GetString());
        Assert.Equal("Converged", b.GetProperty("stop_reason").GetString());
        foreach (string key in new[] { "n", "p", "lambda" }) Assert.Equal(a.GetProperty(key).GetDouble(), b.GetProperty(key).GetDouble());
        double fa = a.GetProperty("objective").GetDouble(), fb = b.GetProperty("objective").GetDouble();
        Assert.True(Math.Abs(fa - fb) <= 1e-10 * Math.Abs(fa), $"{model}: objective {fa:R} (file) vs {fb:R} (shards)");
        Assert.Equal(a.GetProperty("train_score").GetDouble(), b.GetProperty("train_score").GetDouble(), 1e-6);

        var ma = LinearEstimator.Load(dir["file.json"]);
        var mb = LinearEstimator.Load(dir["shards.json"]);
        double[] wa = [.. ma.Coefficients, .. ma.Intercepts], wb = [.. mb.Coefficients, .. mb.Intercepts];
        double scale = wa.Max(Math.Abs);
        if (unique)
            for (int j = 0; j < wa.Length; j++) Assert.True(Math.Abs(wa[j] - wb[j]) <= 1e-8 * scale, $"{model}: w[{j}]: {wa[j]:R} vs {wb[j]:R}");
        // The shards record the file's index base; the model saves it as a fit on the file does.
        Assert.Equal(ma.FeatureIndexBase, mb.FeatureIndexBase);
        Assert.NotEqual(SvmlightIndexBase.Auto, mb.FeatureIndexBase);

        var fromFile = Run("predict", "--model", dir["file.json"], "--data", file);
        var fromShards = Run("predict", "--model", dir["file.json"], "--data", shards);
        Assert.True(fromFile.Code == 0 && fromShards.Code == 0, fromFile.Err + fromShards.Err);
        Assert.Equal("", fromShards.Err);
        Assert.Equal(fromFile.Out, fromShards.Out);
        Assert.Equal(manifest.Rows, fromShards.Out.Count(c => c == '\n'));
    }

    // Sizes keep the tests short: each pass opens every shard, and OWL-QN takes about 300 iterations here (5000 on
    // abalone at λ = 0.01, which is minutes over a hundred shards).
    [Theory]
    [InlineData("binary/heart_scale", 2048, "logistic", "lbfgs", "--C", "1")]
    [InlineData("binary/heart_scale", 2048, "lasso", "owlqn", "--lambda", "0.03")]
    [InlineData("regression/abalone_scale", 8192, "lasso", "owlqn", "--lambda", "0.1")]
    [InlineData("multiclass/iris.svm", 1024, "multitask-lasso", "fista", "--lambda", "0.1")]   // one task per class
    public void FitOnShardsIsTheFitOnTheFileAndPredictsTheSameLines(string data, long shardBytes, string model, string solver, string option, string value) =>
        SameFitAndPredictions(DatasetLocator.Find(data), shardBytes, model, solver, "1e-10", true, option, value);

    [SharedDatasetFact]
    public void FitOnAnA9aSubsetAsShardsIsTheFitOnTheFile()
    {
        using var dir = new ScratchDirectory("shard-a9a");
        string file = dir["a9a-3000.svm"];
        SvmlightWriter.Write(file, ShardSets.Head(SvmlightReader.Read(DatasetLocator.Find("binary/a9a.xz")), 3000));
        // Weak curvature (λ = 1/n = 3.3e-4): at a relative gradient of 1e-10 two summation orders (the file's, the
        // shards') leave the coefficients 6e-8 apart — as far as two in-memory orders do (RowBlockedMatrix: 1e-7) — so
        // the gradient is taken to 1e-12 (7e-10 apart).
        SameFitAndPredictions(file, 16384, "logistic", "lbfgs", "1e-12", true, "--C", "1");
        // a9a's one-hot groups each sum to 1, collinear with the intercept: the lasso optimum is a set, not a point (in
        // memory, coordinate descent and OWL-QN stop 2e-3 apart at objectives equal to 2e-15), so only the objective is
        // compared.
        SameFitAndPredictions(file, 16384, "lasso", "owlqn", "1e-10", false, "--lambda", "0.01");
    }

    [Fact]
    public void AutoPicksASolverThatReadsShardsByPasses()
    {
        using var dir = new ScratchDirectory("shard-cli");
        ShardSets.Write(dir.Path, DatasetLocator.Find("binary/heart_scale"));
        var (code, stdout, stderr) = Run("fit", "--model", "lasso", "--data", dir.Path, "--lambda", "0.03", "--json");
        Assert.True(code == 0, stderr);
        Assert.Equal("cd", Last(stdout).GetProperty("solver").GetString());   // covariance mode: p = 13
        (code, stdout, stderr) = Run("fit", "--model", "logistic", "--data", dir.Path, "--json");
        Assert.True(code == 0, stderr);
        // Which of the solvers that work by passes is the registry's choice (L-BFGS or trust-region Newton); it converges.
        Assert.Contains(Last(stdout).GetProperty("solver").GetString(), new[] { "lbfgs", "newton" });
        Assert.Equal("Converged", Last(stdout).GetProperty("stop_reason").GetString());
        // Coordinate steps of the logistic loss read single columns: the solver registry refuses them on shards, saying
        // why and which solvers can.
        (code, _, stderr) = Run("fit", "--model", "logistic", "--penalty", "l1", "--data", dir.Path, "--lambda", "0.03", "--solver", "cd");
        Assert.Equal(2, code);
        Assert.Contains("Solver 'cd' cannot solve logistic", stderr);
        Assert.Contains("owlqn", stderr);
    }

    [Fact]
    public void MulticlassPredictionsFromShardsEqualTheFilesAndAreWrittenAtomically()
    {
        using var dir = new ScratchDirectory("shard-cli");
        string train = DatasetLocator.Find("multiclass/vowel_train.svm"), test = DatasetLocator.Find("multiclass/vowel_test.svm");
        var manifest = ShardSets.Write(dir["test"], test);
        var fit = Run("fit", "--model", "multinomial", "--data", train, "--output", dir["m.json"]);
        Assert.True(fit.Code == 0, fit.Err);
        var a = Run("predict", "--model", dir["m.json"], "--data", test, "--output", dir["a.txt"]);
        var b = Run("predict", "--model", dir["m.json"], "--data", dir["test"], "--output", dir["b.txt"]);
        Assert.True(a.Code == 0 && b.Code == 0, a.Err + b.Err);
        Assert.Equal(File.ReadAllText(dir["a.txt"]), File.ReadAllText(dir["b.txt"]));

        // A corrupted shard part-way: exit 2 naming it, and no prediction file (not even a partial or temporary one).
        string victim = ShardSets.Corrupt(dir["test"], manifest, manifest.Shards.Count - 2);
        var c = Run("predict", "--model", dir["m.json"], "--data", dir["test"], "--output", dir["c.txt"]);
        Assert.Equal(2, c.Code);
        Assert.Contains(victim, c.Err);
        Assert.Contains("checksum", c.Err);
        Assert.False(File.Exists(dir["c.txt"]));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));
    }

    [Fact]
    public void ShardsWithFewerColumnsThanTheModelArePaddedAsTheFileIsAndMoreOrAnotherIndexBaseAreRefused()
    {
        using var dir = new ScratchDirectory("shard-cli");
        var heart = SvmlightReader.Read(DatasetLocator.Find("binary/heart_scale"));
        // Heart without its last feature: as a file it is read with the model's 13 columns; its shards have 12.
        var x = heart.Features;
        var rows = Enumerable.Range(0, x.Rows).SelectMany(i => Enumerable.Range(x.RowPointers[i], x.RowPointers[i + 1] - x.RowPointers[i])
            .Where(e => x.ColumnIndices[e] < 12).Select(e => (i, j: x.ColumnIndices[e], v: x.Values[e]))).ToArray();
        var narrow = new SvmlightDataset(OptSuite.LinearAlgebra.CsrMatrix.FromTriplets(x.Rows, 12, rows.Select(r => r.i).ToArray(),
            rows.Select(r => r.j).ToArray(), rows.Select(r => r.v).ToArray()), heart.Labels);
        SvmlightWriter.Write(dir["narrow.svm"], narrow);
        Assert.Equal(12, ShardSets.Write(dir["narrow"], dir["narrow.svm"]).Columns);
        var fit = Run("fit", "--model", "logistic", "--data", DatasetLocator.Find("binary/heart_scale"), "--output", dir["m.json"]);
        Assert.True(fit.Code == 0, fit.Err);
        var a = Run("predict", "--model", dir["m.json"], "--data", dir["narrow.svm"]);
        var b = Run("predict", "--model", dir["m.json"], "--data", dir["narrow"]);
        Assert.True(a.Code == 0 && b.Code == 0, a.Err + b.Err);
        Assert.Equal(a.Out, b.Out);

        // Wider than the model: refused, as a file with an index beyond the model's features is.
        ShardSets.Write(dir["wide"], DatasetLocator.Find("binary/australian_scale"));
        var c = Run("predict", "--model", dir["m.json"], "--data", dir["wide"]);
        Assert.Equal(2, c.Code);
        Assert.Contains("14 feature columns, more than the 13", c.Err);

        // Converted with zero-based indices while the model's file was one-based: every feature would shift.
        ShardSets.Write(dir["zero"], new SvmlightDataset(x, heart.Labels, null, zeroBasedIndices: true));
        var d = Run("predict", "--model", dir["m.json"], "--data", dir["zero"]);
        Assert.Equal(2, d.Code);
        Assert.Contains("zero-based", d.Err);
    }

    [Fact]
    public void ADirectoryThatIsNoShardDatasetOrACorruptedShardIsExitCode2NamingTheFile()
    {
        using var dir = new ScratchDirectory("shard-cli");
        Directory.CreateDirectory(dir["empty"]);
        var (code, _, stderr) = Run("fit", "--model", "ridge", "--data", dir["empty"]);
        Assert.Equal(2, code);
        Assert.Contains($"{dir["empty"]} is not a shard dataset: it has no manifest.json", stderr);

        var manifest = ShardSets.Write(dir["heart"], DatasetLocator.Find("binary/heart_scale"));
        string victim = ShardSets.Corrupt(dir["heart"], manifest, 3);
        foreach (string[] args in new[]
        {
            new[] { "fit", "--model", "logistic", "--data", dir["heart"] },
            ["path", "--model", "lasso", "--data", dir["heart"], "--no-plot", "--output", dir["p"]],
        })
        {
            (code, _, stderr) = Run(args);
            Assert.True(code == 2, $"{args[0]}: {code} {stderr}");
            Assert.Contains(Path.Combine(dir["heart"], victim), stderr);
            Assert.Contains("checksum", stderr);
        }
    }

    [Fact]
    public void BenchRunsTheSolversThatReadShardsByPasses()
    {
        using var dir = new ScratchDirectory("shard-bench");
        ShardSets.Write(dir["heart"], DatasetLocator.Find("binary/heart_scale"));
        var (code, stdout, stderr) = Run("bench", "--model", "logistic", "--data", dir["heart"], "--tol", "1e-8", "--max-time", "1",
            "--reference-time", "5", "--out", dir["out"]);
        Assert.True(code == 0, stderr + stdout);
        Assert.Contains("sparse, ", stdout);
        Assert.Contains(" shards", stdout);
        var solvers = File.ReadAllLines(dir["out/traces.csv"]).Skip(1).Select(l => l.Split(',')[0]).Distinct().ToArray();
        // Every solver that multiplies by X and Xᵀ; coordinate descent (and, with an intercept, the dual) do not apply.
        Assert.Contains("lbfgs", solvers);
        Assert.Contains("newton", solvers);
        Assert.DoesNotContain("cd", solvers);
        Assert.DoesNotContain("dual-cd", solvers);
        string md = File.ReadAllText(dir["out/report.md"]);
        Assert.Contains(dir["heart"], md);
    }

    [Fact]
    public void PathAndCrossValidationOnShardsAreTheFilesWithTheSameSolver()
    {
        using var dir = new ScratchDirectory("shard-cli");
        string file = DatasetLocator.Find("binary/heart_scale");
        ShardSets.Write(dir["shards"], file);
        string[] common = ["--model", "lasso", "--solver", "owlqn", "--tol", "1e-10", "--n-lambda", "5", "--lambda-min-ratio", "0.05", "--no-plot", "--json"];
        var a = Run(["path", "--data", file, "--output", dir["a"], .. common]);
        var b = Run(["path", "--data", dir["shards"], "--output", dir["b"], .. common]);
        Assert.True(a.Code == 0 && b.Code == 0, a.Err + b.Err);
        var (pa, pb) = (Last(a.Out), Last(b.Out));
        Assert.Equal(pa.GetProperty("points").GetInt32(), pb.GetProperty("points").GetInt32());
        Assert.Equal(pa.GetProperty("lambda_max").GetDouble(), pb.GetProperty("lambda_max").GetDouble(), 1e-13);
        Assert.Equal(pa.GetProperty("nnz_last").GetInt32(), pb.GetProperty("nnz_last").GetInt32());

        string[] cv = [.. common, "--folds", "3"];
        var c = Run(["cv", "--data", file, "--output", dir["c"], .. cv]);
        var d = Run(["cv", "--data", dir["shards"], "--output", dir["d"], .. cv]);
        Assert.True(c.Code == 0 && d.Code == 0, c.Err + d.Err);
        var (ca, cb) = (Last(c.Out), Last(d.Out));
        Assert.Equal(ca.GetProperty("lambda_min").GetDouble(), cb.GetProperty("lambda_min").GetDouble(), 1e-13);
        double la = ca.GetProperty("cv_loss_min").GetDouble(), lb = cb.GetProperty("cv_loss_min").GetDouble();
        Assert.True(Math.Abs(la - lb) <= 1e-8 * la, $"cv loss {la:R} (file) vs {lb:R} (shards)");
        double fa = ca.GetProperty("objective").GetDouble(), fb = cb.GetProperty("objective").GetDouble();
        Assert.True(Math.Abs(fa - fb) <= 1e-10 * fa, $"refit objective {fa:R} vs {fb:R}");
    }
}
