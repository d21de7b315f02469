using System.Text.Json;
using OptSuite.Data;
using OptSuite.Models;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Models.Paths;

/// <summary>
/// The log-link GLM paths (<see cref="PoissonPath"/>, <see cref="GammaPath"/>, <see cref="TweediePath"/>): glmnet 4.1-6's
/// own lasso paths — Poisson on PoissonExample, Gamma (R's Gamma(link = "log")) and Tweedie 1.5 (a family object) on
/// abalone (datasets/reference/poisson_path.json, make_poisson_path_references.py) — their grids and their coefficients
/// at six of their λ; a path with offsets through glmnet's offset optimum
/// (datasets/reference/offset.json); every point the estimator's fit at its λ; cross-validation by held-out deviance
/// with the offsets and weights of each fold's rows; the command line.
/// </summary>
public class LogLinkPathTests
{
    private static (SvmlightDataset Data, JsonElement Entry) Reference(string problem) =>
        (ReferenceFiles.Data(ReferenceFiles.Entry("poisson_path.json", problem)), ReferenceFiles.Entry("poisson_path.json", problem));

    /// <summary>The path of the reference's family: Poisson, Gamma, or Tweedie with power 1.5.</summary>
    private static LogLinkPath PathFor(string problem) => problem switch
    {
        "poisson_l1_path" => new PoissonPath(),
        "gamma_l1_path" => new GammaPath(),
        "tweedie_l1_path" => new TweediePath { Power = 1.5 },
        _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, "No such path reference."),
    };

    public static TheoryData<string> Paths() => ["poisson_l1_path", "gamma_l1_path", "tweedie_l1_path"];

    [Theory]
    [MemberData(nameof(Paths))]
    public void TheGridIsGlmnets(string problem)
    {
        var (d, e) = Reference(problem);
        double[] glmnet = e.GetProperty("glmnet_lambda").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var model = PathFor(problem);
        model.StopEarly = false;
        var path = model.Fit(d.Features, d.Labels.ToArray());
        Assert.Equal(glmnet[0], path.LambdaMax, 1e-10 * glmnet[0]);
        for (int k = 0; k < glmnet.Length; k++) Assert.Equal(glmnet[k], path.Points[k].Lambda, 1e-10 * glmnet[k]);
        Assert.Equal(0, path.Points[0].NonZeroCoefficients);   // w = 0 exactly at λ_max
        Assert.True(path.Points[1].NonZeroCoefficients > 0);
        // Deviance explained: 0 at the null model, growing, below 1 (the model's deviance, its dropped terms restored).
        Assert.Equal(0, path.Points[0].DevianceExplained, 1e-10);   // rounding of (D₀ − D)/D₀: ~2e-12 for Gamma and Tweedie on abalone
        for (int k = 1; k < path.Points.Count; k++) Assert.True(path.Points[k].DevianceExplained >= path.Points[k - 1].DevianceExplained - 1e-9);
        Assert.InRange(path.Points[^1].DevianceExplained, problem == "poisson_l1_path" ? 0.5 : 0.05, 1);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void MatchesGlmnetsPathAtItsLambdas(string problem)
    {
        var (d, e) = Reference(problem);
        var points = e.GetProperty("points").EnumerateArray().ToArray();
        double[] lambdas = points.Select(p => p.GetProperty("lam").GetDouble()).ToArray();
        var model = PathFor(problem);
        model.Lambdas = lambdas;
        model.Tolerance = 1e-12;
        var path = model.Fit(d.Features, d.Labels.ToArray());
        for (int k = 0; k < points.Length; k++)
        {
            var pt = path.Points[k];
            double reference = points[k].GetProperty("objective").GetDouble();
            Assert.Equal(lambdas[k], pt.Lambda);
            Assert.True(Math.Abs(pt.Objective - reference) <= 1e-10 * Math.Abs(reference), $"λ {pt.Lambda}: F {pt.Objective:R} vs {reference:R}");
            double[] w = points[k].GetProperty("coef").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            double[] mine = pt.ToDense(w.Length);
            for (int j = 0; j < w.Length; j++) Assert.True(Math.Abs(mine[j] - w[j]) <= 1e-6 * Math.Max(1, Math.Abs(w[j])), $"λ {pt.Lambda}: w[{j}] {mine[j]:R} vs {w[j]:R}");
            Assert.Equal(w.Count(v => v != 0), pt.NonZeroCoefficients);
            Assert.Equal(points[k].GetProperty("intercept").GetDouble(), pt.Intercept, 1e-6);
        }
    }

    [Fact]
    public void APathWithOffsetsPassesThroughGlmnetsOffsetOptimum()
    {
        var e = ReferenceFiles.Entry("offset.json", "poisson_l1_offset");
        var d = ReferenceFiles.Data(e);
        double[] o = e.GetProperty("offset").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        double lambda = e.GetProperty("lam").GetDouble(), reference = e.GetProperty("objective").GetDouble();
        var path = new PoissonPath { Lambdas = [4 * lambda, 2 * lambda, lambda], Tolerance = 1e-12 }.Fit(d.Features, d.Labels.ToArray(), null, o);
        Assert.Equal(reference, path.Points[^1].Objective, 1e-10 * Math.Abs(reference));
        // λ_max with offsets: the first point of a generated grid keeps w = 0 and the next one does not.
        var grid = new PoissonPath { PathLength = 5, StopEarly = false }.Fit(d.Features, d.Labels.ToArray(), null, o);
        Assert.Equal(0, grid.Points[0].NonZeroCoefficients);
        Assert.True(grid.Points[1].NonZeroCoefficients > 0);
    }

    [Fact]
    public void EveryPointIsTheEstimatorsFitAtItsLambda()
    {
        var abalone = SvmlightReader.Read(DatasetLocator.Find("regression/abalone_scale"));
        double[] y = abalone.Labels.ToArray();
        var tweedie = new TweediePath { Power = 1.3, L1Ratio = 0.5, PathLength = 8, StopEarly = false, Tolerance = 1e-10 }.Fit(abalone.Features, y);
        var gamma = new GammaPath { PathLength = 8, StopEarly = false, Tolerance = 1e-10 }.Fit(abalone.Features, y);
        foreach (int k in new[] { 2, 5, 7 })
        {
            var t = new TweedieRegressor { Power = 1.3, L1Ratio = 0.5, Lambda = tweedie.Points[k].Lambda, Tolerance = 1e-10 }.Fit(abalone.Features, y);
            Assert.Equal(t.Report!.Objective, tweedie.Points[k].Objective, 1e-9 * Math.Abs(t.Report.Objective));
            var g = new GammaRegressor { Penalty = Penalty.L1, Lambda = gamma.Points[k].Lambda, Tolerance = 1e-10 }.Fit(abalone.Features, y);
            Assert.Equal(g.Report!.Objective, gamma.Points[k].Objective, 1e-9 * Math.Abs(g.Report.Objective));
        }
        Assert.Equal("tweedie", tweedie.Model);
        var zero = (double[])y.Clone();
        zero[3] = 0;
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => new GammaPath().Fit(abalone.Features, zero)).ParamName);
    }

    [Fact]
    public void CrossValidationScoresEachFoldsHeldOutDevianceWithItsOffsets()
    {
        var e = ReferenceFiles.Entry("offset.json", "poisson_l1_offset");
        var d = ReferenceFiles.Data(e);
        double[] y = d.Labels.ToArray(), o = e.GetProperty("offset").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        double[] c = Enumerable.Range(0, y.Length).Select(i => 1.0 + i % 3).ToArray();
        var path = new PoissonPath { PathLength = 12, Tolerance = 1e-10 };
        var cv = path.CrossValidate(d.Features, y, c, o, new CrossValidationOptions { Folds = 3, Seed = 4 });
        Assert.Equal(CrossValidationMetric.Deviance, cv.Metric);
        // Fold 1 at the 6th λ, by hand: the estimator fitted on the other folds' rows (their weights and offsets), its
        // weighted mean Poisson deviance on fold 1's rows with their offsets.
        int f = 1, t = 5;
        int[] folds = cv.Folds, train = [.. Enumerable.Range(0, y.Length).Where(i => folds[i] != f)], test = [.. Enumerable.Range(0, y.Length).Where(i => folds[i] == f)];
        var x = d.Features.ToDense();
        double[,] Rows(int[] rows) { var m = new double[rows.Length, x.Columns]; for (int i = 0; i < rows.Length; i++) for (int j = 0; j < x.Columns; j++) m[i, j] = x[rows[i], j]; return m; }
        double[] Pick(double[] v, int[] rows) => rows.Select(i => v[i]).ToArray();
        var model = new PoissonRegressor { Penalty = Penalty.L1, Lambda = cv.Lambdas[t], Tolerance = 1e-12 }.Fit(Rows(train), Pick(y, train), Pick(c, train), Pick(o, train));
        double[] mu = model.Predict(Rows(test), Pick(o, test));
        double sum = 0, weight = 0;
        for (int i = 0; i < test.Length; i++)
        {
            double yi = y[test[i]], ci = c[test[i]];
            sum += ci * 2 * ((yi > 0 ? yi * Math.Log(yi / mu[i]) : 0) - yi + mu[i]);
            weight += ci;
        }
        Assert.Equal(sum / weight, cv.FoldLoss(f, t), 1e-6 * sum / weight);
        // The refitted model is the offset model at the chosen λ.
        var refit = (PoissonRegressor)cv.Model;
        Assert.Equal(cv.ChosenLambda, refit.Report!.Lambda);
        var direct = new PoissonRegressor { Penalty = Penalty.L1, Lambda = cv.ChosenLambda, Tolerance = 1e-10 }.Fit(d.Features, y, c, o);
        Assert.Equal(direct.Report!.Objective, refit.Report.Objective, 1e-8 * Math.Abs(direct.Report.Objective));
        Assert.Throws<ArgumentException>(() => path.CrossValidate(d.Features, y, null, null, new CrossValidationOptions { Metric = CrossValidationMetric.MeanSquaredError }));
    }

    [Fact]
    public void TheCommandLineRunsPathAndCvForTheGlms()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"glm-path-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            string poisson = DatasetLocator.Find("glmnet_synthetic/PoissonExample.svm"), abalone = DatasetLocator.Find("regression/abalone_scale");
            var path = CliProcess.Run("path", "--model", "poisson", "--data", poisson, "--output", Path.Combine(dir, "p"), "--no-plot", "--json");
            Assert.True(path.Code == 0, path.Err);
            var (d, e) = Reference("poisson_l1_path");
            double[] glmnet = e.GetProperty("glmnet_lambda").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            Assert.Contains("\"model\":\"poisson\"", path.Out);
            Assert.Equal(glmnet[0], JsonDocument.Parse(path.Out.Trim().Split('\n')[^1]).RootElement.GetProperty("lambda_max").GetDouble(), 1e-10 * glmnet[0]);
            var cv = CliProcess.Run("cv", "--model", "tweedie", "--power", "1.4", "--data", abalone, "--folds", "3", "--n-lambda", "10",
                "--output", Path.Combine(dir, "t"), "--no-plot", "--json");
            Assert.True(cv.Code == 0, cv.Err);
            Assert.Contains("\"metric\":\"deviance\"", cv.Out);
            Assert.Contains("\"score_kind\":\"d2_tweedie\"", cv.Out);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
