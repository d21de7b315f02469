using System.Text.Json;
using OptSuite.Data;
using OptSuite.Models;
using OptSuite.Solvers;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Models;

/// <summary>
/// TweedieRegressor against the frozen optima of datasets/reference/tweedie.json (written by
/// datasets/reference/make_tweedie_references.py): scikit-learn 1.2.1's TweedieRegressor(power, alpha, link = 'log',
/// solver = 'newton-cholesky', tol = 1e-12) for L2, glmnet 4.1-6 with a hand-written Tweedie family object for L1 and
/// the elastic net (R's inverse.gaussian(link = "log") family at ρ = 3, a strict local minimum: no gap), on abalone and on cpusmall (columns min-max scaled as the entry records, 283 zero targets); its end
/// points ρ = 1 and 2 against PoissonRegressor and GammaRegressor; the refusals; the registry, save/load and the CLI.
/// </summary>
public class TweedieRegressorTests
{
    private const string File = "tweedie.json";

    public static TheoryData<string> Problems()
    {
        string root = DatasetLocator.RepositoryRoot()!;
        using var doc = JsonDocument.Parse(System.IO.File.ReadAllText(Path.Combine(root, "datasets", "reference", File)));
        return [.. doc.RootElement.EnumerateArray().Select(e => e.GetProperty("problem").GetString()!)];
    }

    /// <summary>The entry's data, min-max scaled per column when the entry says so (the generator's formula).</summary>
    private static (double[,] X, double[] Y) Data(JsonElement entry)
    {
        var ds = ReferenceFiles.Data(entry);
        var a = ds.Features;
        var x = new double[a.Rows, a.Columns];
        var ptr = a.RowPointers; var idx = a.ColumnIndices; var val = a.Values;
        for (int i = 0; i < a.Rows; i++)
            for (int k = ptr[i]; k < ptr[i + 1]; k++) x[i, idx[k]] = val[k];
        if (entry.GetProperty("scale").ValueKind != JsonValueKind.Null)
        {
            for (int j = 0; j < a.Columns; j++)
            {
                double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
                for (int i = 0; i < a.Rows; i++) { lo = Math.Min(lo, x[i, j]); hi = Math.Max(hi, x[i, j]); }
                for (int i = 0; i < a.Rows; i++) x[i, j] = (x[i, j] - lo) / (hi - lo);
            }
        }
        return (x, ds.Labels.ToArray());
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void MatchesTheFrozenOptimum(string problem)
    {
        var e = ReferenceFiles.Entry(File, problem);
        var (x, y) = Data(e);
        double objective = e.GetProperty("objective").GetDouble();
        double[] coef = e.GetProperty("coef").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        double l1 = e.GetProperty("l1_ratio") is { ValueKind: JsonValueKind.Number } r ? r.GetDouble() : 0;
        bool intercept = e.GetProperty("fit_intercept").GetBoolean();
        double power = e.GetProperty("power").GetDouble();
        var model = new TweedieRegressor
        {
            Power = power, Lambda = e.GetProperty("lam").GetDouble(), FitIntercept = intercept, Tolerance = 1e-12,
        };
        if (l1 > 0) model.L1Ratio = l1;
        model.Fit(x, y);
        var report = model.Report!;
        Assert.Equal(StopReason.Converged, report.StopReason);
        // ρ = 0 is the squared loss (coordinate descent, as ridge); ρ > 2 is not convex: no gap, L-BFGS (L2) or ISTA (L1,
        // elastic net) with a stationarity certificate.
        var expected = power > 2 ? (l1 > 0 ? SolverKind.Ista : SolverKind.Lbfgs) : l1 > 0 || power == 0 ? SolverKind.CoordinateDescent : SolverKind.Lbfgs;
        Assert.Equal(expected, report.Solver);
        if (power > 2)
        {
            Assert.Null(report.DualityGap);
            Assert.NotNull(report.Stationarity);
            Assert.InRange(report.Stationarity!.Value, 0, 1e-9);
        }
        else
        {
            Assert.NotNull(report.DualityGap);
            Assert.Null(report.Stationarity);
        }
        Assert.True(Math.Abs(report.Objective - objective) <= 1e-10 * Math.Abs(objective),
            $"{problem}: F {report.Objective:R}, reference {objective:R} (relative {(report.Objective - objective) / objective:E2})");
        // Abalone's nearly collinear weight columns pin the coefficients only to ~1e-6 at a 1e-12 gap (as for Gamma).
        double[] w = model.Coefficients;
        for (int j = 0; j < w.Length; j++)
            Assert.True(Math.Abs(w[j] - coef[j]) <= 2e-5 * Math.Max(1, Math.Abs(coef[j])), $"{problem}: w[{j}] {w[j]:R} vs {coef[j]:R}");
        if (intercept) Assert.Equal(e.GetProperty("intercept").GetDouble(), model.Intercept, 1e-5);
        if (l1 == 1) Assert.Equal(coef.Count(v => v != 0), model.NonZeroCoefficients);
        Assert.Equal("d2_tweedie", model.ScoreName);
        Assert.InRange(model.Score(x, y), 0.05, 1);
    }

    [Fact]
    public void PowersOneAndTwoArePoissonAndGamma()
    {
        var e = ReferenceFiles.Entry(File, "tweedie_l2_abalone_p1.5_lam0.01");
        var (x, y) = Data(e);
        var poisson = new PoissonRegressor { Lambda = 0.01, Tolerance = 1e-12 }.Fit(x, y);
        var t1 = new TweedieRegressor { Power = 1, Lambda = 0.01, Tolerance = 1e-12 }.Fit(x, y);
        var gamma = new GammaRegressor { Lambda = 0.01, L1Ratio = 0.5, Tolerance = 1e-12 }.Fit(x, y);
        var t2 = new TweedieRegressor { Power = 2, Lambda = 0.01, L1Ratio = 0.5, Tolerance = 1e-12 }.Fit(x, y);
        foreach (var (a, b) in new (LinearRegressor, LinearRegressor)[] { (poisson, t1), (gamma, t2) })
        {
            // The same loss (not merely up to a constant), so the same objective value, point and score.
            Assert.Equal(a.Report!.Objective, b.Report!.Objective, 1e-12);
            for (int j = 0; j < a.Coefficients.Length; j++) Assert.Equal(a.Coefficients[j], b.Coefficients[j], 1e-6);
            Assert.Equal(((LinearRegressor)a).Score(x, y), ((LinearRegressor)b).Score(x, y), 1e-9);
        }
        // At ρ = 1.5 the deviance is neither: the D² differs from both.
        var t15 = new TweedieRegressor { Power = 1.5, Lambda = 0.01 }.Fit(x, y);
        Assert.True(Math.Abs(((LinearRegressor)t15).Score(x, y) - ((LinearRegressor)poisson).Score(x, y)) > 1e-4);
    }

    [Fact]
    public void TheDevianceScoreIsScikitLearnsFormula()
    {
        // d_ρ(y, μ) at ρ = 1.5, y = 4, μ = 2: 2(4^0.5/(−0.5·0.5) − 4·2^(−0.5)/(−0.5) + 2^0.5/0.5), by hand.
        double expected = 2 * (2 / -0.25 + 4 / Math.Sqrt(2) / 0.5 + Math.Sqrt(2) / 0.5);
        Assert.Equal(expected, TweedieRegressor.Deviance(1.5, 4, 2), 1e-14);
        Assert.Equal(0, TweedieRegressor.Deviance(1.5, 3, 3), 1e-14);
        Assert.Equal(4 * Math.Sqrt(2), TweedieRegressor.Deviance(1.5, 0, 2), 1e-14);   // y = 0: 2μ^(2−ρ)/(2−ρ)
    }

    [Theory]
    [InlineData(0.5, "(0, 1)")]
    [InlineData(0.999, "(0, 1)")]
    [InlineData(-1.0, "0 or a finite number ≥ 1")]
    [InlineData(double.NaN, "0 or a finite number ≥ 1")]
    [InlineData(double.PositiveInfinity, "0 or a finite number ≥ 1")]
    public void RefusesPowersOutsideZeroAndOneUpNamingPower(double power, string why)
    {
        double[,] x = { { 1 }, { 2 }, { 3 } };
        var e = Assert.ThrowsAny<ArgumentException>(() => new TweedieRegressor { Power = power }.Fit(x, [1.0, 2, 3]));
        Assert.Equal("Power", e.ParamName);
        Assert.Contains(why, e.Message);
    }

    [Fact]
    public void ChecksTargetsPerPowerAsScikitLearn()
    {
        double[,] x = { { 1 }, { 2 }, { 3 }, { 4 } };
        // ρ < 2: zeros are data (the compound Poisson–Gamma's point mass), negatives are not.
        var fitted = new TweedieRegressor { Power = 1.5 }.Fit(x, [0.0, 1, 0, 3]);
        Assert.True(fitted.Report!.Converged);
        var neg = Assert.Throws<ArgumentException>(() => new TweedieRegressor { Power = 1.5 }.Fit(x, [0.0, -1, 0, 3]));
        Assert.Equal("y", neg.ParamName);
        Assert.Contains("y[1] = -1", neg.Message);
        var zero = Assert.Throws<ArgumentException>(() => new TweedieRegressor { Power = 2 }.Fit(x, [1.0, 2, 0, 3]));
        Assert.Contains("y[2] = 0", zero.Message);
        Assert.Contains("> 0", zero.Message);
    }

    [Fact]
    public void TheRegistryBindsPowerAndAFileKeepsIt()
    {
        var e = ReferenceFiles.Entry(File, "tweedie_l1_cpusmall_p1.2");
        var (x, y) = Data(e);
        var model = (TweedieRegressor)ModelRegistry.Get("tweedie").Create(new ModelSettings { Penalty = Penalty.L1, Power = 1.2 });
        Assert.Equal(1.2, model.Power);
        Assert.Equal(1.5, ((TweedieRegressor)ModelRegistry.Get("tweedie").Create(new ModelSettings())).Power);
        Assert.Throws<ArgumentException>(() => ModelRegistry.Get("poisson").Create(new ModelSettings { Power = 1.2 }));
        model.Lambda = e.GetProperty("lam").GetDouble();
        model.Fit(x, y);
        string file = Path.Combine(Path.GetTempPath(), $"tweedie-{Guid.NewGuid():N}.json");
        try
        {
            model.Save(file);
            var loaded = LinearEstimator.Load<TweedieRegressor>(file);
            Assert.Equal(1.2, loaded.Power);
            Assert.Equal(Penalty.L1, loaded.Penalty);
            Assert.Equal(model.Predict(x), loaded.Predict(x));
            Assert.Equal(model.Score(x, y), loaded.Score(x, y));
        }
        finally
        {
            System.IO.File.Delete(file);
        }
    }

    [Fact]
    public void PowerZeroIsTheSquaredLossWithTheIdentityLink()
    {
        var e = ReferenceFiles.Entry(File, "tweedie_l2_abalone_p0_lam0.01");
        var (x, y) = Data(e);
        // The elastic net at the same λ and α: one loss, so the same objective and point (not merely up to a constant).
        var tweedie = new TweedieRegressor { Power = 0, Lambda = 0.003, L1Ratio = 0.4, Tolerance = 1e-12 }.Fit(x, y);
        var enet = new ElasticNet { Lambda = 0.003, L1Ratio = 0.4, Tolerance = 1e-12 }.Fit(x, y);
        Assert.Equal(enet.Report!.Objective, tweedie.Report!.Objective, 1e-12);
        for (int j = 0; j < enet.Coefficients.Length; j++) Assert.Equal(enet.Coefficients[j], tweedie.Coefficients[j], 1e-8);
        // Predictions are the linear score (identity link), and D² at ρ = 0 is R².
        double[] z = tweedie.Predict(x);
        Assert.Equal(x[5, 0] * tweedie.Coefficients[0] + Enumerable.Range(1, x.GetLength(1) - 1).Sum(j => x[5, j] * tweedie.Coefficients[j]) + tweedie.Intercept, z[5], 1e-10);
        Assert.Equal(enet.Score(x, y), tweedie.Score(x, y), 1e-10);
        // Any real target is a normal observation.
        double[] shifted = y.Select(v => v - 20).ToArray();
        Assert.True(new TweedieRegressor { Power = 0 }.Fit(x, shifted).Report!.Converged);
        Assert.Throws<ArgumentException>(() => new TweedieRegressor { Power = 3 }.Fit(x, shifted));
    }

    [Fact]
    public void PowerThreeWithAnL1PenaltyIsSolvedByProximalStepsWithAStationarityCertificate()
    {
        var e = ReferenceFiles.Entry(File, "tweedie_l2_abalone_p3.0_lam0.01");
        var (x, y) = Data(e);
        var auto = new TweedieRegressor { Power = 3, Lambda = 1e-3, Penalty = Penalty.L1, Tolerance = 1e-10 }.Fit(x, y);
        var report = auto.Report!;
        Assert.Equal(SolverKind.Ista, report.Solver);
        Assert.True(report.Converged, report.ToString());
        Assert.Null(report.DualityGap);
        Assert.InRange(report.Stationarity!.Value, 0, 1e-8);
        Assert.True(auto.NonZeroCoefficients < x.GetLength(1), "the L1 penalty zeroes some coefficient");
        // OWL-QN reaches the same stationary point; the KKT conditions hold there by the residual's definition.
        var owlqn = new TweedieRegressor { Power = 3, Lambda = 1e-3, Penalty = Penalty.L1, Tolerance = 1e-10, Solver = SolverKind.OwlQn }.Fit(x, y);
        Assert.True(Math.Abs(owlqn.Report!.Objective - report.Objective) <= 1e-8 * Math.Abs(report.Objective),
            $"ista {report.Objective:R}, owlqn {owlqn.Report.Objective:R}");
        for (int j = 0; j < x.GetLength(1); j++) Assert.Equal(auto.Coefficients[j], owlqn.Coefficients[j], 1e-4);
        // The solvers that stop on a gap or need convexity refuse it through the traits, saying why.
        foreach (var solver in new[] { SolverKind.CoordinateDescent, SolverKind.Fista })
        {
            var refused = Assert.Throws<UnsupportedSolverException>(() => new TweedieRegressor { Power = 3, Lambda = 1e-3, Penalty = Penalty.L1, Solver = solver }.Fit(x, y));
            Assert.Contains("not convex", refused.Message);
            Assert.Contains("ista", refused.Message);
        }
        var traits = new TweedieRegressor { Power = 3, Lambda = 1e-3 }.CreateProblem(x, y).Traits;
        Assert.True(traits.NonConvex);
        Assert.Equal([SolverKind.Ista, SolverKind.Lbfgs, SolverKind.OwlQn], SolverRegistry.Supported(traits));
        Assert.False(new TweedieRegressor { Power = 2, Lambda = 1e-3 }.CreateProblem(x, y).Traits.NonConvex);
    }

    [Fact]
    public void CoordinateDescentAndNewtonCalledDirectlyRefuseANonConvexLoss()
    {
        var x = new OptSuite.LinearAlgebra.DenseMatrix(4, 1, [1.0, 2, 3, 4]);
        double[] y = [1.0, 2, 2, 5];
        var f = new OptSuite.Objectives.LinearObjective<OptSuite.Objectives.Losses.TweedieLoss, OptSuite.Prox.Regularizers.ZeroRegularizer>(
            x, y, new OptSuite.Objectives.Losses.TweedieLoss(3), default, 0.01, fitIntercept: true);
        Assert.False(f.HasDualityGap);
        Assert.Contains("convex", Assert.Throws<ArgumentException>(() => CoordinateDescent.Minimize(f)).Message);
        Assert.Contains("convex", Assert.Throws<ArgumentException>(() => TrustRegionNewton.Minimize(f)).Message);
        // L-BFGS stops on the gradient norm and reports no gap.
        var r = Lbfgs.Minimize(f.AsSmooth(), default, new LbfgsOptions { Tolerance = 1e-10 });
        Assert.Equal(StopReason.Converged, r.StopReason);
        Assert.Null(r.DualityGap);
    }

    [Fact]
    public void TheCommandLineFitsPowersZeroAndThreeAndRefusesABadPower()
    {
        string data = Path.Combine(DatasetLocator.RepositoryRoot()!, "datasets", "regression", "abalone_scale");
        var (code, stdout, err) = CliProcess.Run("fit", "--model", "tweedie", "--power", "1.3", "--data", data, "--json");
        Assert.True(code == 0, err);
        Assert.Contains("\"model\":\"tweedie\"", stdout);
        Assert.Contains("\"score_kind\":\"d2_tweedie\"", stdout);
        var e3 = ReferenceFiles.Entry(File, "tweedie_l2_abalone_p3.0_lam0.01");
        var three = CliProcess.Run("fit", "--model", "tweedie", "--power", "3", "--lambda", "0.01", "--tol", "1e-12", "--data", data, "--json");
        Assert.True(three.Code == 0, three.Err);
        using (var doc = JsonDocument.Parse(three.Out))
        {
            var r = doc.RootElement;
            Assert.Equal("lbfgs", r.GetProperty("solver").GetString());
            Assert.Equal(JsonValueKind.Null, r.GetProperty("gap").ValueKind);
            Assert.InRange(r.GetProperty("stationarity").GetDouble(), 0, 1e-9);
            double f = e3.GetProperty("objective").GetDouble();
            Assert.True(Math.Abs(r.GetProperty("objective").GetDouble() - f) <= 1e-8 * Math.Abs(f));
        }
        var e0 = ReferenceFiles.Entry(File, "tweedie_l2_abalone_p0_lam0.01");
        var zero = CliProcess.Run("fit", "--model", "tweedie", "--power", "0", "--lambda", "0.01", "--tol", "1e-12", "--data", data, "--json");
        Assert.True(zero.Code == 0, zero.Err);
        using (var doc = JsonDocument.Parse(zero.Out))
        {
            double f = e0.GetProperty("objective").GetDouble();
            Assert.True(Math.Abs(doc.RootElement.GetProperty("objective").GetDouble() - f) <= 1e-10 * f);
            Assert.Equal(JsonValueKind.Number, doc.RootElement.GetProperty("gap").ValueKind);
        }
        var bad = CliProcess.Run("fit", "--model", "tweedie", "--power", "0.5", "--data", data);
        Assert.Equal(2, bad.Code);
        Assert.StartsWith("error:", bad.Err.Trim());
        Assert.Contains("--power", bad.Err);
        Assert.Contains("(0, 1)", bad.Err);
        var path = CliProcess.Run("path", "--model", "tweedie", "--power", "3", "--data", data);
        Assert.Equal(2, path.Code);
        Assert.Contains("--power", path.Err);
        Assert.Contains("not convex", path.Err);
        var other = CliProcess.Run("fit", "--model", "gamma", "--power", "1.5", "--data", data);
        Assert.Equal(2, other.Code);
        Assert.Contains("--power", other.Err);
    }
}
