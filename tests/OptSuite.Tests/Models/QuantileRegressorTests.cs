using System.Text.Json;
using OptSuite.Data;
using OptSuite.Models;
using OptSuite.Solvers;
using Xunit.Abstractions;

namespace OptSuite.Tests.Models;

/// <summary>
/// QuantileRegressor through its public API: the optima frozen in datasets/reference/quantile.json (scikit-learn 1.2.1
/// QuantileRegressor with HiGHS and SciPy's linprog for L1 and λ = 0; a dual QP by SciPy SLSQP for L2 and elastic net —
/// see make_quantile_references.py) are reached with a certified gap, and the estimator behaves like the others (scores,
/// save/load, solver choice, defaults).
/// </summary>
public class QuantileRegressorTests(ITestOutputHelper output)
{
    private sealed record Case(string Data, double Tau, double Lambda, double L1Ratio, double Objective, double? Dual, string Tool);

    private static IEnumerable<Case> Cases()
    {
        string root = DatasetLocator.RepositoryRoot()!;
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "datasets", "reference", "quantile.json")));
        foreach (var e in doc.RootElement.EnumerateArray())
        {
            var c = e.GetProperty("candidates");
            yield return new Case(e.GetProperty("data").GetString()!, e.GetProperty("tau").GetDouble(), e.GetProperty("lam").GetDouble(),
                e.GetProperty("l1_ratio").GetDouble(), e.GetProperty("objective").GetDouble(),
                c.TryGetProperty("dual_slsqp", out var d) ? d.GetDouble() : null, e.GetProperty("tool").GetString()!);
        }
    }

    private static SvmlightDataset Read(string data) => SvmlightReader.Read(Path.Combine(DatasetLocator.RepositoryRoot()!, data));

    [Fact]
    public void ReachesTheFrozenOptimaWithACertifiedGap()
    {
        int count = 0;
        foreach (var c in Cases())
        {
            var d = Read(c.Data);
            var m = new QuantileRegressor
            {
                Quantile = c.Tau, Lambda = c.Lambda, L1Ratio = c.L1Ratio, Tolerance = 1e-9,
                Penalty = c.L1Ratio == 1 ? Penalty.L1 : c.L1Ratio == 0 ? Penalty.L2 : Penalty.ElasticNet,
            }.Fit(d.Features, d.Labels);
            var r = m.Report!;
            double rel = (r.Objective - c.Objective) / c.Objective;
            output.WriteLine($"{Path.GetFileName(c.Data),-20} τ={c.Tau} λ={c.Lambda} α={c.L1Ratio}: F = {r.Objective:R} rel. to {c.Tool}: {rel:+0.0e+0;-0.0e+0}, gap {r.DualityGap:0.0e+0}, {r.Iterations} it, {r.Elapsed.TotalMilliseconds:F1} ms");
            Assert.True(r.Converged, r.ToString());
            Assert.Equal(SolverKind.InteriorPoint, r.Solver);
            Assert.True(r.DualityGap is { } g && g >= 0 && g <= 1e-9 * r.Objective, $"gap {r.DualityGap}");
            // Never worse than the reference; and no better than the reference's own certificate allows: the HiGHS vertex
            // is exact to rounding, the SLSQP dual value bounds the optimum from below.
            Assert.True(rel <= 1e-9, $"{c}: {r.Objective:R} above the reference ({rel:E2})");
            double lower = c.Dual ?? c.Objective * (1 - 1e-9);
            Assert.True(r.Objective >= lower - 1e-12, $"{c}: {r.Objective:R} below the reference's lower bound {lower:R}");
            count++;
        }
        Assert.Equal(37, count);
    }

    [Fact]
    public void ScoresSaveLoadAndDefaults()
    {
        var train = Read("datasets/regression/prostate_train.svm");
        var test = Read("datasets/regression/prostate_test.svm");
        var m = new QuantileRegressor { Quantile = 0.9, Lambda = 0.01 }.Fit(train.Features, train.Labels);
        double[] p = m.Predict(test.Features);
        // Pinball loss at τ = 0.9: about 90% of the training targets lie below the fitted quantile.
        double below = train.Labels.Zip(m.Predict(train.Features)).Count(t => t.First <= t.Second + 1e-9) / (double)train.Labels.Length;
        Assert.InRange(below, 0.85, 0.95);
        double pinball = test.Labels.Zip(p).Average(t => Math.Max(0.9 * (t.First - t.Second), -0.1 * (t.First - t.Second)));
        Assert.Equal(pinball, m.PinballLoss(test.Features, test.Labels), 1e-12);
        Assert.Equal(OptSuite.Objectives.Metrics.RegressionMetrics.RSquared(test.Labels, p), m.Score(test.Features, test.Labels), 1e-12);

        string path = Path.Combine(Path.GetTempPath(), "optsuite-quantile-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            m.Save(path);
            var loaded = LinearEstimator.Load<QuantileRegressor>(path);
            Assert.Equal(p, loaded.Predict(test.Features));
            Assert.Equal(0.9, loaded.Quantile);
            Assert.Equal(Penalty.L1, loaded.Penalty);
        }
        finally { File.Delete(path); }

        // Defaults are scikit-learn's: τ = 0.5, L1, λ = alpha = 1, which is the frozen prostate case (τ, λ) = (0.5, 0.1)
        // only at its own λ; so check the default against a fit with the options spelled out.
        var d = new QuantileRegressor().Fit(train.Features, train.Labels);
        var spelled = new QuantileRegressor { Quantile = 0.5, Penalty = Penalty.L1, Lambda = 1.0 }.Fit(train.Features, train.Labels);
        Assert.Equal(1.0, d.Report!.Lambda);
        for (int j = 0; j < d.FeatureCount; j++) Assert.Equal(spelled.Coefficients[j], d.Coefficients[j], 1e-12);
        // λ = 1 is a strong penalty on prostate: the interior point's ~1e-9 values of the inactive coefficients are
        // returned as exact zeros (the certificate is re-checked at the zeroed point).
        Assert.InRange(d.NonZeroCoefficients, 0, d.FeatureCount - 1);
        Assert.Equal(d.NonZeroCoefficients, spelled.NonZeroCoefficients);
        Assert.True(d.Report!.Converged && d.Report.DualityGap <= SolverSettings.DefaultTolerance * d.Report.Objective, d.Report.ToString());
    }

    [Fact]
    public void OnlyTheInteriorPointMethodSolvesIt()
    {
        var train = Read("datasets/regression/prostate_train.svm");
        var e = Assert.Throws<UnsupportedSolverException>(() => new QuantileRegressor { Solver = SolverKind.Lbfgs }.Fit(train.Features, train.Labels));
        Assert.Equal([SolverKind.InteriorPoint], e.Supported);
        Assert.Contains("ipm", e.Message);
        Assert.Contains("not differentiable", e.Message);
        var l = Assert.Throws<UnsupportedSolverException>(() => new Lasso { Solver = SolverKind.InteriorPoint }.Fit(train.Features, train.Labels));
        Assert.Contains("quantile regression", l.Message);
        Assert.Equal("ipm", SolverKindNames.ToName(SolverKind.InteriorPoint));
        Assert.Equal(SolverKind.InteriorPoint, SolverKindNames.Parse("IPM"));
    }
}
