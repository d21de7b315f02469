using OptSuite.Models;
using OptSuite.Tests.Reference;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Models;

/// <summary>
/// GammaRegressor against the frozen optima of scikit-learn 1.2.1's GammaRegressor (L2) and glmnet 4.1-6's
/// family = Gamma(link = "log") (L1, elastic net) on abalone (<see cref="GammaReference"/>: datasets/reference/gamma.json,
/// written by datasets/reference/make_gamma_references.py), and the model's paths through the registry: the command
/// line, save and load.
/// </summary>
public class GammaRegressorTests
{
    public static TheoryData<int> Cases() => [.. Enumerable.Range(0, GammaReference.Cases.Count)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesTheFrozenOptimum(int index)
    {
        var c = GammaReference.Cases[index];
        var (x, y) = GammaReference.LoadData();
        var model = new GammaRegressor { Lambda = c.Lambda, FitIntercept = c.FitIntercept, Tolerance = 1e-12 };
        if (c.L1Ratio > 0) model.L1Ratio = c.L1Ratio;
        model.Fit(x, y);
        var r = model.Report!;
        Assert.Equal(OptSuite.Solvers.StopReason.Converged, r.StopReason);
        Assert.Equal(c.L1Ratio > 0 ? SolverKind.CoordinateDescent : SolverKind.Lbfgs, r.Solver);
        Assert.True(Math.Abs(r.Objective - c.Objective) <= 1e-11 * Math.Abs(c.Objective), $"{c}: F {r.Objective:R}, reference {c.Objective:R} ({c.Tool})");
        // Abalone's nearly collinear weight columns pin the coefficients only to ~1e-6 at a 1e-12 gap (see GammaReferenceTests).
        double[] w = model.Coefficients;
        for (int j = 0; j < w.Length; j++) Assert.True(Math.Abs(w[j] - c.Coefficients[j]) <= 2e-5 * Math.Max(1, Math.Abs(c.Coefficients[j])), $"{c}: w[{j}] {w[j]:R} vs {c.Coefficients[j]:R}");
        if (c.FitIntercept) Assert.Equal(c.Intercept, model.Intercept, 1e-5);
        if (c.L1Ratio == 1) Assert.Equal(c.Coefficients.Count(v => v != 0), model.NonZeroCoefficients);
        Assert.Equal("d2_gamma", model.ScoreName);
        double d2 = model.Score(x, y);
        Assert.InRange(d2, 0.05, 1);
    }

    [Fact]
    public void RefusesNonPositiveTargetsAndRoundTripsThroughTheRegistryAndAFile()
    {
        var (x, y) = GammaReference.LoadData();
        var bad = (double[])y.Clone();
        bad[5] = 0;
        var e = Assert.Throws<ArgumentException>(() => new GammaRegressor().Fit(x, bad));
        Assert.Contains("y[5] = 0", e.Message);
        var model = (GammaRegressor)ModelRegistry.Get("gamma").Create(new ModelSettings { Penalty = Penalty.L1 });
        model.Lambda = 0.005;
        model.Fit(x, y);
        string file = Path.Combine(Path.GetTempPath(), $"gamma-{Guid.NewGuid():N}.json");
        try
        {
            model.Save(file);
            var loaded = LinearEstimator.Load<GammaRegressor>(file);
            Assert.Equal(Penalty.L1, loaded.Penalty);
            Assert.Equal(model.Predict(x), loaded.Predict(x));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void TheCommandLineFitsIt()
    {
        string data = Path.Combine(OptSuite.Data.DatasetLocator.RepositoryRoot()!, GammaReference.Data);
        var (code, stdout, err) = CliProcess.Run("fit", "--model", "gamma", "--data", data, "--json");
        Assert.True(code == 0, err);
        Assert.Contains("\"model\":\"gamma\"", stdout);
        Assert.Contains("\"score_kind\":\"d2_gamma\"", stdout);
        Assert.Contains("\"solver\":\"lbfgs\"", stdout);
        var l1 = CliProcess.Run("fit", "--model", "gamma", "--data", data, "--penalty", "l1", "--lambda", "0.005", "--json");
        Assert.True(l1.Code == 0, l1.Err);
        Assert.Contains("\"solver\":\"cd\"", l1.Out);
    }
}
