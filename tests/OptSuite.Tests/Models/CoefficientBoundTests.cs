using System.Text.Json;
using OptSuite.Data;
using OptSuite.Models;
using OptSuite.Tests.Cli;

namespace OptSuite.Tests.Models;

/// <summary>
/// <see cref="LinearEstimator.Positive"/>, <see cref="LinearEstimator.LowerBounds"/> and <see cref="LinearEstimator.UpperBounds"/>:
/// scikit-learn 1.2.1's Lasso / ElasticNet(positive=True) and glmnet 4.1-6's lower.limits / upper.limits optima
/// (datasets/reference/penalty_options.json, commands inside) are reached by coordinate descent (the clipped update),
/// FISTA agrees (the clipped soft-threshold), the gap (exact conjugate of penalty plus box) certifies; bad bounds, the
/// refusing solvers, save/load and the command line.
/// </summary>
public class CoefficientBoundTests
{
    private static JsonElement Reference(string problem) => Support.ReferenceFiles.Entry("penalty_options.json", problem);

    private static double[]? Array(JsonElement r, string name) =>
        r.GetProperty(name).ValueKind == JsonValueKind.Null ? null : r.GetProperty(name).EnumerateArray().Select(e => e.GetDouble()).ToArray();

    private static string Data(string file) => Path.Combine(DatasetLocator.RepositoryRoot()!, "datasets", file);

    public static TheoryData<string> Problems() => new(
        "gaussian_bounds_alpha1_lam0.1", "gaussian_bounds_alpha1_lam0.02", "gaussian_bounds_factors_alpha0.5_lam0.05",
        "binomial_bounds_alpha0.5_lam0.1", "binomial_bounds_alpha0.5_lam0.03", "binomial_positive_alpha1_lam0.05",
        "sklearn_positive_lasso", "sklearn_positive_enet");

    private static LinearEstimator For(JsonElement r, SolverKind solver)
    {
        double alpha = r.GetProperty("alpha").GetDouble(), lam = r.GetProperty("lam").GetDouble();
        LinearEstimator m = r.GetProperty("family").GetString() == "gaussian"
            ? alpha == 1 ? new Lasso() : new ElasticNet { L1Ratio = alpha }
            : new LogisticRegression { Penalty = alpha == 1 ? Penalty.L1 : Penalty.ElasticNet, L1Ratio = alpha == 1 ? null : alpha };
        m.Lambda = lam;
        m.Solver = solver;
        m.Tolerance = 1e-12;
        m.MaxIterations = 1_000_000;
        m.PenaltyFactors = Array(r, "penalty_factors");
        double[]? lower = Array(r, "lower_limits");
        if (r.GetProperty("tool").GetString() == "scikit-learn") m.Positive = true;
        else m.LowerBounds = lower;
        m.UpperBounds = Array(r, "upper_limits");
        return m;
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void PeerOptimaWithBoundsAreReached(string problem)
    {
        var r = Reference(problem);
        var d = Support.ReferenceFiles.Data(r);
        var m = For(r, SolverKind.Auto);
        if (m is LinearClassifier c) c.Fit(d.Features, d.Labels); else ((LinearRegressor)m).Fit(d.Features, d.Labels);
        Assert.True(m.Report!.Converged, m.Report.ToString());
        Assert.Equal(SolverKind.CoordinateDescent, m.Report.Solver);
        double reference = r.GetProperty("objective").GetDouble();
        Assert.True(Math.Abs(m.Report.Objective - reference) <= 1e-9 * reference, $"objective {m.Report.Objective:R} vs {reference:R}");
        Assert.True(m.Report.Objective <= reference * (1 + 1e-12));
        Assert.True(m.Report.DualityGap is { } gap && gap <= 1e-11 * reference, $"gap {m.Report.DualityGap}");
        double[] w = Array(r, "coef")!;
        double scale = Math.Max(1, w.Max(Math.Abs));
        double[] lo = Array(r, "lower_limits") ?? [double.NegativeInfinity], hi = Array(r, "upper_limits") ?? [double.PositiveInfinity];
        for (int j = 0; j < w.Length; j++)
        {
            Assert.True(Math.Abs(w[j] - m.Coefficients[j]) <= 1e-6 * scale, $"w[{j}] = {m.Coefficients[j]:R}, peer {w[j]:R}");
            Assert.InRange(m.Coefficients[j], lo[0], hi[0]);
            Assert.Equal(w[j] == lo[0], m.Coefficients[j] == lo[0]);   // the clipped coordinates are the peer's, exactly at the bound
            Assert.Equal(w[j] == hi[0], m.Coefficients[j] == hi[0]);
        }
        // FISTA's clipped soft-threshold reaches the same optimum.
        var f = For(r, SolverKind.Fista);
        f.Tolerance = 1e-10;
        if (f is LinearClassifier fc) fc.Fit(d.Features, d.Labels); else ((LinearRegressor)f).Fit(d.Features, d.Labels);
        Assert.True(Math.Abs(f.Report!.Objective - reference) <= 1e-8 * reference, $"fista {f.Report.Objective:R} vs {reference:R}: {f.Report}");
    }

    /// <summary>Ridge and Poisson with bounds: every coefficient in its box, the gap certifies, FISTA agrees; L-BFGS, OWL-QN and
    /// trust-region Newton refuse with the reason.</summary>
    [Fact]
    public void RidgeAndPoissonTakeBoundsAndQuasiNewtonRefuses()
    {
        var d = SvmlightReader.Read(Data("regression/abalone_scale"));
        var ridge = new Ridge { Lambda = 1e-3, LowerBounds = [-0.5], UpperBounds = [0.5], Tolerance = 1e-12 }.Fit(d.Features, d.Labels);
        var free = new Ridge { Lambda = 1e-3 }.Fit(d.Features, d.Labels);
        Assert.True(ridge.Report!.Converged, ridge.Report.ToString());
        Assert.Contains(free.Coefficients, v => Math.Abs(v) > 0.5);   // the bounds bind
        Assert.All(ridge.Coefficients, v => Assert.InRange(v, -0.5, 0.5));
        Assert.Contains(ridge.Coefficients, v => Math.Abs(v) == 0.5);
        var fista = new Ridge { Lambda = 1e-3, LowerBounds = [-0.5], UpperBounds = [0.5], Solver = SolverKind.Fista, Tolerance = 1e-10, MaxIterations = 1_000_000 }.Fit(d.Features, d.Labels);
        Assert.Equal(ridge.Report.Objective, fista.Report!.Objective, 1e-8 * ridge.Report.Objective);

        double[] counts = d.Labels.Select(v => Math.Round(v)).ToArray();
        var poisson = new PoissonRegressor { Lambda = 1e-3, Positive = true, Tolerance = 1e-12 }.Fit(d.Features, counts);
        Assert.True(poisson.Report!.Converged, poisson.Report.ToString());
        Assert.All(poisson.Coefficients, v => Assert.True(v >= 0));
        Assert.Contains(poisson.Coefficients, v => v == 0);
        var pf = new PoissonRegressor { Lambda = 1e-3, Positive = true, Solver = SolverKind.Fista, Tolerance = 1e-10, MaxIterations = 1_000_000 }.Fit(d.Features, counts);
        Assert.Equal(poisson.Report.Objective, pf.Report!.Objective, 1e-8 * Math.Abs(poisson.Report.Objective));

        foreach (var solver in new[] { SolverKind.Lbfgs, SolverKind.OwlQn, SolverKind.Newton })
        {
            var e = Assert.Throws<UnsupportedSolverException>(() => new Lasso { Lambda = 0.01, Positive = true, Solver = solver }.Fit(d.Features, d.Labels));
            Assert.Contains("per-feature penalty", e.Message);
        }
    }

    [Fact]
    public void BadBoundsAreClearErrors()
    {
        var d = SvmlightReader.Read(Data("regression/abalone_scale"));
        void Refused(LinearEstimator m, string name, string message)
        {
            var e = Assert.ThrowsAny<ArgumentException>(() => ((LinearRegressor)m).Fit(d.Features, d.Labels));
            Assert.Equal(name, e.ParamName);
            Assert.Contains(message, e.Message);
        }
        Refused(new Lasso { LowerBounds = [0.1] }, "LowerBounds", "LowerBounds[0] = 0.1; lower bounds must be ≤ 0");
        Refused(new Lasso { UpperBounds = [-0.1] }, "UpperBounds", "UpperBounds[0] = -0.1; upper bounds must be ≥ 0");
        Refused(new Lasso { UpperBounds = [double.NaN] }, "UpperBounds", "UpperBounds[0] = NaN");
        Refused(new Lasso { LowerBounds = [-1, -1] }, "LowerBounds", "LowerBounds has 2 values");
        Refused(new Lasso { Positive = true, LowerBounds = [-1] }, "LowerBounds", "Set Positive (lower bounds 0) or LowerBounds, not both");
        Refused(new HuberRegressor { Positive = true }, "Positive", "Positive applies to ridge, lasso");
    }

    [Fact]
    public void BoundsSurviveSaveLoadAndTheCommandLine()
    {
        string abalone = Data("regression/abalone_scale");
        var d = SvmlightReader.Read(abalone);
        var m = new ElasticNet { Lambda = 0.01, LowerBounds = [double.NegativeInfinity, -0.2, 0, -1, -1, -1, -1, -1], UpperBounds = [1], Tolerance = 1e-10 }.Fit(d.Features, d.Labels);
        using var dir = new Support.ScratchDirectory("bounds");
        m.Save(dir["m.json"]);
        var back = LinearEstimator.Load<ElasticNet>(dir["m.json"]);
        Assert.Equal(m.LowerBounds, back.LowerBounds);
        Assert.Equal(m.UpperBounds, back.UpperBounds);
        back.Fit(d.Features, d.Labels);
        Assert.Equal(m.Coefficients, back.Coefficients);
        var positive = new Lasso { Lambda = 0.01, Positive = true }.Fit(d.Features, d.Labels);
        positive.Save(dir["p.json"]);
        Assert.True(LinearEstimator.Load<Lasso>(dir["p.json"]).Positive);

        var (code, _, err) = InspectCommandTests.Run("fit", "--model", "lasso", "--data", abalone, "--lambda", "0.01", "--positive", "--output", dir["cli.json"]);
        Assert.True(code == 0, err);
        var cli = LinearEstimator.Load<Lasso>(dir["cli.json"]);
        Assert.True(cli.Positive);
        for (int j = 0; j < d.Columns; j++) Assert.Equal(positive.Coefficients[j], cli.Coefficients[j], 1e-6);
        (code, _, err) = InspectCommandTests.Run("fit", "--model", "logistic", "--data", Data("binary/heart_scale"), "--lower-bound", "-0.1", "--upper-bound", "0.2", "--output", dir["b.json"]);
        Assert.True(code == 0, err);
        Assert.All(LinearEstimator.Load<LogisticRegression>(dir["b.json"]).Coefficients, v => Assert.InRange(v, -0.1, 0.2));
        (code, _, err) = InspectCommandTests.Run("fit", "--model", "lasso", "--data", abalone, "--lower-bound", "0.5");
        Assert.Equal(2, code);
        Assert.Contains("--lower-bound", err);
        (code, _, err) = InspectCommandTests.Run("fit", "--model", "lasso", "--data", abalone, "--upper-bound", "-1");
        Assert.Equal(2, code);
        Assert.Contains("--upper-bound", err);
        (code, _, err) = InspectCommandTests.Run("fit", "--model", "lasso", "--data", abalone, "--positive", "--lower-bound", "-1");
        Assert.Equal(2, code);
        Assert.Contains("--positive is --lower-bound 0", err);
        (code, _, err) = InspectCommandTests.Run("fit", "--model", "huber", "--data", abalone, "--positive");
        Assert.Equal(2, code);
        Assert.Contains("--positive does not apply to --model huber", err);
    }
}
