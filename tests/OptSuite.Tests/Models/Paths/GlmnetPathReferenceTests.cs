using System.Text.Json;
using OptSuite.Data;
using OptSuite.Models;
using Xunit.Abstractions;

namespace OptSuite.Tests.Models.Paths;

/// <summary>
/// LassoPath and LogisticPath against glmnet 4.1-6's own default paths, frozen in datasets/reference/paths_glmnet.json by
/// make_path_references.py (thresh 1e-14, standardize = FALSE, intercept = TRUE): the same λ_max, the same grid, the same
/// early-stop point (prostate runs all 100 λ, heart_scale stops at 76 on glmnet's deviance rule), and at every stored
/// point the same objective (to 1e-9 relative) and coefficients (to 1e-5 of the largest). About a second.
/// </summary>
public class GlmnetPathReferenceTests(ITestOutputHelper output)
{
    private static JsonElement Case(string problem)
    {
        string file = Path.Combine(DatasetLocator.RepositoryRoot()!, "datasets", "reference", "paths_glmnet.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(file));
        return doc.RootElement.EnumerateArray().Single(e => e.GetProperty("problem").GetString() == problem).Clone();
    }

    [Fact]
    public void LassoPathMatchesGlmnet()
    {
        var c = Case("lasso_path");
        var d = SvmlightReader.Read(Path.Combine(DatasetLocator.RepositoryRoot()!, c.GetProperty("data").GetString()!));
        var path = new LassoPath { Tolerance = 1e-12 }.Fit(d.Features, d.Labels);
        Check(c, path);
    }

    [Fact]
    public void LogisticPathMatchesGlmnet()
    {
        var c = Case("logreg_l1_path");
        var d = SvmlightReader.Read(Path.Combine(DatasetLocator.RepositoryRoot()!, c.GetProperty("data").GetString()!));
        var path = new LogisticPath { Tolerance = 1e-12 }.Fit(d.Features, d.Labels);
        Check(c, path);
        Assert.Equal(PathTermination.DevianceChangeSmall, path.Termination);
    }

    private void Check(JsonElement c, RegularizationPath path)
    {
        double[] lambdas = c.GetProperty("lambdas").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        double[] ratio = c.GetProperty("dev_ratio").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        output.WriteLine($"{path}; glmnet {lambdas.Length} points");
        Assert.Equal(lambdas.Length, path.Points.Count);
        Assert.Equal(lambdas[0], path.LambdaMax, 1e-13 * lambdas[0]);
        for (int k = 0; k < lambdas.Length; k++)
        {
            Assert.Equal(lambdas[k], path.Points[k].Lambda, 1e-12 * lambdas[k]);
            Assert.Equal(ratio[k], path.Points[k].DevianceExplained, 1e-7);
        }
        foreach (var p in c.GetProperty("points").EnumerateArray())
        {
            int k = p.GetProperty("index").GetInt32();
            double[] coef = p.GetProperty("coef").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            double objective = p.GetProperty("objective").GetDouble();
            var point = path.Points[k];
            double rel = (point.Objective - objective) / Math.Abs(objective);
            double[] w = point.ToDense(path.FeatureCount);
            double scale = Math.Max(1, coef.Max(Math.Abs));
            double worst = coef.Select((v, j) => Math.Abs(v - w[j])).Max() / scale;
            output.WriteLine($"#{k,2} λ = {point.Lambda:E4}  F = {point.Objective:R}  glmnet {objective:R}  rel {rel:+0.0E+0;-0.0E+0}  max|Δw|/scale {worst:E1}  nnz {point.NonZeroCoefficients}");
            Assert.True(rel <= 1e-9, $"point {k}: objective {point.Objective:R} above glmnet's {objective:R} ({rel:E2})");
            Assert.True(rel >= -1e-9, $"point {k}: objective {point.Objective:R} far below glmnet's {objective:R} ({rel:E2}): a different problem?");
            Assert.True(worst <= 1e-5, $"point {k}: coefficients differ by {worst:E2}");
            Assert.Equal(p.GetProperty("intercept").GetDouble(), point.Intercept, 1e-5 * scale);
        }
    }
}
