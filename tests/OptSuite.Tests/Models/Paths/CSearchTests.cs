using OptSuite.Data;
using OptSuite.Models;

namespace OptSuite.Tests.Models.Paths;

/// <summary>
/// <see cref="CSearch"/>, LIBLINEAR's <c>train -C</c>: the grid starts where LIBLINEAR 2.3.0 starts
/// (<c>liblinear-train -C -s 0 heart_scale</c> prints log2c = −12 first, <c>-s 2</c> −13; both end at log2c = 10) and
/// doubles; the accuracies are the held-out accuracies of independent cold fits at each C (warm starts change nothing but
/// time); the first best C wins and the refit is the classifier at that C.
/// </summary>
public class CSearchTests
{
    private static SvmlightDataset Heart => SvmlightReader.Read(DatasetLocator.Find("binary/heart_scale"));

    [Fact]
    public void GridIsLiblinearsAndAccuraciesAreColdFitsHeldOut()
    {
        var heart = Heart;
        var options = new CrossValidationOptions { Folds = 5, Seed = 2 };
        var logistic = new CSearch().Run(new LogisticRegression { FitIntercept = false, Tolerance = 1e-10 }, heart.Features, heart.Labels, options: options);
        Assert.Equal(Math.Pow(2, -12), logistic.Cs[0]);
        Assert.Equal(1024, logistic.Cs[^1]);
        Assert.Equal(23, logistic.Cs.Length);
        var svm = new CSearch().Run(new LinearSvm { FitIntercept = false, Tolerance = 1e-10 }, heart.Features, heart.Labels, options: options);
        Assert.Equal(Math.Pow(2, -13), svm.Cs[0]);

        // Held-out accuracy at a few C from cold fits on the same folds.
        foreach (int t in new[] { 0, 6, 12, 22 })
        {
            double right = 0;
            for (int f = 0; f < 5; f++)
            {
                int[] train = Enumerable.Range(0, heart.Rows).Where(i => logistic.Folds[i] != f).ToArray();
                int[] test = Enumerable.Range(0, heart.Rows).Where(i => logistic.Folds[i] == f).ToArray();
                var m = new LogisticRegression { FitIntercept = false, Tolerance = 1e-10, C = logistic.Cs[t] }
                    .Fit(((FeatureMatrix)heart.Features).SelectRows(train), train.Select(i => heart.Labels[i]).ToArray());
                double[] p = m.Predict(((FeatureMatrix)heart.Features).SelectRows(test));
                right += test.Where((i, r) => p[r] == heart.Labels[i]).Count();
            }
            Assert.Equal(right / heart.Rows, logistic.Accuracy[t], 1e-12);
        }
        Assert.Equal(logistic.Accuracy.Max(), logistic.BestAccuracy);
        Assert.Equal(Array.IndexOf(logistic.Accuracy, logistic.Accuracy.Max()), logistic.BestIndex);
        Assert.Equal(logistic.BestC, logistic.Model.C);
        var direct = new LogisticRegression { FitIntercept = false, Tolerance = 1e-10, C = logistic.BestC }.Fit(heart.Features, heart.Labels);
        Assert.Equal(direct.Coefficients, logistic.Model.Coefficients);
    }

    [Fact]
    public void BadSettingsAreRefused()
    {
        var heart = Heart;
        Assert.Contains("leave Lambda unset", Assert.Throws<ArgumentException>(() => new CSearch().Run(new LinearSvm { Lambda = 0.1 }, heart.Features, heart.Labels)).Message);
        Assert.Contains("StartC", Assert.Throws<ArgumentOutOfRangeException>(() => new CSearch { StartC = 2048 }.Run(new LinearSvm(), heart.Features, heart.Labels)).Message);
        var few = new CSearch { StartC = 0.25, MaxC = 1 }.Run(new LinearSvm(), heart.Features, heart.Labels);
        Assert.Equal([0.25, 0.5, 1.0], few.Cs);
    }

    [Fact]
    public void FitSearchCIsTheSearchOnTheCommandLine()
    {
        var heart = Heart;
        var expected = new CSearch().Run(new LinearSvm(), heart.Features, heart.Labels, options: new CrossValidationOptions { Folds = 4 });
        using var dir = new Support.ScratchDirectory("search-c");
        string data = DatasetLocator.Find("binary/heart_scale");
        var (code, stdout, err) = OptSuite.Tests.Cli.InspectCommandTests.Run("fit", "--model", "linear-svm", "--data", data, "--search-c", "--folds", "4",
            "--json", "--output", dir["m.json"]);
        Assert.True(code == 0, err);
        var json = System.Text.Json.JsonDocument.Parse(stdout.Trim().Split('\n')[^1]).RootElement;
        Assert.Equal(expected.BestC, json.GetProperty("best_c").GetDouble());
        Assert.Equal(expected.BestAccuracy, json.GetProperty("cv_accuracy").GetDouble(), 1e-15);
        Assert.Equal(expected.Model.Coefficients, LinearEstimator.Load<LinearSvm>(dir["m.json"]).Coefficients);
        (code, _, err) = OptSuite.Tests.Cli.InspectCommandTests.Run("fit", "--model", "lasso", "--data", data, "--search-c");
        Assert.Equal(2, code);
        Assert.Contains("--search-c applies to classifiers", err);
        (code, _, err) = OptSuite.Tests.Cli.InspectCommandTests.Run("fit", "--model", "logistic", "--data", data, "--search-c", "--C", "2");
        Assert.Equal(2, code);
        Assert.Contains("drop --lambda / --C", err);
        (code, _, err) = OptSuite.Tests.Cli.InspectCommandTests.Run("fit", "--model", "logistic", "--data", data, "--folds", "3");
        Assert.Equal(2, code);
        Assert.Contains("--folds applies to --search-c", err);
    }
}
