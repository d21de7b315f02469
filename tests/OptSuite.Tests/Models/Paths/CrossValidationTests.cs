using OptSuite.Data;
using OptSuite.Models;

namespace OptSuite.Tests.Models.Paths;

/// <summary>
/// k-fold cross-validation along paths: deterministic folds (same seed, same λ_min; identical tables with 1 and 2
/// parallel folds), stratification, the mean and standard error recomputed from the fold table, one fold's loss
/// recomputed by an independent estimator fit on that fold's training rows, and the refit at the chosen λ. A few seconds.
/// </summary>
public class CrossValidationTests
{
    private static SvmlightDataset Load(string name) => SvmlightReader.Read(DatasetLocator.Find(name));

    [Fact]
    public void SameSeedGivesIdenticalResultsWithOneAndTwoParallelFolds()
    {
        var d = Load("regression/prostate_train.svm");
        var path = new LassoPath { PathLength = 40 };
        var one = path.CrossValidate(d.Features, d.Labels, options: new CrossValidationOptions { Seed = 11, MaxDegreeOfParallelism = 1 });
        var two = path.CrossValidate(d.Features, d.Labels, options: new CrossValidationOptions { Seed = 11, MaxDegreeOfParallelism = 2 });
        var again = path.CrossValidate(d.Features, d.Labels, options: new CrossValidationOptions { Seed = 11, MaxDegreeOfParallelism = 2 });
        Assert.Equal(one.MeanLoss, two.MeanLoss);   // bit for bit
        Assert.Equal(one.StandardError, two.StandardError);
        Assert.Equal(one.Folds, two.Folds);
        Assert.Equal(one.LambdaMin, two.LambdaMin);
        Assert.Equal(one.LambdaOneStandardError, two.LambdaOneStandardError);
        Assert.Equal(two.MeanLoss, again.MeanLoss);
        Assert.Equal(one.Model.Coefficients, two.Model.Coefficients);
        var other = path.CrossValidate(d.Features, d.Labels, options: new CrossValidationOptions { Seed = 12 });
        Assert.NotEqual(one.Folds, other.Folds);
    }

    [Fact]
    public void MeanAndStandardErrorFollowFromTheFoldTableAndAFoldLossIsAnIndependentFitsHeldOutError()
    {
        var d = Load("regression/prostate_train.svm");
        var cv = new LassoPath { PathLength = 20, Tolerance = 1e-10 }.CrossValidate(d.Features, d.Labels,
            options: new CrossValidationOptions { Folds = 4, Seed = 3 });
        Assert.Equal(CrossValidationMetric.MeanSquaredError, cv.Metric);
        int[] folds = cv.Folds;
        Assert.All(Enumerable.Range(0, 4), f => Assert.InRange(folds.Count(v => v == f), 16, 17));   // 67 rows
        double[] mean = cv.MeanLoss, se = cv.StandardError, w = cv.FoldWeights;
        for (int t = 0; t < mean.Length; t++)
        {
            double m = Enumerable.Range(0, 4).Sum(f => w[f] * cv.FoldLoss(f, t)) / w.Sum();
            double v = Enumerable.Range(0, 4).Sum(f => w[f] * Math.Pow(cv.FoldLoss(f, t) - m, 2)) / w.Sum() / 3;
            Assert.Equal(m, mean[t], 1e-12 * m);
            Assert.Equal(Math.Sqrt(v), se[t], 1e-12 * m);
        }
        Assert.Equal(mean.Min(), mean[cv.IndexMin]);
        Assert.True(cv.LambdaOneStandardError >= cv.LambdaMin);
        Assert.True(mean[cv.IndexOneStandardError] <= mean[cv.IndexMin] + se[cv.IndexMin]);
        for (int t = 0; t < cv.IndexOneStandardError; t++) Assert.True(mean[t] > mean[cv.IndexMin] + se[cv.IndexMin]);

        // Fold 2's loss at λ index 12, recomputed: a Lasso fitted on the other folds' rows, scored on fold 2's rows.
        var all = d.Features.ToDense();
        int[] train = Enumerable.Range(0, d.Rows).Where(i => folds[i] != 2).ToArray(), test = Enumerable.Range(0, d.Rows).Where(i => folds[i] == 2).ToArray();
        double[,] Rows(int[] r) { var a = new double[r.Length, d.Columns]; for (int i = 0; i < r.Length; i++) for (int j = 0; j < d.Columns; j++) a[i, j] = all[r[i], j]; return a; }
        var lasso = new Lasso { Lambda = cv.Lambdas[12], Tolerance = 1e-10 }.Fit(Rows(train), train.Select(i => d.Labels[i]).ToArray());
        double[] predicted = lasso.Predict(Rows(test));
        double mse = test.Select((i, r) => Math.Pow(d.Labels[i] - predicted[r], 2)).Average();
        Assert.Equal(mse, cv.FoldLoss(2, 12), 1e-7 * mse);

        // The refit is the full-data path's point at the chosen λ.
        Assert.Equal(LambdaRule.Minimum, cv.Rule);
        Assert.Equal(cv.LambdaMin, cv.Model.Report!.Lambda);
        Assert.Equal(cv.Path.Points[cv.IndexMin].Objective, cv.Model.Report.Objective, 1e-8 * cv.Model.Report.Objective);
    }

    [Fact]
    public void LogisticFoldsAreStratifiedAndBothMetricsWork()
    {
        var d = Load("binary/heart_scale");   // 150 × −1, 120 × +1
        var path = new LogisticPath { PathLength = 25 };
        var deviance = path.CrossValidate(d.Features, d.Labels, options: new CrossValidationOptions { Folds = 5, Rule = LambdaRule.OneStandardError });
        var errors = path.CrossValidate(d.Features, d.Labels, options: new CrossValidationOptions { Folds = 5, Metric = CrossValidationMetric.Misclassification });
        Assert.Equal(CrossValidationMetric.Deviance, deviance.Metric);
        int[] folds = deviance.Folds;
        for (int f = 0; f < 5; f++)
        {
            Assert.Equal(30, Enumerable.Range(0, d.Rows).Count(i => folds[i] == f && d.Labels[i] < 0));
            Assert.Equal(24, Enumerable.Range(0, d.Rows).Count(i => folds[i] == f && d.Labels[i] > 0));
        }
        // The null model's held-out deviance is about 2·H(120/270) ≈ 1.37; a good λ does far better.
        Assert.InRange(deviance.MeanLoss[0], 1.3, 1.45);
        Assert.InRange(deviance.MeanLoss[deviance.IndexMin], 0.6, 1.0);
        Assert.InRange(errors.MeanLoss[errors.IndexMin], 0.1, 0.25);
        Assert.All(errors.MeanLoss, v => Assert.Equal(Math.Round(v * 270), v * 270, 1e-9));   // errors counted over the 270 held-out rows
        Assert.Equal(deviance.LambdaOneStandardError, deviance.ChosenLambda);
        Assert.Equal(deviance.LambdaOneStandardError, deviance.Model.Report!.Lambda);
        Assert.Equal(Penalty.L1, deviance.Model.Penalty);
        Assert.InRange(deviance.Model.Score(d.Features, d.Labels), 0.75, 1);
    }

    [Fact]
    public void BadOptionsNameTheParameter()
    {
        var d = Load("regression/prostate_train.svm");
        var path = new LassoPath { PathLength = 5 };
        Assert.Equal("Folds", Assert.Throws<ArgumentOutOfRangeException>(() => path.CrossValidate(d.Features, d.Labels, options: new CrossValidationOptions { Folds = 1 })).ParamName);
        Assert.Equal("Folds", Assert.Throws<ArgumentOutOfRangeException>(() => path.CrossValidate(d.Features, d.Labels, options: new CrossValidationOptions { Folds = 68 })).ParamName);
        Assert.Equal("MaxDegreeOfParallelism", Assert.Throws<ArgumentOutOfRangeException>(() => path.CrossValidate(d.Features, d.Labels, options: new CrossValidationOptions { MaxDegreeOfParallelism = 0 })).ParamName);
        Assert.Equal("Metric", Assert.Throws<ArgumentException>(() => path.CrossValidate(d.Features, d.Labels, options: new CrossValidationOptions { Metric = CrossValidationMetric.Deviance })).ParamName);
        var heart = Load("binary/heart_scale");
        string[] labels = heart.Labels.Select(v => v > 0 ? "yes" : "no").ToArray();
        labels[0] = "maybe";
        Assert.Throws<ArgumentException>(() => new LogisticPath().CrossValidate(heart.Features, labels));
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => new LassoPath { CancellationToken = cts.Token }.CrossValidate(d.Features, d.Labels));
    }
}
