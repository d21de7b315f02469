using System.Globalization;
using System.Text.Json;
using OptSuite.Data;
using OptSuite.Models;
using OptSuite.Solvers;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Models;

/// <summary>
/// LinearSvr against LIBLINEAR 2.3.0's -s 11 (primal TRON), -s 12 (dual, squared ε-insensitive) and -s 13 (dual,
/// ε-insensitive) on the scaled cpusmall and cal_housing copies, without bias and with -B 1
/// (datasets/reference/svr.json, written by datasets/reference/make_svr_references.py, commands inside; LIBLINEAR's w
/// re-scored by ½‖w‖² + C·Σℓ_i and divided by C·n). The squared loss's optimum is unique: objective and coefficients
/// match. LIBLINEAR's -s 13 stops at its hard-coded 1000 iterations: there ours must lie between LIBLINEAR's own dual
/// bound and its primal value, with our gap certified. Then the estimator's options, save/load, bad input and the
/// command line.
/// </summary>
public class LinearSvrTests
{
    public static TheoryData<string> Problems()
    {
        var t = new TheoryData<string>();
        foreach (string data in new[] { "cpusmall", "cal_housing" })
            foreach (string solver in new[] { "s11", "s12", "s13" })
                foreach (string bias in new[] { "", "_bias" })
                    t.Add($"svr_{solver}{bias}_{data}");
        return t;
    }

    private static JsonElement Reference(string problem) => ReferenceFiles.Entry("svr.json", problem);

    private static LinearSvr Model(JsonElement r, SolverKind solver = SolverKind.Auto) => new()
    {
        C = r.GetProperty("C").GetDouble(),
        Epsilon = r.GetProperty("epsilon").GetDouble(),
        Loss = SvrLossNames.Parse(r.GetProperty("loss").GetString()!),
        FitIntercept = r.GetProperty("fit_intercept").GetBoolean(),
        InterceptScaling = r.GetProperty("fit_intercept").GetBoolean() ? 1.0 : null,
        Tolerance = 1e-12,
        MaxIterations = 400_000,
        Solver = solver,
    };

    [Theory]
    [MemberData(nameof(Problems))]
    public void MatchesLiblinear(string problem)
    {
        var r = Reference(problem);
        var d = ReferenceFiles.Data(r);
        var m = Model(r);
        m.Fit(d.Features, d.Labels);
        var report = m.Report!;
        Assert.Equal(SolverKind.DualCoordinateDescent, report.Solver);
        Assert.Equal(r.GetProperty("lam").GetDouble(), report.Lambda, 1e-15);
        double peer = r.GetProperty("objective").GetDouble();
        double ours = report.Objective;
        Assert.True(report.DualityGap is { } gap && gap <= 1e-9 * ours, $"{problem}: gap {report.DualityGap} at {ours:R}");
        if (m.Loss == SvrLoss.SquaredEpsilonInsensitive)
        {
            Assert.True(report.Converged, report.ToString());
            Assert.True(Math.Abs(ours - peer) <= 1e-9 * peer, $"{problem}: F {ours:R}, LIBLINEAR {peer:R}");
            // cpusmall's correlated columns leave the optimum flat along some directions: LIBLINEAR's own -s 11 and -s 12
            // coefficients differ by up to 2.6e-6 (relative to max(1, |w_j|)) at equal objectives (4e-15).
            var w = r.GetProperty("w").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            for (int j = 0; j < w.Length; j++)
                Assert.True(Math.Abs(w[j] - m.Coefficients[j]) <= 1e-5 * Math.Max(1, Math.Abs(w[j])), $"{problem}: w[{j}] {m.Coefficients[j]:R} vs {w[j]:R}");
            double b = r.GetProperty("b").GetDouble();
            Assert.True(Math.Abs(b - m.Intercept) <= 1e-5 * Math.Max(1, Math.Abs(b)), $"{problem}: b {m.Intercept:R} vs {b:R}");
        }
        else
        {
            // LIBLINEAR stopped at its iteration cap: its w is an upper bound and −f(β) (its dual) a lower one.
            Assert.True(r.GetProperty("capped").GetBoolean());
            double lower = r.GetProperty("dual_liblinear").GetDouble() / (r.GetProperty("C").GetDouble() * r.GetProperty("n").GetDouble());
            Assert.True(ours <= peer * (1 + 1e-12), $"{problem}: F {ours:R} above LIBLINEAR's {peer:R}");
            Assert.True(ours >= lower * (1 - 1e-12), $"{problem}: F {ours:R} below LIBLINEAR's dual bound {lower:R}");
            Assert.True(ours - report.DualityGap <= peer, "our dual bound above the peer's primal value");
        }
    }

    [Theory]
    [InlineData("svr_s11_cpusmall", SolverKind.Newton)]
    [InlineData("svr_s11_cpusmall", SolverKind.Lbfgs)]
    [InlineData("svr_s11_bias_cal_housing", SolverKind.Newton)]
    [InlineData("svr_s12_bias_cal_housing", SolverKind.Lbfgs)]
    public void PrimalSolversReachTheSquaredLossOptimum(string problem, SolverKind solver)
    {
        var r = Reference(problem);
        var d = ReferenceFiles.Data(r);
        var m = Model(r, solver);
        m.Tolerance = 1e-10;
        m.MaxIterations = null;
        m.Fit(d.Features, d.Labels);
        Assert.True(m.Report!.Converged, m.Report.ToString());
        Assert.Equal(solver, m.Report.Solver);
        double peer = r.GetProperty("objective").GetDouble();
        Assert.True(Math.Abs(m.Report.Objective - peer) <= 1e-9 * peer, $"{problem} by {solver}: F {m.Report.Objective:R}, LIBLINEAR {peer:R}");
    }

    [Fact]
    public void DefaultsFollowLiblinearAndTheSquaredLossTakesAnUnpenalisedIntercept()
    {
        var m = new LinearSvr();
        Assert.Equal(SvrLoss.EpsilonInsensitive, m.Loss);
        Assert.Equal(0.1, m.Epsilon);
        Assert.Null(m.InterceptScaling);
        Assert.Equal("svr", m.ModelName);
        var d = ReferenceFiles.Data(Reference("svr_s12_cal_housing"));
        // Default: ε-insensitive with LIBLINEAR's -B 1 by dual CD (the only solver for that loss).
        m.Fit(d.Features, d.Labels);
        Assert.Equal(SolverKind.DualCoordinateDescent, m.Report!.Solver);
        Assert.Equal(1.0 / d.Rows, m.Report.Lambda, 1e-15);
        Assert.Equal("r2", m.ScoreName);
        Assert.InRange(m.Score(d.Features, d.Labels), 0.3, 1);
        // The squared loss with an unpenalised intercept: L-BFGS, Newton agreeing; lower than with the bias penalised.
        var sq = new LinearSvr { Loss = SvrLoss.SquaredEpsilonInsensitive, Tolerance = 1e-10 }.Fit(d.Features, d.Labels);
        var newton = new LinearSvr { Loss = SvrLoss.SquaredEpsilonInsensitive, Tolerance = 1e-10, Solver = SolverKind.Newton }.Fit(d.Features, d.Labels);
        Assert.Equal(SolverKind.Lbfgs, sq.Report!.Solver);
        Assert.Equal(sq.Report.Objective, newton.Report!.Objective, 1e-9 * sq.Report.Objective);
        Assert.Equal(((LinearSvr)sq).Intercept, ((LinearSvr)newton).Intercept, 1e-5);
        double penalised = Reference("svr_s12_bias_cal_housing").GetProperty("objective").GetDouble();
        Assert.True(sq.Report.Objective < penalised, $"{sq.Report.Objective} not below the penalised-bias optimum {penalised}");
        // Dual CD cannot take the unpenalised intercept: a refusal that says why.
        var e = Assert.Throws<UnsupportedSolverException>(() => new LinearSvr { Loss = SvrLoss.SquaredEpsilonInsensitive, Solver = SolverKind.DualCoordinateDescent }.Fit(d.Features, d.Labels));
        Assert.Contains("intercept", e.Message);
        // The ε-insensitive loss is not differentiable: the primal solvers refuse it by that capability.
        var l = Assert.Throws<UnsupportedSolverException>(() => new LinearSvr { Solver = SolverKind.Lbfgs }.Fit(d.Features, d.Labels));
        Assert.Contains("not differentiable", l.Message);
        Assert.Contains("dual-cd", l.Message);
    }

    [Fact]
    public void BadInputIsRefusedByName()
    {
        var d = ReferenceFiles.Data(Reference("svr_s12_cpusmall"));
        foreach (double eps in new[] { -0.1, double.NaN, double.PositiveInfinity })
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => new LinearSvr { Epsilon = eps }.Fit(d.Features, d.Labels));
            Assert.Equal("Epsilon", e.ParamName);
        }
        double[] y = (double[])d.Labels.Clone();
        y[7] = double.NaN;
        var nan = Assert.Throws<ArgumentException>(() => new LinearSvr().Fit(d.Features, y));
        Assert.Equal("y", nan.ParamName);
        Assert.True(double.IsNaN(y[7]));                                          // the caller's array untouched
        Assert.Throws<ArgumentOutOfRangeException>(() => new LinearSvr { InterceptScaling = 0 }.Fit(d.Features, d.Labels));
        var entry = ModelRegistry.Get("svr");
        Assert.Contains("--epsilon", Assert.Throws<ArgumentException>(() => entry.Create(new ModelSettings { Epsilon = -1 })).Message);
        Assert.Contains("classification loss", Assert.Throws<ArgumentException>(() => entry.Create(new ModelSettings { Loss = SvmLoss.Hinge })).Message);
        Assert.Contains("regression loss", Assert.Throws<ArgumentException>(() => ModelRegistry.Get("linear-svm").Create(new ModelSettings { SvrLoss = SvrLoss.EpsilonInsensitive })).Message);
        Assert.Contains("--epsilon does not apply", Assert.Throws<ArgumentException>(() => ModelRegistry.Get("ridge").Create(new ModelSettings { Epsilon = 0.1 })).Message);
    }

    /// <summary>On row blocks dual CD runs by block minimisation (Yu et al. 2010) with the SVR step and certifies the
    /// same optimum (LIBLINEAR's -s 13 -B 1 bounds it as in memory); the squared loss with an unpenalised intercept goes
    /// to the product-based solvers.</summary>
    [Fact]
    public void OnRowBlocksBothLossesReachTheInMemoryOptimum()
    {
        var r = Reference("svr_s13_bias_cal_housing");
        var d = ReferenceFiles.Data(r);
        var blocks = FeatureMatrix.From(new OptSuite.LinearAlgebra.RowBlockedMatrix(d.Features, 4096));
        var l1 = new LinearSvr { Tolerance = 1e-6 }.Fit(blocks, d.Labels);
        Assert.Equal(SolverKind.DualCoordinateDescent, l1.Report!.Solver);
        Assert.True(l1.Report.Converged, l1.Report.ToString());
        double peer = r.GetProperty("objective").GetDouble();
        double lower = r.GetProperty("dual_liblinear").GetDouble() / (r.GetProperty("C").GetDouble() * r.GetProperty("n").GetDouble());
        Assert.InRange(l1.Report.Objective, lower, peer * (1 + 1e-6));
        Assert.True(l1.Report.DualityGap <= 1e-6 * l1.Report.Objective);
        var memory = new LinearSvr { Loss = SvrLoss.SquaredEpsilonInsensitive, Tolerance = 1e-10 }.Fit(d.Features, d.Labels);
        var blocked = new LinearSvr { Loss = SvrLoss.SquaredEpsilonInsensitive, Tolerance = 1e-10 }.Fit(blocks, d.Labels);
        Assert.True(blocked.Report!.Converged, blocked.Report.ToString());
        Assert.Equal(memory.Report!.Objective, blocked.Report.Objective, 1e-9 * memory.Report.Objective);
    }

    /// <summary>A warm start with the penalised bias: the intercept b becomes the bias feature's weight b/B, so a refit
    /// from the optimum starts there (LinearRegressor maps the start as LinearClassifier does).</summary>
    [Fact]
    public void AWarmStartWithThePenalisedBiasStartsAtTheOptimum()
    {
        var d = ReferenceFiles.Data(Reference("svr_s12_bias_cal_housing"));
        var m = new LinearSvr { Loss = SvrLoss.SquaredEpsilonInsensitive, InterceptScaling = 2, Solver = SolverKind.Newton, Tolerance = 1e-10, WarmStart = true };
        m.Fit(d.Features, d.Labels);
        Assert.True(m.Report!.Converged && m.Report.Iterations > 2, m.Report.ToString());
        double first = m.Report.Objective, b = m.Intercept;
        m.Fit(d.Features, d.Labels);
        Assert.True(m.Report.Converged && m.Report.Iterations <= 1, m.Report.ToString());
        Assert.Equal(first, m.Report.Objective, 1e-12 * first);
        Assert.Equal(b, m.Intercept, 1e-6);
    }

    [Fact]
    public void OptionsSurviveSaveAndLoad()
    {
        var d = ReferenceFiles.Data(Reference("svr_s12_cpusmall"));
        var m = (LinearSvr)ModelRegistry.Get("svr").Create(new ModelSettings { SvrLoss = SvrLoss.SquaredEpsilonInsensitive, Epsilon = 0.5, InterceptScaling = 2 });
        Assert.Equal(SvrLoss.SquaredEpsilonInsensitive, m.Loss);
        Assert.Equal(0.5, m.Epsilon);
        m.Fit(d.Features, d.Labels);
        Assert.Equal(SolverKind.DualCoordinateDescent, m.Report!.Solver);       // the penalised bias B = 2: no intercept constraint
        string file = Path.Combine(Path.GetTempPath(), $"svr-{Guid.NewGuid():N}.json");
        try
        {
            m.Save(file);
            var loaded = LinearEstimator.Load<LinearSvr>(file);
            Assert.Equal(SvrLoss.SquaredEpsilonInsensitive, loaded.Loss);
            Assert.Equal(0.5, loaded.Epsilon);
            Assert.Equal(2.0, loaded.InterceptScaling);
            Assert.Equal(m.Predict(d.Features), loaded.Predict(d.Features));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void TheCommandLineFitsPredictsAndRefusesBadOptions()
    {
        var r = Reference("svr_s12_bias_cpusmall");
        string data = Path.Combine(DatasetLocator.RepositoryRoot()!, r.GetProperty("data").GetString()!);
        string dir = Path.Combine(Path.GetTempPath(), "optsuite-svr-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string model = Path.Combine(dir, "svr.json");
            var (code, stdout, err) = CliProcess.Run(["fit", "--model", "svr", "--data", data, "--epsilon", "0.1", "--loss", "squared-epsilon-insensitive",
                "--intercept-scaling", "1", "--C", "1", "--tol", "1e-12", "--output", model, "--json"]);
            Assert.True(code == 0, err);
            var json = JsonDocument.Parse(stdout.TrimEnd('\n').Split('\n')[^1]).RootElement;
            Assert.Equal("svr", json.GetProperty("model").GetString());
            Assert.Equal("dual-cd", json.GetProperty("solver").GetString());
            double peer = r.GetProperty("objective").GetDouble();
            Assert.Equal(peer, json.GetProperty("objective").GetDouble(), 1e-9 * peer);
            var p = CliProcess.Run(["predict", "--model", model, "--data", data]);
            Assert.True(p.Code == 0, p.Err);
            var loaded = LinearEstimator.Load<LinearSvr>(model);
            var d = ReferenceFiles.Data(r);
            // The command's kernels may sum in another order than this process's (MKL or not, threads): the last bit may differ.
            double[] expected = loaded.Predict(d.Features);
            double[] printed = p.Out.TrimEnd('\n').Split('\n').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(expected.Length, printed.Length);
            for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], printed[i], 1e-12 * Math.Max(1, Math.Abs(expected[i])));
            var bench = CliProcess.Run(["bench", "--model", "svr", "--data", data, "--solvers", "dual-cd"]);
            Assert.True(bench.Code == 0, bench.Err);

            var negative = CliProcess.Run(["fit", "--model", "svr", "--data", data, "--epsilon", "-1"]);
            Assert.Equal(2, negative.Code);
            Assert.Contains("--epsilon", negative.Err);
            var hinge = CliProcess.Run(["fit", "--model", "svr", "--data", data, "--loss", "hinge"]);
            Assert.Equal(2, hinge.Code);
            Assert.Contains("--loss hinge", hinge.Err);
            var svm = CliProcess.Run(["fit", "--model", "linear-svm", "--data", DatasetLocator.Find("binary/heart_scale"), "--loss", "epsilon-insensitive"]);
            Assert.Equal(2, svm.Code);
            Assert.Contains("regression loss", svm.Err);
            var other = CliProcess.Run(["fit", "--model", "ridge", "--data", data, "--epsilon", "0.1"]);
            Assert.Equal(2, other.Code);
            Assert.Contains("--epsilon", other.Err);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
