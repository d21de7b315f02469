using System.Text.Json;
using OptSuite.Data;
using OptSuite.LinearAlgebra;
using OptSuite.Models;
using OptSuite.Objectives;
using OptSuite.Objectives.Losses;
using OptSuite.Prox.Regularizers;
using OptSuite.Solvers;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Models;

/// <summary>
/// Offsets (z_i = x_i·w + b + o_i): glmnet 4.1-6's optima with <c>offset</c> (datasets/reference/offset.json, written by
/// datasets/reference/make_offset_references.py: Poisson on PoissonExample with log exposure, binomial on heart_scale, Gamma
/// and Tweedie (power 1.5, glmnet with the family object of glm_families.R) on abalone with log exposure) are
/// reached by every primal solver; the objective's gradient and duality gap carry the offset; Poisson with offset log t
/// is Poisson with weights t and targets y/t; predictions take offsets and models are saved without them; the dual
/// solvers and the models without a link refuse them; the command line reads and checks an offset file.
/// </summary>
public class OffsetTests
{
    private const string File = "offset.json";

    public static TheoryData<string> Problems() => ["poisson_l1_offset", "poisson_l2_offset", "logistic_l1_offset", "logistic_l2_offset",
        "gamma_l1_offset", "gamma_enet_offset", "tweedie_l1_offset", "tweedie_l2_offset"];

    private static (CsrMatrix X, double[] Y, double[] Offset, JsonElement Entry) Load(string problem)
    {
        var e = ReferenceFiles.Entry(File, problem);
        var d = ReferenceFiles.Data(e);
        return (d.Features, d.Labels.ToArray(), e.GetProperty("offset").EnumerateArray().Select(v => v.GetDouble()).ToArray(), e);
    }

    private static LinearEstimator Model(JsonElement e, SolverKind solver, double tolerance)
    {
        double a = e.GetProperty("l1_ratio").GetDouble(), lam = e.GetProperty("lam").GetDouble();
        var penalty = a == 1 ? Penalty.L1 : a == 0 ? Penalty.L2 : Penalty.ElasticNet;
        double? ratio = a is 0 or 1 ? null : a;
        LinearEstimator m = e.GetProperty("family").GetString() switch
        {
            "poisson" => new PoissonRegressor { Penalty = penalty, L1Ratio = ratio },
            "gamma" => new GammaRegressor { Penalty = penalty, L1Ratio = ratio },
            "tweedie:1.5" => new TweedieRegressor { Power = 1.5, Penalty = penalty, L1Ratio = ratio },
            _ => new LogisticRegression { Penalty = penalty, L1Ratio = ratio },
        };
        m.Lambda = lam;
        m.Solver = solver;
        m.Tolerance = tolerance;
        return m;
    }

    private static void Fit(LinearEstimator m, CsrMatrix x, double[] y, double[]? offset)
    {
        if (m is LinearClassifier c) c.Fit(x, y, null, offset);
        else ((LinearRegressor)m).Fit(x, y, null, offset);
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void MatchesGlmnetWithOffset(string problem)
    {
        var (x, y, o, e) = Load(problem);
        var copy = (double[])o.Clone();
        var m = Model(e, SolverKind.Auto, 1e-12);
        Fit(m, x, y, o);
        Assert.Equal(copy, o);   // the caller's offsets are not touched
        double reference = e.GetProperty("objective").GetDouble();
        Assert.True(m.Report!.Converged, m.Report.ToString());
        Assert.True(Math.Abs(m.Report.Objective - reference) <= 1e-10 * Math.Abs(reference), $"{problem}: F {m.Report.Objective:R} vs glmnet {reference:R}");
        Assert.True(m.Report.DualityGap is { } gap && gap <= 1e-9 * Math.Max(1, Math.Abs(reference)), $"gap {m.Report.DualityGap}");
        double[] w = e.GetProperty("coef").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        for (int j = 0; j < w.Length; j++) Assert.True(Math.Abs(m.Coefficients[j] - w[j]) <= 1e-6 * Math.Max(1, Math.Abs(w[j])), $"w[{j}] {m.Coefficients[j]:R} vs {w[j]:R}");
        Assert.Equal(e.GetProperty("intercept").GetDouble(), m.Intercept, 1e-6);
        if (e.GetProperty("l1_ratio").GetDouble() == 1) Assert.Equal(w.Count(v => v != 0), m.NonZeroCoefficients);
        // The same fit without the offsets is another problem: its optimum scores worse under the offsets' objective.
        var plain = Model(e, SolverKind.Auto, 1e-12);
        Fit(plain, x, y, null);
        Assert.True(Math.Abs(plain.Report!.Objective - reference) > 1e-3 * Math.Abs(reference));
    }

    public static TheoryData<string, SolverKind> Solvers() => new()
    {
        { "poisson_l2_offset", SolverKind.Lbfgs }, { "poisson_l2_offset", SolverKind.Newton }, { "poisson_l2_offset", SolverKind.CoordinateDescent },
        { "poisson_l2_offset", SolverKind.Fista }, { "poisson_l2_offset", SolverKind.OwlQn },
        { "poisson_l1_offset", SolverKind.CoordinateDescent }, { "poisson_l1_offset", SolverKind.OwlQn }, { "poisson_l1_offset", SolverKind.Fista },
        { "logistic_l2_offset", SolverKind.Newton }, { "logistic_l2_offset", SolverKind.CoordinateDescent }, { "logistic_l2_offset", SolverKind.Ista },
        { "logistic_l1_offset", SolverKind.OwlQn },
    };

    [Theory]
    [MemberData(nameof(Solvers))]
    public void EveryPrimalSolverHonoursTheOffset(string problem, SolverKind solver)
    {
        var (x, y, o, e) = Load(problem);
        var m = Model(e, solver, 1e-10);
        m.MaxIterations = 200_000;
        Fit(m, x, y, o);
        double reference = e.GetProperty("objective").GetDouble();
        Assert.Equal(solver, m.Report!.Solver);
        Assert.True(Math.Abs(m.Report.Objective - reference) <= 1e-7 * Math.Abs(reference), $"{solver}: F {m.Report.Objective:R} vs glmnet {reference:R} ({m.Report.StopReason})");
    }

    [Fact]
    public void TheDualMethodsRefuseOffsetsSayingWhy()
    {
        var (x, y, o, e) = Load("logistic_l2_offset");
        var m = new LogisticRegression { Lambda = e.GetProperty("lam").GetDouble(), FitIntercept = false, Solver = SolverKind.DualCoordinateDescent };
        var ex = Assert.Throws<UnsupportedSolverException>(() => m.Fit(x, y, null, o));
        Assert.Contains("does not take offsets", ex.Message);
        // Without offsets the same problem is the dual method's.
        Assert.Equal(SolverKind.DualCoordinateDescent, m.Fit(x, y).Report!.Solver);
    }

    [Fact]
    public void TheObjectiveGradientAndGapCarryTheOffset()
    {
        var (x, y, o, _) = Load("poisson_l2_offset");
        var f = new LinearObjective<PoissonLoss, ZeroRegularizer>(x, y, default, default, 0.05, true, default, o);
        var point = new double[f.Dimension];
        for (int j = 0; j < point.Length; j++) point[j] = 0.01 * Math.Sin(j + 1);
        var g = new double[f.Dimension];
        double value = f.ValueAndGradient(point, g);
        // The value by hand: (1/n)Σ(e^{z+o} − y(z+o)) + (μ/2)‖w‖².
        var z = new double[x.Rows];
        x.Apply(point.AsSpan(0, x.Columns), z);
        double byHand = 0;
        for (int i = 0; i < z.Length; i++) { double s = z[i] + point[^1] + o[i]; byHand += Math.Exp(s) - y[i] * s; }
        byHand /= z.Length;
        for (int j = 0; j < x.Columns; j++) byHand += 0.5 * 0.05 * point[j] * point[j];
        Assert.Equal(byHand, value, 1e-12 * Math.Abs(byHand));
        for (int j = 0; j < point.Length; j++)
        {
            double h = 1e-6, keep = point[j];
            point[j] = keep + h; double up = f.Value(point);
            point[j] = keep - h; double down = f.Value(point);
            point[j] = keep;
            Assert.True(Math.Abs((up - down) / (2 * h) - g[j]) <= 1e-6 * Math.Max(1, Math.Abs(g[j])), $"∂/∂x[{j}]: {g[j]} vs {(up - down) / (2 * h)}");
        }
        // Weak duality with the offset's conjugate term: the gap is ≥ 0 away from the optimum and vanishes at it.
        Assert.True(f.DualityGap(point) > 0);
        var r = Lbfgs.Minimize(f.AsSmooth(), default, new LbfgsOptions { Tolerance = 1e-12, MaxIterations = 10_000 });
        Assert.InRange(f.DualityGap(r.Solution), -1e-12, 1e-9);
    }

    [Fact]
    public void PoissonWithLogExposureIsPoissonWithExposureWeightsAndRates()
    {
        // (1/n)Σ(t_i e^{z_i} − y_i z_i) − (1/n)Σ y_i log t_i  =  (Σt/n)·(1/Σt)Σ t_i(e^{z_i} − (y_i/t_i) z_i) + const:
        // the same minimiser when λ_weights = λ_offset·n/Σt, and F_offset* = (Σt/n)F_weights* − (1/n)Σ y_i log t_i.
        var (x, y, o, e) = Load("poisson_l1_offset");
        double lambda = e.GetProperty("lam").GetDouble();
        int n = y.Length;
        double[] t = o.Select(Math.Exp).ToArray(), rate = y.Select((v, i) => v / t[i]).ToArray();
        double sumT = t.Sum(), constant = -y.Select((v, i) => v * o[i]).Sum() / n;
        var withOffset = new PoissonRegressor { Penalty = Penalty.L1, Lambda = lambda, Tolerance = 1e-13 }.Fit(x, y, null, o);
        var weighted = new PoissonRegressor { Penalty = Penalty.L1, Lambda = lambda * n / sumT, Tolerance = 1e-13 }.Fit(x, rate, t);
        for (int j = 0; j < x.Columns; j++) Assert.Equal(withOffset.Coefficients[j], weighted.Coefficients[j], 1e-8);
        Assert.Equal(withOffset.Intercept, weighted.Intercept, 1e-8);
        double mapped = sumT / n * weighted.Report!.Objective + constant;
        Assert.Equal(withOffset.Report!.Objective, mapped, 1e-10 * Math.Abs(mapped));
        // And the predictions: the rate model's e^{xw+b} times the exposure is the offset model's mean.
        double[] counts = withOffset.Predict(x, o), rates = weighted.Predict(x);
        for (int i = 0; i < n; i++) Assert.Equal(counts[i], rates[i] * t[i], 1e-7 * counts[i]);
    }

    [Fact]
    public void PredictionsTakeOffsetsAndTheModelFileHoldsNone()
    {
        var (x, y, o, e) = Load("logistic_l2_offset");
        var m = new LogisticRegression { Lambda = e.GetProperty("lam").GetDouble() }.Fit(x, y, null, o);
        double[,] s0 = m.DecisionFunction(x), s = m.DecisionFunction(x, o), p = m.PredictProbability(x, o);
        for (int i = 0; i < y.Length; i++)
        {
            Assert.Equal(s0[i, 0] + o[i], s[i, 0], 1e-12);
            Assert.Equal(1 / (1 + Math.Exp(-s[i, 0])), p[i, 1], 1e-12);
        }
        string file = Path.Combine(Path.GetTempPath(), $"offset-{Guid.NewGuid():N}.json");
        try
        {
            m.Save(file);
            Assert.DoesNotContain("offset", System.IO.File.ReadAllText(file), StringComparison.OrdinalIgnoreCase);
            var loaded = LinearEstimator.Load<LogisticRegression>(file);
            Assert.Equal(m.PredictIndices(x, o), loaded.PredictIndices(x, o));
        }
        finally
        {
            System.IO.File.Delete(file);
        }
        var (px, py, po, pe) = Load("poisson_l2_offset");
        var poisson = new PoissonRegressor { Lambda = pe.GetProperty("lam").GetDouble() }.Fit(px, py, null, po);
        double[] mu = poisson.Predict(px, po), mu0 = poisson.Predict(px);
        for (int i = 0; i < py.Length; i++) Assert.Equal(mu0[i] * Math.Exp(po[i]), mu[i], 1e-10 * mu[i]);
        // D² with offsets: the deviance of e^{xw+b+o} against that of the mean count, by hand.
        static double D(double y, double m) => 2 * ((y > 0 ? y * Math.Log(y / m) : 0) - y + m);
        double mean = py.Average(), model = 0, nul = 0;
        for (int i = 0; i < py.Length; i++) { model += D(py[i], mu[i]); nul += D(py[i], mean); }
        Assert.Equal(1 - model / nul, poisson.Score(px, py, po), 1e-12);
        Assert.NotEqual(poisson.Score(px, py), poisson.Score(px, py, po));
    }

    [Fact]
    public void ModelsWithoutALinkAndBadOffsetsAreRefusedByName()
    {
        var (x, y, o, _) = Load("poisson_l2_offset");
        var ridge = Assert.Throws<ArgumentException>(() => new Ridge().Fit(x, y, null, o));
        Assert.Equal("offset", ridge.ParamName);
        Assert.Contains("subtract the offset from y", ridge.Message);
        var short1 = Assert.Throws<ArgumentException>(() => new PoissonRegressor().Fit(x, y, null, o[1..]));
        Assert.Equal("offset", short1.ParamName);
        var bad = (double[])o.Clone();
        bad[7] = double.NaN;
        var nan = Assert.Throws<ArgumentException>(() => new GammaRegressor().Fit(x, y.Select(v => v + 1).ToArray(), null, bad));
        Assert.Contains("offset[7] = NaN", nan.Message);
        var iris = SvmlightReader.Read(Path.Combine(DatasetLocator.RepositoryRoot()!, "datasets", "multiclass", "iris.svm"));
        var multinomial = Assert.Throws<ArgumentException>(() =>
            new LogisticRegression().Fit(iris.Features, iris.Labels.ToArray(), null, new double[iris.Features.Rows]));
        Assert.Equal("offset", multinomial.ParamName);
        Assert.Throws<ArgumentException>(() => new LinearSvm().Fit(x, y.Select(v => v > 10 ? 1.0 : -1).ToArray(), null, o));
    }

    [Fact]
    public void TheCommandLineFitsAndPredictsWithAnOffsetFile()
    {
        var (_, y, o, e) = Load("poisson_l1_offset");
        string data = Path.Combine(DatasetLocator.RepositoryRoot()!, e.GetProperty("data").GetString()!);
        string dir = Path.Combine(Path.GetTempPath(), $"offset-cli-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            string offsets = Path.Combine(dir, "o.txt"), model = Path.Combine(dir, "m.json");
            System.IO.File.WriteAllLines(offsets, o.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
            string lam = e.GetProperty("lam").GetDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            var fit = CliProcess.Run("fit", "--model", "poisson", "--penalty", "l1", "--lambda", lam, "--tol", "1e-12", "--data", data,
                "--offset", offsets, "--output", model, "--json");
            Assert.True(fit.Code == 0, fit.Err);
            var json = JsonDocument.Parse(fit.Out.Trim().Split('\n')[^1]).RootElement;
            double reference = e.GetProperty("objective").GetDouble();
            Assert.Equal(reference, json.GetProperty("objective").GetDouble(), 1e-9 * Math.Abs(reference));
            var predict = CliProcess.Run("predict", "--model", model, "--data", data, "--offset", offsets);
            Assert.True(predict.Code == 0, predict.Err);
            var loaded = LinearEstimator.Load<PoissonRegressor>(model);
            var expected = loaded.Predict(ReferenceFiles.Data(e).Features, o);
            var lines = predict.Out.Trim().Split('\n');
            Assert.Equal(y.Length, lines.Length);
            for (int i = 0; i < lines.Length; i++) Assert.Equal(expected[i], double.Parse(lines[i], System.Globalization.CultureInfo.InvariantCulture), 1e-12 * expected[i]);

            // A bad file: the option, the file and the line.
            string shortFile = Path.Combine(dir, "short.txt"), word = Path.Combine(dir, "word.txt"), inf = Path.Combine(dir, "inf.txt");
            System.IO.File.WriteAllLines(shortFile, ["0.1", "0.2"]);
            System.IO.File.WriteAllLines(word, ["0.1", "0.2", "abc"]);
            System.IO.File.WriteAllLines(inf, ["0.1", "Infinity"]);
            foreach (var (file, what) in new[] { (shortFile, "has 2 values for the 500 rows"), (word, "line 3: 'abc' is not a number"), (inf, "line 2") })
            {
                var r = CliProcess.Run("predict", "--model", model, "--data", data, "--offset", file);
                Assert.Equal(2, r.Code);
                Assert.Contains($"--offset {file}", r.Err);
                Assert.Contains(what, r.Err);
            }
            // --test takes the test rows' offsets from --test-offset (here the same rows, so the scores agree).
            var tested = CliProcess.Run("fit", "--model", "poisson", "--penalty", "l1", "--lambda", lam, "--tol", "1e-12", "--data", data,
                "--offset", offsets, "--test", data, "--test-offset", offsets, "--json");
            Assert.True(tested.Code == 0, tested.Err);
            var testedJson = JsonDocument.Parse(tested.Out.Trim().Split('\n')[^1]).RootElement;
            double expectedScore = loaded.Score(ReferenceFiles.Data(e).Features, y, o);
            Assert.Equal(expectedScore, testedJson.GetProperty("test_score").GetDouble(), 1e-9);
            Assert.Equal(testedJson.GetProperty("train_score").GetDouble(), testedJson.GetProperty("test_score").GetDouble(), 1e-12);
            var untested = CliProcess.Run("fit", "--model", "poisson", "--data", data, "--offset", offsets, "--test", data);
            Assert.Equal(2, untested.Code);
            Assert.Contains("--test-offset", untested.Err);
            var shortTest = CliProcess.Run("fit", "--model", "poisson", "--data", data, "--offset", offsets, "--test", data, "--test-offset", shortFile);
            Assert.Equal(2, shortTest.Code);
            Assert.Contains($"--test-offset {shortFile} has 2 values for the 500 rows of --test", shortTest.Err);

            var ridge = CliProcess.Run("fit", "--model", "ridge", "--data", data, "--offset", offsets);
            Assert.Equal(2, ridge.Code);
            Assert.Contains("--offset", ridge.Err);
            Assert.Contains("takes no offsets", ridge.Err);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
