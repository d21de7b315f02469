using System.Globalization;
using System.Text.Json;
using OptSuite.Data;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Cli;

/// <summary>
/// Issue 14, items 10 and 13–16 through the built CLI (a child process): the default SVMs fit, contradictory penalty
/// options and regression targets for classifiers are exit 2 with one <c>error:</c> line, Auto hands an uncertified run
/// over, and <c>--max-iter</c> caps the whole fit.
/// </summary>
public class FitDefaultsCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => CliProcess.Run(args);

    private static JsonElement Json(string stdout) => JsonDocument.Parse(stdout.TrimEnd('\n').Split('\n')[^1]).RootElement.Clone();

    private static void OneErrorLine(string stderr, string expected)
    {
        Assert.StartsWith("error: ", stderr);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.Contains(expected, stderr);
    }

    [Fact]
    public void TheDefaultMulticlassAndHingeSvmsFit()
    {
        var cs = Run("fit", "--model", "multiclass-svm", "--data", DatasetLocator.Find("peers/wine_scale.svm"), "--json");
        Assert.True(cs.Code == 0, cs.Err);
        Assert.Equal("Converged", Json(cs.Out).GetProperty("stop_reason").GetString());
        Assert.Equal(3, Json(cs.Out).GetProperty("classes").GetInt32());
        var hinge = Run("fit", "--model", "linear-svm", "--loss", "hinge", "--data", DatasetLocator.Find("binary/heart_scale"), "--json");
        Assert.True(hinge.Code == 0, hinge.Err);
        Assert.Equal("dual-cd", Json(hinge.Out).GetProperty("solver").GetString());
        Assert.True(Json(hinge.Out).GetProperty("fit_intercept").GetBoolean());
    }

    [Fact]
    public void AnL1RatioWithAnL1OrL2PenaltyIsBadUsage()
    {
        string heart = DatasetLocator.Find("binary/heart_scale");
        var l2 = Run("fit", "--model", "logistic", "--penalty", "l2", "--l1-ratio", "0.5", "--data", heart);
        Assert.Equal(2, l2.Code);
        OneErrorLine(l2.Err, "--l1-ratio applies to --penalty elastic-net, not l2");
        Assert.Equal(2, Run("fit", "--model", "linear-svm", "--penalty", "l1", "--l1-ratio", "0.5", "--data", heart).Code);
        // --l1-ratio alone is the elastic net, as L1Ratio alone is in C#.
        var en = Json(Run("fit", "--model", "logistic", "--l1-ratio", "0.5", "--C", "0.05", "--data", heart, "--json").Out);
        var explicitEn = Json(Run("fit", "--model", "logistic", "--penalty", "elastic-net", "--l1-ratio", "0.5", "--C", "0.05", "--data", heart, "--json").Out);
        Assert.Equal(explicitEn.GetProperty("objective").GetDouble(), en.GetProperty("objective").GetDouble());
        Assert.True(en.GetProperty("nnz_coef").GetInt32() < 13);
    }

    [Fact]
    public void AClassifierRefusesRegressionTargets()
    {
        var r = Run("fit", "--model", "logistic", "--data", DatasetLocator.Find("regression/prostate_train.svm"));
        Assert.Equal(2, r.Code);
        OneErrorLine(r.Err, "Unknown label type: continuous");
    }

    [Fact]
    public void AutoHandsOverAnUncertifiedRunAndMaxIterCapsTheWholeFit()
    {
        string dir = Path.Combine(Path.GetTempPath(), "optsuite-handover-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var (x, y) = OptSuite.Tests.Models.Robustness.AutoHandOverTests.HeartWithNoise(1e8);
            string data = Path.Combine(dir, "heart_noise.svm");
            using (var w = new StreamWriter(data))
                for (int i = 0; i < y.Length; i++)
                {
                    w.Write(y[i].ToString("R", CultureInfo.InvariantCulture));
                    for (int j = 0; j < x.GetLength(1); j++)
                        if (x[i, j] != 0) w.Write($" {j + 1}:{x[i, j].ToString("R", CultureInfo.InvariantCulture)}");
                    w.WriteLine();
                }
            var auto = Run("fit", "--model", "logistic", "--data", data, "--json");
            var cd = Run("fit", "--model", "logistic", "--solver", "cd", "--data", data, "--json");
            Assert.True(auto.Code == 0, auto.Err);
            Assert.Equal("Converged", Json(auto.Out).GetProperty("stop_reason").GetString());
            Assert.Equal(Json(cd.Out).GetProperty("train_score").GetDouble(), Json(auto.Out).GetProperty("train_score").GetDouble());
            Assert.Equal(Json(cd.Out).GetProperty("objective").GetDouble(), Json(auto.Out).GetProperty("objective").GetDouble(), 1e-6);

            var capped = Run("fit", "--model", "linear-svm", "--no-intercept", "--max-iter", "100",
                "--data", DatasetLocator.Find("binary/breast_cancer_wdbc.svm"), "--json");
            Assert.True(capped.Code == 0, capped.Err);
            Assert.InRange(Json(capped.Out).GetProperty("iterations").GetInt32(), 1, 100);
        }
        finally { Directory.Delete(dir, true); }
    }
}
