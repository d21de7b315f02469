using System.Globalization;
using System.Text.Json;
using OptSuite.Data;
using OptSuite.Models;

namespace OptSuite.Tests.Cli;

/// <summary><c>optsuite fit</c> and <c>predict</c> in-process on shipped data: JSON schema, exit codes, round trips.</summary>
[Collection("Console")]
public class FitPredictCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => InspectCommandTests.Run(args);

    private static string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "optsuite-fit-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static JsonElement LastJsonLine(string stdout)
    {
        string last = stdout.TrimEnd('\n').Split('\n')[^1];
        return JsonDocument.Parse(last).RootElement.Clone();
    }

    [Fact]
    public void FitJsonHasTheDocumentedFieldsAndTheObjectiveIsTheModelsObjective()
    {
        string heart = DatasetLocator.Find("binary/heart_scale");
        var (code, stdout, stderr) = Run("fit", "--model", "logistic", "--data", heart, "--test", heart, "--C", "1", "--tol", "1e-10", "--json");
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        var r = LastJsonLine(stdout);
        foreach (string key in new[] { "model", "solver", "objective", "gap", "iterations", "seconds", "stop_reason", "n", "p", "nnz_coef", "train_score", "test_score" })
            Assert.True(r.TryGetProperty(key, out _), $"missing {key}");
        Assert.Equal("logistic", r.GetProperty("model").GetString());
        Assert.Equal("lbfgs", r.GetProperty("solver").GetString());
        Assert.Equal(270, r.GetProperty("n").GetInt32());
        Assert.Equal(13, r.GetProperty("p").GetInt32());
        Assert.Equal("Converged", r.GetProperty("stop_reason").GetString());
        Assert.Equal(1.0 / 270, r.GetProperty("lambda").GetDouble(), 15);
        // Frozen: scikit-learn 1.2.1 lbfgs, C = 1 with intercept (datasets/reference/logreg_l2.json).
        Assert.Equal(0.3505749047666831, r.GetProperty("objective").GetDouble(), 1e-8);
        Assert.Equal(r.GetProperty("train_score").GetDouble(), r.GetProperty("test_score").GetDouble());
        Assert.InRange(r.GetProperty("train_score").GetDouble(), 0.8, 1.0);
        Assert.InRange(r.GetProperty("gap").GetDouble(), -1e-12, 1e-8);   // a certificate; ±rounding at the optimum
    }

    [Fact]
    public void GapIsNullOnlyWhereThereIsNoneAndTestScoreNullWithoutTestData()
    {
        var (code, stdout, _) = Run("fit", "--model", "ridge", "--data", DatasetLocator.Find("regression/prostate_train.svm"), "--json");
        Assert.Equal(0, code);
        var r = LastJsonLine(stdout);
        Assert.Equal(JsonValueKind.Null, r.GetProperty("test_score").ValueKind);
        Assert.Equal(JsonValueKind.Number, r.GetProperty("gap").ValueKind);
        Assert.Equal("cd", r.GetProperty("solver").GetString());
    }

    [Fact]
    public void FitSavePredictRoundTripsInInputOrder()
    {
        string dir = TempDir();
        string model = Path.Combine(dir, "m.json"), predictions = Path.Combine(dir, "p.txt");
        string train = DatasetLocator.Find("multiclass/vowel_train.svm"), test = DatasetLocator.Find("multiclass/vowel_test.svm");
        var fit = Run("fit", "--model", "multinomial", "--data", train, "--test", test, "--output", model, "--json");
        Assert.Equal(0, fit.Code);
        Assert.True(File.Exists(model));
        Assert.Empty(Directory.GetFiles(dir, "*.tmp"));
        var (code, stdout, stderr) = Run("predict", "--model", model, "--data", test);
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        string[] lines = stdout.TrimEnd('\n').Split('\n');
        var data = SvmlightReader.Read(test);
        Assert.Equal(data.Rows, lines.Length);
        var loaded = LinearEstimator.Load<LogisticRegression>(model);
        double[] expected = loaded.Predict(data.Features);
        Assert.Equal(expected.Select(v => v.ToString("R", CultureInfo.InvariantCulture)), lines);
        double accuracy = lines.Select((l, i) => double.Parse(l, CultureInfo.InvariantCulture) == data.Labels[i] ? 1.0 : 0.0).Average();
        Assert.Equal(LastJsonLine(fit.Out).GetProperty("test_score").GetDouble(), accuracy, 12);
        Assert.Equal(0, Run("predict", "--model", model, "--data", test, "--output", predictions).Code);
        Assert.Equal(lines, File.ReadAllLines(predictions));
    }

    [Fact]
    public void ExitCodesAndOneErrorLine()
    {
        string heart = DatasetLocator.Find("binary/heart_scale");
        var bad = Run("fit", "--model", "lasso", "--solver", "lbfgs", "--data", heart);
        Assert.Equal(2, bad.Code);
        Assert.StartsWith("error: ", bad.Err);
        Assert.Contains("Solvers that can: fista, ista, owlqn, cd.", bad.Err);
        Assert.DoesNotContain("   at ", bad.Err);

        // Trust-region Newton: L2 problems only, named in the refusal otherwise.
        var newton = Run("fit", "--model", "logistic", "--solver", "newton", "--data", heart, "--json", "--tol", "1e-10");
        Assert.Equal(0, newton.Code);
        Assert.Equal("newton", LastJsonLine(newton.Out).GetProperty("solver").GetString());
        Assert.Equal("Converged", LastJsonLine(newton.Out).GetProperty("stop_reason").GetString());
        var auto = Run("fit", "--model", "logistic", "--data", heart, "--json", "--tol", "1e-10");
        Assert.Equal(LastJsonLine(auto.Out).GetProperty("objective").GetDouble(), LastJsonLine(newton.Out).GetProperty("objective").GetDouble(), 1e-9);
        var l1 = Run("fit", "--model", "lasso", "--solver", "newton", "--data", heart);
        Assert.Equal(2, l1.Code);
        Assert.Contains("trust-region Newton needs an L2 penalty (a twice-differentiable objective)", l1.Err);

        Assert.Equal(0, Run("fit", "--model", "linear-svm", "--loss", "hinge", "--data", heart).Code);   // LIBLINEAR's -B 1 by default
        Assert.Equal(0, Run("fit", "--model", "linear-svm", "--loss", "hinge", "--no-intercept", "--data", heart).Code);
        Assert.Equal(0, Run("fit", "--model", "linear-svm", "--loss", "hinge", "--intercept-scaling", "1", "--data", heart).Code);
        Assert.Equal(2, Run("fit", "--model", "lasso", "--intercept-scaling", "1", "--data", heart).Code);
        Assert.Equal(2, Run("fit", "--model", "linear-svm", "--intercept-scaling", "0", "--data", heart).Code);
        Assert.Equal(2, Run("fit", "--model", "linear-svm", "--intercept-scaling", "1", "--no-intercept", "--data", heart).Code);
        Assert.Equal(2, Run("fit", "--model", "nope", "--data", heart).Code);
        Assert.Equal(2, Run("fit", "--model", "ridge", "--data", Path.Combine(TempDir(), "missing.svm")).Code);
        Assert.Equal(2, Run("fit", "--model", "ridge", "--data", heart, "--lambda", "1", "--C", "1").Code);
        Assert.Equal(2, Run("fit", "--model", "ridge", "--data", heart, "--penalty", "l1").Code);
        Assert.Equal(0, Run("fit", "--model", "quantile", "--quantile", "0.25", "--lambda", "0.01", "--data", heart).Code);
        Assert.Equal(2, Run("fit", "--model", "quantile", "--quantile", "1.5", "--data", heart).Code);
        Assert.Equal(2, Run("fit", "--model", "lasso", "--quantile", "0.5", "--data", heart).Code);
        var lbfgs = Run("fit", "--model", "quantile", "--solver", "lbfgs", "--data", heart);
        Assert.Equal(2, lbfgs.Code);
        Assert.Contains("Solvers that can: ipm", lbfgs.Err);

        string dir = TempDir();
        string malformed = Path.Combine(dir, "bad.svm");
        File.WriteAllText(malformed, "1 1:0.5\n-1 2:abc\n");
        var m = Run("fit", "--model", "logistic", "--data", malformed);
        Assert.Equal(2, m.Code);
        Assert.Contains("bad.svm:2", m.Err);

        string model = Path.Combine(dir, "v9.json");
        File.WriteAllText(model, "{\"schema_version\": 9, \"format\": \"optsuite.linear-model\"}");
        var v = Run("predict", "--model", model, "--data", heart);
        Assert.Equal(2, v.Code);
        Assert.Contains("schema_version 9", v.Err);
    }

    [Fact]
    public void MultiTaskLassoFitsOneTaskPerLabelAndPredictsKValuesPerLine()
    {
        string train = DatasetLocator.Find("multiclass/wine.svm");
        string model = Path.Combine(TempDir(), "mtl.json");
        var (code, stdout, stderr) = Run("fit", "--model", "multitask-lasso", "--data", train, "--test", train, "--lambda", "0.02",
            "--tol", "1e-10", "--output", model, "--json");
        Assert.True(code == 0, stderr);
        var r = LastJsonLine(stdout);
        Assert.Equal("cd", r.GetProperty("solver").GetString());
        Assert.Equal("Converged", r.GetProperty("stop_reason").GetString());
        Assert.Equal(r.GetProperty("train_score").GetDouble(), r.GetProperty("test_score").GetDouble());
        Assert.True(r.GetProperty("gap").GetDouble() <= 1e-9 * r.GetProperty("objective").GetDouble());
        // Shared rows: the number of non-zero coefficients is a multiple of the three tasks (wine's classes).
        Assert.Equal(0, r.GetProperty("nnz_coef").GetInt32() % 3);

        var p = Run("predict", "--model", model, "--data", train);
        Assert.Equal(0, p.Code);
        var lines = p.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(178, lines.Length);
        Assert.All(lines, l => Assert.Equal(3, l.Split(' ').Length));
        Assert.Equal(2, Run("fit", "--model", "multitask-lasso", "--solver", "lbfgs", "--data", train).Code);
    }
}
