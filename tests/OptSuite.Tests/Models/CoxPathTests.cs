using System.Text.Json;
using OptSuite.Models;

namespace OptSuite.Tests.Models;

/// <summary>
/// <see cref="CoxPath"/> against R glmnet 4.1-6 on CoxExample (datasets/reference/cox.json): λ_max and the default grid,
/// path points equal to single fits, and cv.glmnet's grouped partial-likelihood deviance (mean and standard error per λ,
/// λ_min, λ_1se) with the recorded foldid.
/// </summary>
public class CoxPathTests
{
    private static JsonElement Reference(string problem) => Support.ReferenceFiles.Entry("cox.json", problem);

    private static double[] Doubles(JsonElement r, string name) => r.GetProperty(name).EnumerateArray().Select(e => e.GetDouble()).ToArray();

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.5)]
    public void TheGridIsGlmnets(double alpha)
    {
        var r = Reference(alpha == 1 ? "cox_lambda_max_alpha1" : "cox_lambda_max_alpha0.5");
        var d = CoxRegressionTests.Data();
        var path = new CoxPath { L1Ratio = alpha }.Fit(d.Features, d.Time, d.Status);
        Assert.Equal(r.GetProperty("lambda_max").GetDouble(), path.LambdaMax, 1e-13);
        double[] glmnet = Doubles(r, "lambda");
        int common = Math.Min(glmnet.Length, path.Points.Count);
        Assert.True(common >= 20, $"{common} common points");
        for (int k = 0; k < common; k++) Assert.Equal(glmnet[k], path.Points[k].Lambda, 1e-8 * glmnet[k]);
        // glmnet's Fortran takes the step ε^{1/(L−1)} with 1/(L−1) in single precision (0.9111627561944 for 0.9111627561155),
        // so its λ_k drifts from the exact λ_max·ε^{k/(L−1)} by k·8.7e-11 relative; the step itself is that of the formula.
        Assert.Equal(Math.Pow(1e-4, 1.0 / 99), path.Points[1].Lambda / path.Points[0].Lambda, 1e-15);
        Assert.Equal(0, path.Points[0].NonZeroCoefficients);
        Assert.True(path.Converged);
    }

    [Fact]
    public void PathPointsAreTheSingleFits()
    {
        var d = CoxRegressionTests.Data();
        var path = new CoxPath { L1Ratio = 0.5, Lambdas = [0.1, 0.05, 0.02], Tolerance = 1e-10 }.Fit(d.Features, d.Time, d.Status);
        for (int k = 0; k < 3; k++)
        {
            var m = new CoxRegression { Lambda = path.Points[k].Lambda, L1Ratio = 0.5, Tolerance = 1e-10 }.Fit(d.Features, d.Time, d.Status);
            Assert.Equal(m.Report!.Objective, path.Points[k].Objective, 1e-12);
            double[] b = path.Coefficients(k);
            for (int j = 0; j < b.Length; j++) Assert.Equal(m.Coefficients[j], b[j], 1e-8);
        }
    }

    [Fact]
    public void CrossValidationIsCvGlmnetsGroupedDeviance()
    {
        var r = Reference("cox_cv_deviance");
        var d = CoxRegressionTests.Data();
        int[] folds = Enumerable.Range(0, d.Time.Length).Select(i => i % 5).ToArray();
        var cv = new CoxPath { Lambdas = Doubles(r, "lambda"), Tolerance = 1e-10 }.CrossValidate(d.Features, d.Time, d.Status,
            options: new CrossValidationOptions { FoldIds = folds });
        double[] cvm = Doubles(r, "cvm"), cvsd = Doubles(r, "cvsd");
        for (int t = 0; t < cvm.Length; t++)
        {
            Assert.Equal(cvm[t], cv.MeanLoss[t], 1e-7 * cvm[t]);
            Assert.Equal(cvsd[t], cv.StandardError[t], 1e-5 * cvsd[t]);
        }
        Assert.Equal(r.GetProperty("lambda_min").GetDouble(), cv.LambdaMin, 1e-12);
        Assert.Equal(r.GetProperty("lambda_1se").GetDouble(), cv.LambdaOneStandardError, 1e-12);
        Assert.Equal(cv.LambdaMin, cv.Model.Report!.Lambda);
        Assert.Equal(CrossValidationMetric.Deviance, cv.Metric);
        Assert.Throws<ArgumentException>(() => new CoxPath().CrossValidate(d.Features, d.Time, d.Status,
            options: new CrossValidationOptions { Metric = CrossValidationMetric.MeanSquaredError }));
        // The fold ids are checked as every path's (CrossValidationOptions.Validate), naming FoldIds.
        var e = Assert.Throws<ArgumentException>(() => new CoxPath().CrossValidate(d.Features, d.Time, d.Status,
            options: new CrossValidationOptions { FoldIds = folds[1..] }));
        Assert.Equal("FoldIds", e.ParamName);
    }

    [Fact]
    public void CrossValidationByTheConcordanceIndexIsCvGlmnetsC()
    {
        var r = Reference("cox_cv_cindex");
        var d = CoxRegressionTests.Data();
        int[] folds = Enumerable.Range(0, d.Time.Length).Select(i => i % 5).ToArray();
        var cv = new CoxPath { Lambdas = Doubles(r, "lambda"), Tolerance = 1e-10 }.CrossValidate(d.Features, d.Time, d.Status,
            options: new CrossValidationOptions { Metric = CrossValidationMetric.ConcordanceIndex, FoldIds = folds });
        double[] cvm = Doubles(r, "cvm"), cvsd = Doubles(r, "cvsd");
        for (int t = 0; t < cvm.Length; t++)
        {
            Assert.Equal(cvm[t], 1 - cv.MeanLoss[t], 1e-9);
            Assert.Equal(cvsd[t], cv.StandardError[t], 1e-9);
        }
        Assert.Equal(r.GetProperty("lambda_min").GetDouble(), cv.LambdaMin, 1e-12);
        Assert.Equal(r.GetProperty("lambda_1se").GetDouble(), cv.LambdaOneStandardError, 1e-12);
        Assert.Equal(CrossValidationMetric.ConcordanceIndex, cv.Metric);
        Assert.Throws<ArgumentException>(() => new LassoPath().CrossValidate(d.Features, d.Time, null,
            new CrossValidationOptions { Metric = CrossValidationMetric.ConcordanceIndex }));
    }
}
