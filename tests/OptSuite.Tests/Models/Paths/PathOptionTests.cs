using System.Globalization;
using System.Text.Json;
using OptSuite.Data;
using OptSuite.Models;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Models.Paths;

/// <summary>
/// Penalty factors, bounds and standardisation along paths and in cross-validation (issue 19): glmnet 4.1-6's own paths
/// with penalty.factor (a zero among them), standardize = TRUE, lower.limits = 0 and a Poisson path with factors, and one
/// cv.glmnet with a fixed foldid (datasets/reference/path_options.json, commands inside) — the λ grid to 1e-10, the
/// objectives to 1e-9 and never above glmnet's, the coefficients, the fold means to 1e-7; glmnet's single Poisson fits
/// with factors and bounds; bounds at every point; the paths that do not take the options refuse them by name; the
/// command line.
/// </summary>
public class PathOptionTests
{
    private static JsonElement Reference(string problem) => ReferenceFiles.Entry("path_options.json", problem);

    private static double[]? Doubles(JsonElement r, string name) =>
        r.GetProperty(name).ValueKind == JsonValueKind.Null ? null : r.GetProperty(name).EnumerateArray().Select(e => e.GetDouble()).ToArray();

    /// <summary>The path of a record with its options; gaussian targets divided by the record's y_scale (see the generator).</summary>
    private static (LinearPath Path, SvmlightDataset Data, double[] Y) Setup(JsonElement r)
    {
        var d = ReferenceFiles.Data(r);
        double alpha = r.GetProperty("alpha").GetDouble(), scale = r.GetProperty("y_scale").GetDouble();
        LinearPath path = r.GetProperty("family").GetString() switch
        {
            "gaussian" => alpha == 1 ? new LassoPath() : new ElasticNetPath { L1Ratio = alpha },
            "binomial" => new LogisticPath { L1Ratio = alpha },
            _ => new PoissonPath { L1Ratio = alpha },
        };
        path.PenaltyFactors = Doubles(r, "penalty_factors");
        path.LowerBounds = Doubles(r, "lower_limits");
        path.UpperBounds = Doubles(r, "upper_limits");
        path.Standardize = r.GetProperty("standardize").GetBoolean();
        path.PathLength = r.GetProperty("nlambda").GetInt32();
        path.LambdaMinRatio = r.GetProperty("lambda_min_ratio").GetDouble();
        path.Tolerance = 1e-12;
        return (path, d, d.Labels.Select(v => v / scale).ToArray());
    }

    private static RegularizationPath Fit(LinearPath path, SvmlightDataset d, double[] y) => path switch
    {
        LogisticPath l => l.Fit(d.Features, y),
        LassoPath l => l.Fit(d.Features, y),
        ElasticNetPath e => e.Fit(d.Features, y),
        _ => ((LogLinkPath)path).Fit(d.Features, y),
    };

    [Theory]
    [InlineData("gaussian_lasso_factors_standardize")]
    [InlineData("gaussian_enet_factors_standardize")]
    [InlineData("binomial_lower0")]
    [InlineData("poisson_factors")]
    public void GlmnetsPathsWithOptionsAreReproduced(string problem)
    {
        var r = Reference(problem);
        var (estimator, d, y) = Setup(r);
        var path = Fit(estimator, d, y);
        double[] lambdas = Doubles(r, "lambda")!;
        // glmnet's grid (its λ_max from the factors, on the standardised scale) and its early stop.
        Assert.Equal(lambdas.Length, path.Points.Count);
        for (int k = 0; k < lambdas.Length; k++)
            Assert.True(Math.Abs(path.Points[k].Lambda - lambdas[k]) <= 1e-10 * lambdas[k], $"λ[{k}] = {path.Points[k].Lambda:R}, glmnet {lambdas[k]:R}");
        double[]? lower = Doubles(r, "lower_limits");
        bool gaussian = r.GetProperty("family").GetString() == "gaussian";
        var points = r.GetProperty("points").EnumerateArray().ToArray();
        for (int k = 0; k < points.Length; k++)
        {
            var q = points[k];
            var ours = path.Points[k];
            Assert.True(ours.Converged, $"point {k}: {ours}");
            double reference = q.GetProperty("objective").GetDouble(), glmnet = q.GetProperty("glmnet_objective").GetDouble();
            Assert.True(Math.Abs(ours.Objective - reference) <= 1e-9 * Math.Abs(reference), $"point {k}: F = {ours.Objective:R}, reference {reference:R}");
            Assert.True(ours.Objective <= glmnet + 1e-12 * Math.Abs(glmnet), $"point {k}: F = {ours.Objective:R} above glmnet's {glmnet:R}");
            // Full-rank designs: the optimum is unique. Gaussian points are polished to KKT ~1e-11, but boston's correlated
            // columns leave our own point (certified to a 1e-12 relative gap, which bounds ‖Δw‖ only by √(2·gap/μ) with μ the
            // smallest curvature) up to ~2e-6 from it since coordinate descent extrapolates its sweeps (Anderson); glmnet's
            // binomial and Poisson points stop at KKT ~1e-7 (kkt_max in the record) and ~4e-6 from ours. The objectives above
            // are the sharp test.
            double[] w = Doubles(q, "coef")!, b = path.Coefficients(k);
            double scale = Math.Max(1, w.Max(Math.Abs)), tol = 1e-5;
            for (int j = 0; j < w.Length; j++)
                Assert.True(Math.Abs(w[j] - b[j]) <= tol * scale, $"point {k}: w[{j}] = {b[j]:R}, glmnet {w[j]:R}");
            Assert.True(Math.Abs(q.GetProperty("intercept").GetDouble() - ours.Intercept) <= tol * scale, $"point {k}: b = {ours.Intercept:R}, glmnet {q.GetProperty("intercept").GetDouble():R}");
            if (lower is not null) Assert.All(b, v => Assert.True(v >= lower[0], $"point {k}: {v} below {lower[0]}"));
        }
    }

    /// <summary>cv.glmnet with the same foldid: each fold standardised on its own training rows, the same grid; fold means to
    /// 1e-7, λ_min and λ_1se as glmnet's; the refit on all rows takes the options and is glmnet's full-data point.</summary>
    [Fact]
    public void CrossValidationIsCvGlmnetsWithTheOptions()
    {
        var r = Reference("gaussian_lasso_factors_standardize_cv");
        var (estimator, d, y) = Setup(r);
        estimator.Tolerance = 1e-14;
        int[] folds = r.GetProperty("foldid").EnumerateArray().Select(e => e.GetInt32() - 1).ToArray();
        var cv = ((LassoPath)estimator).CrossValidate(d.Features, y, options: new CrossValidationOptions { FoldIds = folds });
        double[] cvm = Doubles(r, "cvm")!, cvsd = Doubles(r, "cvsd")!, lambdas = Doubles(r, "lambda")!;
        Assert.Equal(cvm.Length, cv.MeanLoss.Length);
        for (int t = 0; t < cvm.Length; t++)
        {
            Assert.True(Math.Abs(cv.Lambdas[t] - lambdas[t]) <= 1e-10 * lambdas[t]);
            Assert.True(Math.Abs(cv.MeanLoss[t] - cvm[t]) <= 1e-7 * cvm[t], $"cvm[{t}] = {cv.MeanLoss[t]:R}, glmnet {cvm[t]:R}");
            Assert.True(Math.Abs(cv.StandardError[t] - cvsd[t]) <= 1e-6 * cvsd[t], $"cvsd[{t}] = {cv.StandardError[t]:R}, glmnet {cvsd[t]:R}");
        }
        Assert.Equal(r.GetProperty("lambda_min").GetDouble(), cv.LambdaMin, 1e-10 * cv.LambdaMin);
        Assert.Equal(r.GetProperty("lambda_1se").GetDouble(), cv.LambdaOneStandardError, 1e-10 * cv.LambdaOneStandardError);
        var model = cv.Model;
        Assert.Equal(estimator.PenaltyFactors, model.PenaltyFactors);
        Assert.True(model.Standardize);
        var point = r.GetProperty("points")[cv.IndexMin];
        double[] w = Doubles(point, "coef")!;
        double scale = w.Max(Math.Abs);
        for (int j = 0; j < w.Length; j++) Assert.True(Math.Abs(model.Coefficients[j] - w[j]) <= 1e-6 * scale, $"w[{j}] = {model.Coefficients[j]:R}, glmnet {w[j]:R}");
    }

    public static TheoryData<string> SingleFits() => new("poisson_factors_bounds_alpha1_lam0.1", "poisson_factors_bounds_alpha1_lam0.01",
        "poisson_factors_bounds_alpha0.5_lam0.05", "gamma_factors_bounds_standardize_alpha1_lam0.1",
        "gamma_factors_bounds_standardize_alpha1_lam0.01", "gamma_factors_bounds_standardize_alpha0.5_lam0.05");

    /// <summary>The first outside references of single Poisson fits with penalty factors (a zero among them) and bounds, and
    /// of Gamma fits with factors, bounds and standardisation (glmnet's family object Gamma(link = "log")): glmnet's
    /// optimum at its λ.</summary>
    [Theory]
    [MemberData(nameof(SingleFits))]
    public void GlmnetsPoissonAndGammaFitsWithTheOptionsAreReached(string problem)
    {
        var r = Reference(problem);
        double alpha = r.GetProperty("alpha").GetDouble();
        var penalty = alpha == 1 ? Penalty.L1 : Penalty.ElasticNet;
        double? ratio = alpha == 1 ? null : alpha;
        LinearRegressor m = r.GetProperty("family").GetString() == "gamma"
            ? new GammaRegressor { Penalty = penalty, L1Ratio = ratio }
            : new PoissonRegressor { Penalty = penalty, L1Ratio = ratio };
        m.Lambda = r.GetProperty("lam").GetDouble();
        m.PenaltyFactors = Doubles(r, "penalty_factors");
        m.LowerBounds = Doubles(r, "lower_limits");
        m.UpperBounds = Doubles(r, "upper_limits");
        m.Standardize = r.GetProperty("standardize").GetBoolean();
        m.Tolerance = 1e-12;
        // glmnet's Gamma points stop at a KKT violation of ~2e-8 (kkt_max; not polished), and abalone's nearly collinear
        // weight columns then leave coefficients ~1e-5 apart at equal objectives (as for the Gamma and Tweedie references).
        PenaltyFactorTests.Matches(r, m, coefficientTolerance: problem.StartsWith("gamma", StringComparison.Ordinal) ? 2e-5 : 1e-5);
    }

    /// <summary>Bounds hold at every point of a standardised Tweedie path and of its folds' refit; the CV refit takes the options.</summary>
    [Fact]
    public void BoundsHoldAtEveryPointAndTheRefitTakesTheOptions()
    {
        var d = SvmlightReader.Read(DatasetLocator.Find("regression/abalone_scale")!);
        double[] v = Enumerable.Range(0, d.Columns).Select(j => j == 2 ? 0.0 : 1.0 + j % 3).ToArray();
        var path = new TweediePath { Power = 1.5, Positive = true, UpperBounds = [0.4], PenaltyFactors = v, Standardize = true, PathLength = 15, Tolerance = 1e-10 };
        var fitted = path.Fit(d.Features, d.Labels);
        Assert.True(fitted.Points.Count > 5);
        for (int k = 0; k < fitted.Points.Count; k++)
            Assert.All(fitted.Coefficients(k), w => Assert.InRange(w, 0, 0.4));
        // The unpenalised column is fitted from the first point on; the penalised ones are 0 there (λ_max).
        Assert.NotEqual(0, fitted.Coefficients(0)[2]);
        Assert.Equal(1, fitted.Points[0].NonZeroCoefficients);
        var cv = path.CrossValidate(d.Features, d.Labels, options: new CrossValidationOptions { Folds = 3 });
        var model = cv.Model;
        Assert.True(model.Positive && model.Standardize);
        Assert.Equal(v, model.PenaltyFactors);
        Assert.All(model.Coefficients, w => Assert.InRange(w, 0, 0.4));
    }

    /// <summary>Standardisation alone keeps the coordinate-descent path session (strong rule) on the scaled columns: every
    /// point is the standardised estimator's fit at its λ, on the original scale.</summary>
    [Fact]
    public void AStandardisedPathIsTheStandardisedEstimatorAtEachLambda()
    {
        var d = SvmlightReader.Read(DatasetLocator.Find("regression/boston_housing.svm")!);
        var path = new LassoPath { Standardize = true, PathLength = 12, LambdaMinRatio = 1e-2, Tolerance = 1e-12 }.Fit(d.Features, d.Labels);
        Assert.Equal(12, path.Points.Count);
        foreach (int k in new[] { 0, 4, 11 })
        {
            var m = new Lasso { Lambda = path.Points[k].Lambda, Standardize = true, Tolerance = 1e-12 }.Fit(d.Features, d.Labels);
            Assert.Equal(m.Report!.Objective, path.Points[k].Objective, 1e-10 * m.Report.Objective);
            double[] w = path.Coefficients(k);
            for (int j = 0; j < w.Length; j++) Assert.Equal(m.Coefficients[j], w[j], 1e-6 * Math.Max(1, Math.Abs(m.Coefficients[j])));
        }
        // Unstandardised, boston's raw columns give another path (tax and black dominate λ_max).
        Assert.NotEqual(path.LambdaMax, new LassoPath { PathLength = 12 }.Fit(d.Features, d.Labels).LambdaMax, 1e-6);
    }

    [Fact]
    public void PathsWithoutTheOptionsRefuseThemByName()
    {
        var d = SvmlightReader.Read(DatasetLocator.Find("multiclass/iris.svm")!);
        var e = Assert.Throws<ArgumentException>(() => new MultinomialPath { Standardize = true }.Fit(d.Features, d.Labels));
        Assert.Equal("Standardize", e.ParamName);
        Assert.Contains("not multinomial", e.Message);
        var bad = Assert.Throws<ArgumentException>(() => new LassoPath { PenaltyFactors = [1, 2] }.Fit(d.Features, d.Labels));
        Assert.Equal("PenaltyFactors", bad.ParamName);
        var bounds = Assert.Throws<ArgumentException>(() => new LassoPath { LowerBounds = [0.5] }.Fit(d.Features, d.Labels));
        Assert.Equal("LowerBounds", bounds.ParamName);
    }

    [Fact]
    public void TheCommandLinePathAndCvTakeTheOptions()
    {
        var r = Reference("gaussian_lasso_factors_standardize");
        string data = Path.Combine(DatasetLocator.RepositoryRoot()!, r.GetProperty("data").GetString()!);
        using var dir = new ScratchDirectory("path-options");
        File.WriteAllLines(dir["v.txt"], Doubles(r, "penalty_factors")!.Select(t => t.ToString(CultureInfo.InvariantCulture)));
        var (code, stdout, err) = CliProcess.Run(["path", "--model", "lasso", "--data", data, "--penalty-factors", dir["v.txt"], "--standardize",
            "--n-lambda", "30", "--lambda-min-ratio", "1e-3", "--tol", "1e-12", "--no-plot", "--json", "--output", dir["p"]]);
        Assert.True(code == 0, err);
        var j = JsonDocument.Parse(stdout.TrimEnd('\n').Split('\n')[^1]).RootElement;
        double glmnet = Doubles(r, "lambda")![0];
        Assert.True(Math.Abs(j.GetProperty("lambda_max").GetDouble() - glmnet) <= 1e-10 * glmnet, stdout);
        Assert.Equal(30, j.GetProperty("points").GetInt32());

        (code, stdout, err) = CliProcess.Run(["cv", "--model", "logistic", "--data", DatasetLocator.Find("binary/heart_scale")!, "--positive",
            "--upper-bound", "0.5", "--n-lambda", "10", "--folds", "3", "--no-plot", "--json", "--output", dir["c"]]);
        Assert.True(code == 0, err);
        Assert.Equal("logistic", JsonDocument.Parse(stdout.TrimEnd('\n').Split('\n')[^1]).RootElement.GetProperty("model").GetString());

        // Bad usage: exit 2, one error line naming the option.
        (code, _, err) = CliProcess.Run(["path", "--model", "multinomial", "--data", DatasetLocator.Find("multiclass/iris.svm")!, "--standardize",
            "--no-plot", "--output", dir["m"]]);
        Assert.Equal(2, code);
        Assert.Equal("error: --standardize does not apply to --model multinomial.", err.Trim());
        File.WriteAllLines(dir["short.txt"], ["1", "2"]);
        (code, _, err) = CliProcess.Run(["cv", "--model", "lasso", "--data", data, "--penalty-factors", dir["short.txt"], "--no-plot", "--output", dir["s"]]);
        Assert.Equal(2, code);
        Assert.Equal($"error: --penalty-factors {dir["short.txt"]}: 2 factors (lines 1–2) for 13 features of --data; give one per feature.", err.Trim());
        (code, _, err) = CliProcess.Run(["path", "--model", "lasso", "--data", data, "--positive", "--lower-bound", "-1", "--no-plot", "--output", dir["b"]]);
        Assert.Equal(2, code);
        Assert.Equal("error: --positive is --lower-bound 0; give one of them.", err.Trim());
    }
}
