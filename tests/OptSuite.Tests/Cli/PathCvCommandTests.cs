using System.Globalization;
using System.Text.Json;
using OptSuite.Data;
using OptSuite.Models;

namespace OptSuite.Tests.Cli;

/// <summary><c>optsuite path</c> and <c>cv</c> in-process on shipped data: files written, JSON line, exit codes. A few seconds.</summary>
[Collection("Console")]
public class PathCvCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => InspectCommandTests.Run(args);

    private static string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "optsuite-path-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static JsonElement LastJsonLine(string stdout) =>
        JsonDocument.Parse(stdout.TrimEnd('\n').Split('\n')[^1]).RootElement.Clone();

    private static void IsImage(string file, string magic)
    {
        Assert.True(File.Exists(file), file);
        Assert.True(new FileInfo(file).Length > 5000, $"{file} is suspiciously small");
        byte[] bytes = File.ReadAllBytes(file);
        Assert.Contains(magic, System.Text.Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 200)), StringComparison.Ordinal);
    }

    [Fact]
    public void PathWritesCsvCoefficientsPlotsAndAJsonLineThatMatchTheLibrary()
    {
        string dir = TempDir(), prefix = Path.Combine(dir, "out", "prostate");
        string data = DatasetLocator.Find("regression/prostate_train.svm");
        var (code, stdout, stderr) = Run("path", "--model", "lasso", "--data", data, "--output", prefix, "--json");
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        var r = LastJsonLine(stdout);
        var d = SvmlightReader.Read(data);
        var library = new LassoPath().Fit(d.Features, d.Labels);
        Assert.Equal("lasso", r.GetProperty("model").GetString());
        Assert.Equal("cd", r.GetProperty("solver").GetString());
        Assert.Equal(library.Points.Count, r.GetProperty("points").GetInt32());
        Assert.Equal(library.LambdaMax, r.GetProperty("lambda_max").GetDouble());
        Assert.Equal(library.Termination.ToString(), r.GetProperty("termination").GetString());
        Assert.Equal(library.Points.Count, r.GetProperty("converged_points").GetInt32());

        string[] rows = File.ReadAllLines(prefix + ".csv");
        Assert.StartsWith("index,lambda,nnz,objective,gap,", rows[0]);
        Assert.Equal(library.Points.Count + 1, rows.Length);
        string[] last = rows[^1].Split(',');
        Assert.Equal(library.Points[^1].Lambda, double.Parse(last[1], CultureInfo.InvariantCulture));
        Assert.Equal(library.Points[^1].Objective, double.Parse(last[3], CultureInfo.InvariantCulture), 1e-9);
        string[] coef = File.ReadAllLines(prefix + "_coef.csv");
        Assert.Equal("index,lambda,feature,value", coef[0]);
        Assert.Equal(library.Points.Sum(p => p.NonZeroCoefficients) + 1, coef.Length);
        Assert.All(coef.Skip(1), l => Assert.InRange(int.Parse(l.Split(',')[2], CultureInfo.InvariantCulture), 1, 8));   // svmlight feature numbers
        IsImage(prefix + ".png", "PNG");
        IsImage(prefix + ".svg", "<svg");
    }

    [Fact]
    public void CvWritesTheTablePlotsModelAndAJsonLine()
    {
        string dir = TempDir(), prefix = Path.Combine(dir, "heart-cv"), model = Path.Combine(dir, "heart.json");
        string heart = DatasetLocator.Find("binary/heart_scale");
        var (code, stdout, stderr) = Run("cv", "--model", "logistic", "--data", heart, "--test", heart, "--folds", "4", "--cv-seed", "2",
            "--n-lambda", "30", "--rule", "1se", "--output", prefix, "--save-model", model, "--json");
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        var r = LastJsonLine(stdout);
        Assert.Equal("deviance", r.GetProperty("metric").GetString());
        Assert.Equal(4, r.GetProperty("folds").GetInt32());
        double lambda = r.GetProperty("lambda").GetDouble();
        Assert.Equal(r.GetProperty("lambda_1se").GetDouble(), lambda);
        Assert.True(lambda >= r.GetProperty("lambda_min").GetDouble());
        Assert.True(r.GetProperty("cv_loss_1se").GetDouble() <= r.GetProperty("cv_loss_min").GetDouble() + r.GetProperty("cv_se_min").GetDouble());
        Assert.Equal(r.GetProperty("train_score").GetDouble(), r.GetProperty("test_score").GetDouble());

        string[] rows = File.ReadAllLines(prefix + ".csv");
        Assert.Equal("index,lambda,nnz,mean,se,fold_1,fold_2,fold_3,fold_4", rows[0]);
        Assert.Equal(r.GetProperty("points").GetInt32() + 1, rows.Length);
        IsImage(prefix + ".png", "PNG");
        IsImage(prefix + ".svg", "<svg");
        var loaded = LinearEstimator.Load<LogisticRegression>(model);
        Assert.Equal(lambda, loaded.Report!.Lambda);
        Assert.Equal(Penalty.L1, loaded.Penalty);

        // The same seed gives the same choice; the command and the library agree.
        var d = SvmlightReader.Read(heart);
        var cv = new LogisticPath { PathLength = 30 }.CrossValidate(d.Features, d.Labels,
            options: new CrossValidationOptions { Folds = 4, Seed = 2, Rule = LambdaRule.OneStandardError });
        Assert.Equal(cv.LambdaOneStandardError, lambda);
        Assert.Equal(cv.LambdaMin, r.GetProperty("lambda_min").GetDouble());
    }

    [Fact]
    public void ExitCodesAreTwoForBadUsageOrInputWithOneErrorLine()
    {
        string dir = TempDir();
        string prostate = DatasetLocator.Find("regression/prostate_train.svm"), iris = DatasetLocator.Find("multiclass/iris.svm");
        string bad = Path.Combine(dir, "bad.svm");
        File.WriteAllText(bad, "1 1:0.5 2:x\n");
        string o = Path.Combine(dir, "x");
        foreach (var args in new[]
        {
            new[] { "path", "--model", "ridge", "--data", prostate },                                        // not a path model
            ["path", "--model", "lasso", "--data", Path.Combine(dir, "missing.svm")],                         // no such file
            ["path", "--model", "lasso", "--data", bad, "-o", o],                                             // malformed data
            ["path", "--model", "lasso", "--data", prostate, "--l1-ratio", "0.5", "-o", o],                   // α of the lasso is 1
            ["path", "--model", "lasso", "--data", prostate, "--lambda-min-ratio", "2", "-o", o],             // ε outside (0, 1)
            ["path", "--model", "logistic", "--data", iris, "-o", o],                                         // three classes
            ["cv", "--model", "lasso", "--data", prostate, "--folds", "1", "-o", o],                          // one fold
            ["cv", "--model", "lasso", "--data", prostate, "--metric", "deviance", "-o", o],                  // metric of logistic
            ["cv", "--model", "lasso", "--data", prostate, "--rule", "max", "-o", o],                         // unknown rule
        })
        {
            var (code, stdout, stderr) = Run(args);
            string[] lines = stderr.TrimEnd('\n').Split('\n');
            Assert.True(code == 2, $"{string.Join(' ', args)}: exit {code}, stderr {stderr}");
            Assert.StartsWith("error: ", lines[0]);
            Assert.DoesNotContain("   at ", stderr);
        }
        var missing = Run("path", "--model", "lasso", "--data", Path.Combine(dir, "missing.svm"));
        Assert.Contains("missing.svm", missing.Err);
        var malformed = Run("path", "--model", "lasso", "--data", bad, "-o", o);
        Assert.Contains("bad.svm:1:", malformed.Err);   // file:line:column
    }

    [Fact]
    public void AnUnwritableOutputPrefixIsExitTwoBeforeThePath()
    {
        // The output prefix names a file inside a regular file: bad usage (exit 2), found before any λ is solved
        // (issue 14 item 7; this was exit 1 after the whole path had run).
        string dir = TempDir();
        string file = Path.Combine(dir, "plain");
        File.WriteAllText(file, "x");
        var (code, _, stderr) = Run("path", "--model", "lasso", "--data", DatasetLocator.Find("regression/prostate_train.svm"),
            "--n-lambda", "5", "--output", Path.Combine(file, "out"));
        Assert.Equal(2, code);
        Assert.StartsWith("error: --output", stderr);
    }
}
