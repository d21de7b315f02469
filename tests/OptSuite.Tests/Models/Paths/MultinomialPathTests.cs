using System.Text.Json;
using OptSuite.Data;
using OptSuite.Models;

namespace OptSuite.Tests.Models.Paths;

/// <summary>
/// <see cref="MultinomialPath"/> against glmnet 4.1-6's <c>family = "multinomial"</c> paths on iris at α = 1 and 0.5
/// (datasets/reference/multinomial_path.json, command inside): the same λ grid (λ_max exact), the same coefficients and
/// centred intercepts at every tenth point; cross-validation by multinomial deviance refits at its λ; the estimator at a
/// path's λ is the path's point.
/// </summary>
public class MultinomialPathTests
{
    private static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    [Theory]
    [InlineData("multinomial_path_iris_a1")]
    [InlineData("multinomial_path_iris_a0.5")]
    public void MatchesGlmnet(string problem)
    {
        var r = Support.ReferenceFiles.Entry("multinomial_path.json", problem);
        var data = Support.ReferenceFiles.Data(r);
        double alpha = r.GetProperty("alpha").GetDouble();
        double[] lambdas = Doubles(r.GetProperty("lambda"));
        var grid = new MultinomialPath { L1Ratio = alpha, PathLength = lambdas.Length, StopEarly = false, MaxIterations = 1, Threads = 1 }.Fit(data.Features, data.Labels);
        Assert.Equal(3, grid.OutputCount);
        Assert.Equal(lambdas[0], grid.LambdaMax, 1e-12 * lambdas[0]);
        for (int t = 0; t < lambdas.Length; t++) Assert.Equal(lambdas[t], grid.Points[t].Lambda, 1e-12 * lambdas[t]);
        // The first half of the grid: below it iris's classes separate and the intercepts run off towards ±∞ slowly (both
        // libraries' last digits there are their stopping rules').
        var path = new MultinomialPath { L1Ratio = alpha, Tolerance = 1e-10, Lambdas = lambdas[..51], Threads = 1 }.Fit(data.Features, data.Labels);
        foreach (var point in r.GetProperty("points").EnumerateArray().Where(p => p.GetProperty("index").GetInt32() <= 50))
        {
            int t = point.GetProperty("index").GetInt32();
            double[] w = Doubles(point.GetProperty("w")), a0 = Doubles(point.GetProperty("a0"));
            double[] ours = path.Coefficients(t), b = path.Points[t].Intercepts;
            double scale = Math.Max(1, w.Max(Math.Abs));
            double reference = point.GetProperty("objective").GetDouble();
            Assert.True(path.Points[t].Objective <= reference * (1 + 1e-10), $"λ[{t}]: ours {path.Points[t].Objective:R} above glmnet's {reference:R}");
            Assert.Equal(reference, path.Points[t].Objective, 1e-8 * reference);
            // The objective is flat along the intercepts' and coefficients' weakly determined directions: 1e-8 in F leaves them 1e-5 apart.
            for (int j = 0; j < w.Length; j++) Assert.True(Math.Abs(w[j] - ours[j]) <= 1e-4 * scale, $"λ[{t}] w[{j}]: glmnet {w[j]}, ours {ours[j]}");
            double shift = b.Average();
            for (int c = 0; c < 3; c++) Assert.True(Math.Abs(a0[c] - (b[c] - shift)) <= 1e-4 * scale, $"λ[{t}] a0[{c}]: glmnet {a0[c]}, ours {b[c] - shift}");
            // The data term alone moves with the weakly determined directions (the penalty takes the rest of F): 1e-5.
            Assert.Equal(point.GetProperty("dev_ratio").GetDouble(), path.Points[t].DevianceExplained, 1e-5);
        }
    }

    [Fact]
    public void PointsAreTheEstimatorAndCrossValidationRefits()
    {
        var iris = SvmlightReader.Read(DatasetLocator.Find("multiclass/iris.svm"));
        var path = new MultinomialPath { PathLength = 30, Tolerance = 1e-10, Threads = 1 }.Fit(iris.Features, iris.Labels);
        Assert.All(path.Points[0].Indices, _ => Assert.Fail("W = 0 at λ_max"));
        var point = path.Points[20];
        var single = new LogisticRegression { Multinomial = true, Penalty = Penalty.L1, Lambda = point.Lambda, Tolerance = 1e-10, Threads = 1 }.Fit(iris.Features, iris.Labels);
        double[] w = path.Coefficients(20);
        for (int j = 0; j < w.Length; j++) Assert.Equal(single.Coefficients[j], w[j], 1e-5);

        var cv = new MultinomialPath { PathLength = 30 }.CrossValidate(iris.Features, iris.Labels, options: new CrossValidationOptions { Folds = 5, Seed = 4 });
        Assert.Equal(cv.LambdaMin, cv.Model.Lambda);
        Assert.True(cv.Model.Multinomial);
        Assert.True(cv.MeanLoss[cv.IndexMin] < cv.MeanLoss[0], "the held-out deviance falls below the null model's");
        Assert.InRange(cv.Model.Score(iris.Features, iris.Labels), 0.9, 1);
        var misclassification = new MultinomialPath { PathLength = 30, Threads = 1 }.CrossValidate(iris.Features, iris.Labels,
            options: new CrossValidationOptions { Folds = 5, Seed = 4, Metric = CrossValidationMetric.Misclassification });
        Assert.InRange(misclassification.MeanLoss[misclassification.IndexMin], 0, 0.1);
        Assert.Contains("MeanSquaredError", Assert.Throws<ArgumentException>(() => new MultinomialPath().CrossValidate(iris.Features, iris.Labels,
            options: new CrossValidationOptions { Metric = CrossValidationMetric.MeanSquaredError })).Message);
    }

    [Fact]
    public void PathAndCvCommandsTakeTheMultinomialModel()
    {
        using var dir = new Support.ScratchDirectory("multinomial-path");
        string data = DatasetLocator.Find("multiclass/iris.svm");
        var (code, _, err) = OptSuite.Tests.Cli.InspectCommandTests.Run("path", "--model", "multinomial", "--data", data, "--n-lambda", "12",
            "--threads", "1", "--output", dir["p"]);
        Assert.True(code == 0, err);
        var lines = File.ReadAllLines(dir["p_coef.csv"]);
        Assert.Equal("index,lambda,feature,class,value", lines[0]);
        Assert.Contains(lines.Skip(1), l => l.Split(',')[3] == "2");
        (code, _, err) = OptSuite.Tests.Cli.InspectCommandTests.Run("cv", "--model", "multinomial", "--data", data, "--n-lambda", "10", "--folds", "3",
            "--threads", "1", "--no-plot", "--output", dir["cv"], "--save-model", dir["m.json"]);
        Assert.True(code == 0, err);
        Assert.True(LinearEstimator.Load<LogisticRegression>(dir["m.json"]).Multinomial);
    }
}
