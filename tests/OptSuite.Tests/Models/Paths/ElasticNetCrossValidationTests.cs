using System.Text.Json;
using OptSuite.Data;
using OptSuite.Models;

namespace OptSuite.Tests.Models.Paths;

/// <summary>
/// <see cref="ElasticNetPath.CrossValidateL1Ratios"/>
/// against scikit-learn 1.2.1's ElasticNetCV over an L1-ratio grid with the same folds (<see cref="CrossValidationOptions.FoldIds"/>)
/// and the same α grid (datasets/reference/enet_cv.json, command inside): every fold's held-out MSE at every (ratio, λ), the
/// winning ratio and λ, and the refitted coefficients.
/// </summary>
public class ElasticNetCrossValidationTests
{
    private static JsonElement Reference => Support.ReferenceFiles.Entry("enet_cv.json", "enet_cv_diabetes");

    private static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    [Fact]
    public void MatchesScikitLearnElasticNetCvFoldByFold()
    {
        var r = Reference;
        var data = Support.ReferenceFiles.Data(r);
        double[] ratios = Doubles(r.GetProperty("l1_ratios"));
        double[] alphas = Doubles(r.GetProperty("alphas"));
        int[] folds = r.GetProperty("fold_ids").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        // diabetes's columns have norms ≈ 1 over 442 rows: a relative gap of 1e-13 still leaves held-out MSEs 1e-7 apart, 1e-15 none.
        var path = new ElasticNetPath { Lambdas = alphas, StopEarly = false, Tolerance = 1e-15 };
        var cv = path.CrossValidateL1Ratios(data.Features, data.Labels, ratios, options: new CrossValidationOptions { FoldIds = folds });

        var mse = r.GetProperty("mse_path");
        for (int k = 0; k < ratios.Length; k++)
        {
            var result = cv.Results[k];
            Assert.Equal(alphas, result.Lambdas);
            Assert.Equal(5, result.FoldCount);
            var rows = mse[k].EnumerateArray().ToArray();
            for (int t = 0; t < alphas.Length; t++)
            {
                double[] perFold = Doubles(rows[t]);
                for (int f = 0; f < 5; f++) Assert.Equal(perFold[f], result.FoldLoss(f, t), 1e-7 * perFold[f]);   // 1e-8 seen
            }
        }
        Assert.Equal(r.GetProperty("l1_ratio").GetDouble(), cv.L1Ratio);
        Assert.Equal(r.GetProperty("alpha").GetDouble(), cv.Best.ChosenLambda);
        Assert.Equal(cv.L1Ratio, cv.Model.L1Ratio);
        double[] w = Doubles(r.GetProperty("w"));
        double scale = w.Max(Math.Abs);
        for (int j = 0; j < w.Length; j++) Assert.Equal(w[j], cv.Model.Coefficients[j], 1e-6 * scale);
        Assert.Equal(r.GetProperty("b").GetDouble(), cv.Model.Intercept, 1e-6 * scale);
    }

    [Fact]
    public void EveryRatioSeesTheSameFoldsAndBadRatiosAreRefused()
    {
        var data = SvmlightReader.Read(DatasetLocator.Find("regression/prostate_train.svm"));
        var cv = new ElasticNetPath { PathLength = 20 }.CrossValidateL1Ratios(data.Features, data.Labels, [0.2, 0.8], options: new CrossValidationOptions { Folds = 4, Seed = 3 });
        Assert.Equal(cv.Results[0].Folds, cv.Results[1].Folds);
        Assert.All(cv.Results, x => Assert.True(x.MeanLoss[x.IndexMin] >= cv.Best.MeanLoss[cv.Best.IndexMin]));
        Assert.Contains("l1Ratios[1] = 0", Assert.Throws<ArgumentOutOfRangeException>(() =>
            new ElasticNetPath().CrossValidateL1Ratios(data.Features, data.Labels, [0.5, 0])).Message);
        Assert.Contains("FoldIds has no sample in fold 1", Assert.Throws<ArgumentException>(() =>
            new ElasticNetPath().CrossValidate(data.Features, data.Labels, options: new CrossValidationOptions { FoldIds = data.Labels.Select((_, i) => i % 2 == 0 ? 0 : 2).ToArray() })).Message);
        Assert.Contains("FoldIds has 3 entries", Assert.Throws<ArgumentException>(() =>
            new ElasticNetPath().CrossValidate(data.Features, data.Labels, options: new CrossValidationOptions { FoldIds = [0, 1, 0] })).Message);
    }
}
