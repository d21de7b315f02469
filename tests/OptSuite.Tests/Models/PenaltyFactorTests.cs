using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;
using OptSuite.Data;
using OptSuite.Models;
using OptSuite.Tests.Cli;

namespace OptSuite.Tests.Models;

/// <summary>
/// <see cref="LinearEstimator.PenaltyFactors"/> (glmnet's penalty.factor): glmnet 4.1-6 optima with a zero, small and large
/// factors (datasets/reference/penalty_options.json, commands inside) are reached by the lasso, the elastic net and
/// binary logistic regression at glmnet's λ (factors rescaled to sum to p); a zero factor leaves its coefficient
/// unpenalised and the certificate does not stop before it is fitted; weighted ridge solves its normal equations; the
/// solvers that take the option agree and the others refuse it with the reason; bad factors, save/load and the command
/// line.
/// </summary>
public class PenaltyFactorTests
{
    private static JsonElement Reference(string problem) => Support.ReferenceFiles.Entry("penalty_options.json", problem);

    private static double[] Array(JsonElement r, string name) => r.GetProperty(name).EnumerateArray().Select(e => e.GetDouble()).ToArray();

    private static string Data(string file) => Path.Combine(DatasetLocator.RepositoryRoot()!, "datasets", file);

    /// <summary>The fit of <paramref name="m"/> on the record's data reaches the record's optimum (objective to 1e-9 and never
    /// above it by more than 1e-12; coefficients to <paramref name="coefficientTolerance"/> of the largest; the same zeros).</summary>
    internal static void Matches(JsonElement r, LinearEstimator m, double coefficientTolerance = 1e-6)
    {
        var d = Support.ReferenceFiles.Data(r);
        if (m is LinearClassifier c) c.Fit(d.Features, d.Labels); else ((LinearRegressor)m).Fit(d.Features, d.Labels);
        Assert.True(m.Report!.Converged, m.Report.ToString());
        double reference = r.GetProperty("objective").GetDouble();
        Assert.True(Math.Abs(m.Report.Objective - reference) <= 1e-9 * Math.Abs(reference), $"objective {m.Report.Objective:R} vs glmnet's {reference:R}");
        Assert.True(m.Report.Objective <= reference + 1e-12 * Math.Abs(reference), $"{m.Report.Objective:R} above glmnet's {reference:R}");
        double[] w = Array(r, "coef");
        double scale = Math.Max(1, w.Max(Math.Abs));
        for (int j = 0; j < w.Length; j++) Assert.True(Math.Abs(w[j] - m.Coefficients[j]) <= coefficientTolerance * scale, $"w[{j}] = {m.Coefficients[j]:R}, glmnet {w[j]:R}");
        Assert.True(Math.Abs(r.GetProperty("intercept").GetDouble() - m.Intercept) <= coefficientTolerance * scale);
        // glmnet's zeros are ours: a zero factor's coefficient is fitted, the others' support is glmnet's.
        for (int j = 0; j < w.Length; j++) Assert.Equal(w[j] == 0, m.Coefficients[j] == 0);
    }

    public static TheoryData<string> Problems() => new(
        from f in new[] { "gaussian_factors", "binomial_factors" }
        from a in new[] { "1", "0.5" }
        from l in f.StartsWith("gaussian") ? new[] { "0.5", "0.1", "0.02" } : new[] { "0.5", "0.1", "0.03" }
        select $"{f}_alpha{a}_lam{l}");

    [Theory]
    [MemberData(nameof(Problems))]
    public void GlmnetPenaltyFactorOptimaAreReached(string problem)
    {
        var r = Reference(problem);
        double alpha = r.GetProperty("alpha").GetDouble(), lam = r.GetProperty("lam").GetDouble();
        double[] v = Array(r, "penalty_factors");
        LinearEstimator m = r.GetProperty("family").GetString() == "gaussian"
            ? alpha == 1 ? new Lasso { Lambda = lam, PenaltyFactors = v, Tolerance = 1e-12 }
                : new ElasticNet { Lambda = lam, L1Ratio = alpha, PenaltyFactors = v, Tolerance = 1e-12 }
            : new LogisticRegression { Lambda = lam, Penalty = alpha == 1 ? Penalty.L1 : Penalty.ElasticNet, L1Ratio = alpha == 1 ? null : alpha, PenaltyFactors = v, Tolerance = 1e-12 };
        Matches(r, m);
        Assert.Equal(v, m.PenaltyFactors);   // the caller's factors, not the rescaled ones
    }

    /// <summary>Far above λ_max only the unpenalised column (factor 0) and the intercept are fitted: the fit is their least
    /// squares, although w = 0 satisfies every penalised coordinate's condition (a gap that ignored the unpenalised
    /// column would certify w = 0).</summary>
    [Fact]
    public void AZeroFactorLeavesItsCoefficientUnpenalised()
    {
        var d = SvmlightReader.Read(Data("glmnet_synthetic/QuickStartExample.svm"));
        double[] v = Enumerable.Repeat(1.0, d.Columns).ToArray();
        v[3] = 0;
        var m = new Lasso { Lambda = 100, PenaltyFactors = v, Tolerance = 1e-12 }.Fit(d.Features, d.Labels);
        Assert.True(m.Report!.Converged, m.Report.ToString());
        var dense = d.Features.ToDense();
        double[] x = Enumerable.Range(0, d.Rows).Select(i => dense[i, 3]).ToArray();
        double mx = x.Average(), my = d.Labels.Average();
        double slope = x.Zip(d.Labels).Sum(t => (t.First - mx) * (t.Second - my)) / x.Sum(t => (t - mx) * (t - mx));
        Assert.Equal(1, m.NonZeroCoefficients);
        Assert.Equal(slope, m.Coefficients[3], 1e-12 * Math.Abs(slope));
        Assert.Equal(my - slope * mx, m.Intercept, 1e-12);
        Assert.True(m.Report.DualityGap is { } gap && gap >= 0 && gap <= 1e-12 * m.Report.Objective, $"gap {m.Report.DualityGap}");
    }

    /// <summary>Ridge with factors: (1/2n)‖y − Xw − b‖² + (λ/2)Σv_j w_j² is the solution of (X_cᵀX_c/n + λV)w = X_cᵀy_c/n
    /// (X_c, y_c centred), with v rescaled to sum to p.</summary>
    [Fact]
    public void RidgeWithFactorsSolvesItsNormalEquations()
    {
        var d = SvmlightReader.Read(Data("regression/abalone_scale"));
        int n = d.Rows, p = d.Columns;
        double[] v = [0, 1, 2, 0.5, 1, 4, 1, 1];
        double lambda = 0.05, sum = v.Sum();
        var m = new Ridge { Lambda = lambda, PenaltyFactors = v, Tolerance = 1e-13 }.Fit(d.Features, d.Labels);
        Assert.True(m.Report!.Converged, m.Report.ToString());
        var dense = d.Features.ToDense();
        var x = Matrix<double>.Build.Dense(n, p, (i, j) => dense[i, j]);
        var means = x.ColumnSums() / n;
        var xc = x - Matrix<double>.Build.Dense(n, p, (i, j) => means[j]);
        var y = Vector<double>.Build.DenseOfArray(d.Labels);
        var yc = y - y.Average();
        var a = xc.TransposeThisAndMultiply(xc) / n + Matrix<double>.Build.DenseOfDiagonalArray(v.Select(t => lambda * t * p / sum).ToArray());
        var w = a.Solve(xc.TransposeThisAndMultiply(yc) / n);
        // The certified gap bounds the distance to the solution: F(w) − F* = ½ΔwᵀAΔw ≥ ½μ‖Δw‖² (μ = A's smallest
        // eigenvalue; the first factor is 0, so only the data hold w_0). With abalone's correlated columns μ is small, and
        // coordinate descent's extrapolated sweeps stop 4e-9 from w where plain sweeps happened to stop within 1e-9.
        double mu = a.Evd().EigenValues.Min(e => e.Real);
        double bound = Math.Sqrt(2 * m.Report.DualityGap!.Value / mu) + 1e-12;
        double distance = (Vector<double>.Build.DenseOfArray(m.Coefficients.ToArray()) - w).L2Norm();
        Assert.True(distance <= bound, $"‖w − w*‖ = {distance:E2} above the gap's bound {bound:E2} (μ = {mu:E2})");
        // Each coefficient within that bound, the intercept (ȳ − μᵀw) within ‖μ‖ times it.
        for (int j = 0; j < p; j++) Assert.Equal(w[j], m.Coefficients[j], bound);
        Assert.Equal(y.Average() - means.DotProduct(w), m.Intercept, means.L2Norm() * bound + 1e-12);
    }

    /// <summary>Coordinate descent, FISTA (and OWL-QN for the L1 case) reach the same optimum; L-BFGS, trust-region Newton and
    /// dual coordinate descent refuse the per-feature elastic net with the reason.</summary>
    [Fact]
    public void SolversAgreeOrRefuseWithTheReason()
    {
        var d = SvmlightReader.Read(Data("binary/heart_scale"));
        double[] v = Enumerable.Range(0, d.Columns).Select(j => j % 3 == 0 ? 0.0 : 1.0 + j % 2).ToArray();
        double F(SolverKind s, double? ratio) => new LogisticRegression { Lambda = 0.02, L1Ratio = ratio, Penalty = ratio is null ? Penalty.L1 : Penalty.ElasticNet, PenaltyFactors = v, Solver = s, Tolerance = 1e-10, MaxIterations = 200000 }
            .Fit(d.Features, d.Labels).Report!.Objective;
        double cd = F(SolverKind.CoordinateDescent, 0.5);
        Assert.Equal(cd, F(SolverKind.Fista, 0.5), 1e-8 * cd);
        double l1 = F(SolverKind.CoordinateDescent, null);
        Assert.Equal(l1, F(SolverKind.OwlQn, null), 1e-8 * l1);
        Assert.Equal(l1, F(SolverKind.Fista, null), 1e-8 * l1);
        var problem = new LogisticRegression { Lambda = 0.02, L1Ratio = 0.5, PenaltyFactors = v }.CreateProblems(d.Features, d.Labels)[0];
        Assert.Equal(new[] { SolverKind.CoordinateDescent, SolverKind.Fista, SolverKind.Ista }.Order(), problem.Solvers.Order());
        var e = Assert.Throws<UnsupportedSolverException>(() => new LogisticRegression { Lambda = 0.02, Penalty = Penalty.L2, PenaltyFactors = v, Solver = SolverKind.Lbfgs }.Fit(d.Features, d.Labels));
        Assert.Contains("L-BFGS takes the L2 penalty only as the objective's uniform ridge term", e.Message);
        e = Assert.Throws<UnsupportedSolverException>(() => new LogisticRegression { Lambda = 0.02, Penalty = Penalty.L2, PenaltyFactors = v, Solver = SolverKind.DualCoordinateDescent, FitIntercept = false }.Fit(d.Features, d.Labels));
        Assert.Contains("dual coordinate descent needs the L2 penalty", e.Message);
    }

    /// <summary>Poisson and Gamma with factors: coordinate descent and FISTA reach the same optimum, and the unpenalised
    /// coefficient satisfies its optimality condition (the data gradient vanishes on its column).</summary>
    [Fact]
    public void PoissonAndGammaTakeFactors()
    {
        var d = SvmlightReader.Read(Data("regression/abalone_scale"));
        double[] counts = d.Labels.Select(t => Math.Round(t)).ToArray();
        double[] v = [0, 1, 2, 1, 0.5, 1, 1, 3];
        var dense = d.Features.ToDense();
        foreach (double? ratio in new double?[] { null, 0.5 })
        {
            LinearRegressor Make(bool gamma, SolverKind solver, double tol)
            {
                LinearRegressor m = gamma ? new GammaRegressor { L1Ratio = ratio, Penalty = ratio is null ? Penalty.L1 : Penalty.ElasticNet }
                    : new PoissonRegressor { L1Ratio = ratio, Penalty = ratio is null ? Penalty.L1 : Penalty.ElasticNet };
                m.Lambda = 0.01;
                m.PenaltyFactors = v;
                m.Solver = solver;
                m.Tolerance = tol;
                m.MaxIterations = 1_000_000;
                return m;
            }
            foreach (bool gamma in new[] { false, true })
            {
                double[] y = gamma ? d.Labels : counts;
                var cd = Make(gamma, SolverKind.CoordinateDescent, 1e-12).Fit(d.Features, y);
                Assert.True(cd.Report!.Converged, cd.Report.ToString());
                var fista = Make(gamma, SolverKind.Fista, 1e-10).Fit(d.Features, y);
                Assert.Equal(cd.Report.Objective, fista.Report!.Objective, 1e-8 * Math.Abs(cd.Report.Objective));
                double[] w = cd.Coefficients;
                double g = 0, h = 0;
                for (int i = 0; i < d.Rows; i++)
                {
                    double z = cd.Intercept;
                    for (int j = 0; j < d.Columns; j++) z += dense[i, j] * w[j];
                    g += (gamma ? 1 - y[i] * Math.Exp(-z) : Math.Exp(z) - y[i]) * dense[i, 0] / d.Rows;
                    h += (gamma ? y[i] * Math.Exp(-z) : Math.Exp(z)) * dense[i, 0] * dense[i, 0] / d.Rows;
                }
                // The gap bounds F − F* ≥ g²/(2h) (a step along the unpenalised coordinate alone gains that to second order,
                // h the curvature there), so it bounds the unpenalised gradient by √(2h·gap), with rounding's share of F.
                double bound = Math.Sqrt(2 * h * (Math.Max(cd.Report.DualityGap!.Value, 0) + 1e-15 * Math.Abs(cd.Report.Objective)));
                Assert.True(Math.Abs(g) <= bound, $"{(gamma ? "gamma" : "poisson")} α = {ratio}: unpenalised gradient {g}, the gap's bound {bound}");
                Assert.NotEqual(0, w[0]);
            }
        }
    }

    [Fact]
    public void BadFactorsAreClearErrors()
    {
        var d = SvmlightReader.Read(Data("binary/heart_scale"));
        double[] ones = Enumerable.Repeat(1.0, d.Columns).ToArray();
        void Refused(LinearEstimator m, string message)
        {
            var e = Assert.ThrowsAny<ArgumentException>(() => { if (m is LinearClassifier c) c.Fit(d.Features, d.Labels); else ((LinearRegressor)m).Fit(d.Features, d.Labels); });
            Assert.Equal("PenaltyFactors", e.ParamName);
            Assert.Contains(message, e.Message);
        }
        Refused(new Lasso { PenaltyFactors = [1, 2] }, "PenaltyFactors has 2 values; X has 13 features");
        Refused(new Lasso { PenaltyFactors = [.. ones[..12], -1] }, "PenaltyFactors[12] = -1");
        Refused(new Lasso { PenaltyFactors = [.. ones[..12], double.NaN] }, "PenaltyFactors[12] = NaN");
        Refused(new ElasticNet { PenaltyFactors = new double[d.Columns] }, "nothing is penalised");
        Refused(new LinearSvm { PenaltyFactors = ones }, "not linear-svm");
        var three = SvmlightReader.Read(Data("multiclass/iris.svm"));
        var e = Assert.Throws<ArgumentException>(() => new LogisticRegression { PenaltyFactors = Enumerable.Repeat(1.0, three.Columns).ToArray() }.Fit(three.Features, three.Labels));
        Assert.Contains("binary logistic regression", e.Message);
        double[] mine = [.. ones];
        new Lasso { Lambda = 0.01, PenaltyFactors = mine }.Fit(d.Features, d.Labels);
        Assert.Equal(ones, mine);   // never rescaled in place
    }

    [Fact]
    public void FactorsSurviveSaveLoadAndTheCommandLine()
    {
        string heart = Data("binary/heart_scale");
        var d = SvmlightReader.Read(heart);
        double[] v = Enumerable.Range(0, d.Columns).Select(j => j == 0 ? 0.0 : 1.0 + j % 3).ToArray();
        var m = new Lasso { Lambda = 0.05, PenaltyFactors = v, Tolerance = 1e-10 }.Fit(d.Features, d.Labels);
        using var dir = new Support.ScratchDirectory("penalty-factors");
        m.Save(dir["m.json"]);
        var back = LinearEstimator.Load<Lasso>(dir["m.json"]);
        Assert.Equal(v, back.PenaltyFactors);
        Assert.Equal(m.Predict(d.Features), back.Predict(d.Features));
        back.Fit(d.Features, d.Labels);
        Assert.Equal(m.Coefficients, back.Coefficients);

        File.WriteAllLines(dir["v.txt"], v.Select(t => t.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var (code, _, err) = InspectCommandTests.Run("fit", "--model", "lasso", "--data", heart, "--lambda", "0.05", "--tol", "1e-10",
            "--penalty-factors", dir["v.txt"], "--output", dir["cli.json"]);
        Assert.True(code == 0, err);
        var cli = LinearEstimator.Load<Lasso>(dir["cli.json"]);
        Assert.Equal(v, cli.PenaltyFactors);
        for (int j = 0; j < d.Columns; j++) Assert.Equal(m.Coefficients[j], cli.Coefficients[j], 1e-9);

        (int, string) Fails(string file, string text, string model = "lasso", params string[] extra)
        {
            File.WriteAllText(dir[file], text);
            var (c, _, e) = InspectCommandTests.Run(["fit", "--model", model, "--data", heart, "--penalty-factors", dir[file], .. extra]);
            return (c, e);
        }
        var (code2, err2) = Fails("bad.txt", "1\n1\nx\n");
        Assert.Equal(2, code2);
        Assert.Contains($"--penalty-factors {dir["bad.txt"]} line 3: 'x' is not a number", err2);
        (code2, err2) = Fails("neg.txt", "1\n-2\n");
        Assert.Equal(2, code2);
        Assert.Contains($"--penalty-factors {dir["neg.txt"]} line 2: -2; penalty factors must be finite and ≥ 0", err2);
        (code2, err2) = Fails("inf.txt", "1\nInfinity\n");
        Assert.Equal(2, code2);
        Assert.Contains("line 2: Infinity; penalty factors must be finite", err2);
        (code2, err2) = Fails("zero.txt", "0\n0\n");
        Assert.Equal(2, code2);
        Assert.Contains("every factor is 0, so nothing is penalised", err2);
        (code2, err2) = Fails("short.txt", "1\n2\n");
        Assert.Equal(2, code2);
        Assert.Contains($"--penalty-factors {dir["short.txt"]}: 2 factors (lines 1–2) for 13 features of --data", err2);
        (code2, err2) = Fails("ok.txt", string.Join('\n', v) + "\n", "lasso", "--solver", "lbfgs");
        Assert.Equal(2, code2);
        Assert.Contains("owlqn", err2);
        (code2, err2) = Fails("svm.txt", string.Join('\n', v) + "\n", "linear-svm");
        Assert.Equal(2, code2);
        Assert.Contains("--penalty-factors does not apply to --model linear-svm", err2);
        // Paths take the factors too (the registry's pathOptions); the multinomial model takes them nowhere.
        var bound = ModelRegistry.Get("lasso").CreatePath(new ModelSettings { PenaltyFactors = v, Standardize = true });
        Assert.Equal(v, bound.PenaltyFactors);
        Assert.True(bound.Standardize);
        var refused = Assert.Throws<ArgumentException>(() => ModelRegistry.Get("multinomial").CreatePath(new ModelSettings { PenaltyFactors = v }));
        Assert.Equal("--penalty-factors does not apply to --model multinomial.", refused.Message);
    }
}
