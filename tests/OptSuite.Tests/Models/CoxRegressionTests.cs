using System.Text.Json;
using OptSuite.Data;
using OptSuite.LinearAlgebra;
using OptSuite.Models;
using OptSuite.Objectives;
using OptSuite.Objectives.Metrics;
using OptSuite.Objectives.Survival;

namespace OptSuite.Tests.Models;

/// <summary>
/// <see cref="CoxRegression"/> against R glmnet 4.1-6 (family = "cox", standardize = FALSE, thresh = 1e-14) and
/// survival::coxph (Breslow and Efron, unpenalised) on glmnet's CoxExample (datasets/reference/cox.json, written by
/// make_cox_references.R with the commands inside; objectives re-scored there by one formula): objectives, coefficients,
/// log-likelihoods and glmnet's Cindex; the KKT certificate at exit; other solvers agree; bad input is named.
/// </summary>
public class CoxRegressionTests
{
    private static JsonElement Reference(string problem) => Support.ReferenceFiles.Entry("cox.json", problem);

    internal static SurvivalTable Data() =>
        SurvivalCsvReader.Read(Path.Combine(DatasetLocator.RepositoryRoot()!, "datasets", "glmnet_synthetic", "CoxExample.csv"));

    /// <summary>The recorded tied variant: times rounded up to tenths.</summary>
    private static double[] Tied(double[] time) => time.Select(t => Math.Ceiling(10 * t) / 10).ToArray();

    /// <summary>The recorded weights 1 + ((i − 1) mod 3)/2, i from 1.</summary>
    private static double[] Weights(int n) => Enumerable.Range(0, n).Select(i => 1 + (i % 3) / 2.0).ToArray();

    private static double[] Coef(JsonElement r) => r.GetProperty("coef").EnumerateArray().Select(e => e.GetDouble()).ToArray();

    public static TheoryData<string> GlmnetProblems() =>
    [
        "cox_l1_lambda0.1", "cox_l1_lambda0.05", "cox_l1_lambda0.02", "cox_l1_lambda0.01",
        "cox_enet_lambda0.1", "cox_enet_lambda0.05", "cox_enet_lambda0.02", "cox_enet_lambda0.01",
        "cox_l1_weighted_lambda0.05", "cox_l1_weighted_lambda0.02", "cox_l1_tied_lambda0.05", "cox_l1_tied_lambda0.02",
    ];

    [Theory]
    [MemberData(nameof(GlmnetProblems))]
    public void MatchesGlmnet(string problem)
    {
        var r = Reference(problem);
        var d = Data();
        double[] time = r.GetProperty("time").GetString() == "time" ? d.Time : Tied(d.Time);
        double[]? w = r.GetProperty("weights").GetString() == "none" ? null : Weights(d.Time.Length);
        double alpha = r.GetProperty("alpha").GetDouble();
        var m = new CoxRegression { Lambda = r.GetProperty("lambda").GetDouble(), L1Ratio = alpha, Tolerance = 1e-10 };
        if (alpha == 1) m.Penalty = Penalty.L1;
        var timeCopy = (double[])time.Clone();
        m.Fit(d.Features, time, d.Status, w);
        Assert.Equal(timeCopy, time);
        Assert.True(m.Report!.Converged, m.Report.ToString());
        Assert.Null(m.Report.DualityGap);
        double reference = r.GetProperty("objective").GetDouble();
        Assert.Equal(reference, m.Report.Objective, 1e-9 * reference);
        Assert.True(m.Report.Objective <= reference * (1 + 1e-12), $"{m.Report.Objective} above glmnet's {reference}");
        double[] b = Coef(r);
        for (int j = 0; j < b.Length; j++) Assert.Equal(b[j], m.Coefficients[j], 5e-7);   // measured: ≤ 2.1e-7 (glmnet's own KKT residual is ~5e-8)
        Assert.Equal(b.Count(v => v != 0), m.NonZeroCoefficients);
        Assert.Equal(0, m.Intercept);
    }

    [Theory]
    [MemberData(nameof(GlmnetProblems))]
    public void TheConcordanceIndexIsGlmnetsCindex(string problem)
    {
        var r = Reference(problem);
        var d = Data();
        double[] time = r.GetProperty("time").GetString() == "time" ? d.Time : Tied(d.Time);
        double[]? w = r.GetProperty("weights").GetString() == "none" ? null : Weights(d.Time.Length);
        double[] b = Coef(r);
        var eta = new double[d.Time.Length];
        d.Features.Apply(b, eta);
        Assert.Equal(r.GetProperty("cindex").GetDouble(), SurvivalMetrics.ConcordanceIndex(time, d.Status, eta, w), 1e-12);
    }

    [Theory]
    [InlineData("coxph_breslow")]
    [InlineData("coxph_breslow_weighted")]
    [InlineData("coxph_efron")]
    [InlineData("coxph_efron_weighted")]
    public void UnpenalisedFitsAreCoxph(string problem)
    {
        var r = Reference(problem);
        var d = Data();
        double[] time = Tied(d.Time);
        int n = time.Length;
        double[]? w = r.GetProperty("weights").GetString() == "none" ? null : Weights(n);
        var ties = r.GetProperty("ties").GetString() == "efron" ? CoxTies.Efron : CoxTies.Breslow;
        var x = new double[n, 5];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < 5; j++) x[i, j] = d.Features[i, j];
        var five = DenseMatrix.FromArray(x);
        double[] b = Coef(r);

        // The log-likelihood at coxph's optimum and at half of it.
        var loss = new CoxPartialLikelihood(time, d.Status, w, ties);
        var eta = new double[n];
        five.Apply(b, eta);
        Assert.Equal(r.GetProperty("loglik").GetDouble(), loss.LogLikelihood(eta), 1e-10 * 4000);
        five.Apply(b.Select(v => v / 2).ToArray(), eta);
        Assert.Equal(r.GetProperty("loglik_at_half").GetDouble(), loss.LogLikelihood(eta), 1e-10 * 4000);

        // λ = 0: the same coefficients (the optimum is unique: the log-likelihood is strictly concave here).
        var m = new CoxRegression { Lambda = 0, Penalty = Penalty.L2, Ties = ties, Tolerance = 1e-12 }.Fit(five, time, d.Status, w);
        Assert.True(m.Report!.Converged, m.Report.ToString());
        for (int j = 0; j < 5; j++) Assert.Equal(b[j], m.Coefficients[j], 1e-8);
        double total = w?.Sum() ?? n;
        Assert.Equal(-r.GetProperty("loglik").GetDouble() / total, m.Report.Objective, 1e-12);
    }

    [Fact]
    public void AnInterceptRequestedIsRefusedNamingFitIntercept()
    {
        var d = Data();
        Assert.False(new CoxRegression().FitIntercept);
        var e = Assert.Throws<ArgumentException>(() => new CoxRegression { Lambda = 0.05, FitIntercept = true }.Fit(d.Features, d.Time, d.Status));
        Assert.Equal("FitIntercept", e.ParamName);
        Assert.Contains("no intercept", e.Message);
        Assert.Throws<ArgumentException>(() => new CoxRegression { FitIntercept = true }.CreateProblem(d.Features, d.Time, d.Status));
        // The registry's estimator has none either, and a warm start works without one.
        var m = (CoxRegression)ModelRegistry.Get("cox").Create(new ModelSettings { Ties = CoxTies.Efron });
        Assert.False(m.FitIntercept);
        Assert.Equal(CoxTies.Efron, m.Ties);
        m.Lambda = 0.05;
        m.WarmStart = true;
        m.Fit(d.Features, d.Time, d.Status);
        double first = m.Report!.Objective;
        m.Fit(d.Features, d.Time, d.Status);
        Assert.Equal(first, m.Report!.Objective, 1e-9);
        Assert.Equal(0.0, m.Intercept);
    }

    [Fact]
    public void EfronAndBreslowDifferOnTiedTimesOnly()
    {
        var d = Data();
        var b = new CoxRegression { Lambda = 0.05 }.Fit(d.Features, d.Time, d.Status);
        var e = new CoxRegression { Lambda = 0.05, Ties = CoxTies.Efron }.Fit(d.Features, d.Time, d.Status);
        Assert.Equal(b.Coefficients, e.Coefficients);   // CoxExample has no tied times
        var tb = new CoxRegression { Lambda = 0.05 }.Fit(d.Features, Tied(d.Time), d.Status);
        var te = new CoxRegression { Lambda = 0.05, Ties = CoxTies.Efron }.Fit(d.Features, Tied(d.Time), d.Status);
        Assert.True(Math.Abs(tb.Report!.Objective - te.Report!.Objective) > 1e-3);
    }

    [Theory]
    [InlineData(1.0, "fista")]
    [InlineData(1.0, "owlqn")]
    [InlineData(0.5, "owlqn")]
    [InlineData(0.0, "lbfgs")]
    public void OtherSolversReachTheSameOptimum(double alpha, string solver)
    {
        var d = Data();
        var cd = new CoxRegression { Lambda = 0.02, L1Ratio = alpha, Tolerance = 1e-10 }.Fit(d.Features, d.Time, d.Status);
        var other = new CoxRegression { Lambda = 0.02, L1Ratio = alpha, Tolerance = 1e-9, Solver = SolverKindNames.Parse(solver) }
            .Fit(d.Features, d.Time, d.Status);
        Assert.Equal(SolverKind.CoordinateDescent, cd.Report!.Solver);
        Assert.Equal(cd.Report.Objective, other.Report!.Objective, 1e-7 * cd.Report.Objective);
        Assert.True(cd.Report.Objective <= other.Report.Objective + 1e-12);
    }

    [Fact]
    public void TheKktViolationIsWithinTheToleranceAtExit()
    {
        var d = Data();
        var m = new CoxRegression { Lambda = 0.03, L1Ratio = 0.7, Tolerance = 1e-8 };
        var problem = (PredictorObjective)m.CreateProblem(d.Features, d.Time, d.Status).Objective;
        m.Fit(d.Features, d.Time, d.Status);
        var g = new double[30];
        double kkt = problem.KktViolation(m.Coefficients, g);
        var g0 = new double[30];
        problem.ValueAndGradient(new double[30], g0);
        double scale = g0.Max(Math.Abs);
        Assert.True(kkt <= 1e-8 * scale, $"KKT {kkt} (scale {scale})");
        Assert.True(m.Result!.Criterion <= 1e-8);
        Assert.Equal(kkt / scale, m.Result.Criterion, 1e-12);
    }

    [Fact]
    public void PredictionsAreTheLinearPredictorAndItsExponential()
    {
        var d = Data();
        var m = new CoxRegression { Lambda = 0.05 }.Fit(d.Features, d.Time, d.Status);
        var eta = new double[d.Time.Length];
        d.Features.Apply(m.Coefficients, eta);
        Assert.Equal(eta, m.Predict(d.Features));
        Assert.Equal(eta.Select(Math.Exp).ToArray(), m.PredictRisk(d.Features));
        Assert.Equal(SurvivalMetrics.ConcordanceIndex(d.Time, d.Status, eta), m.Score(d.Features, d.Time, d.Status));
        Assert.InRange(m.Score(d.Features, d.Time, d.Status), 0.7, 0.75);
        // bool status is the same fit
        var mb = new CoxRegression { Lambda = 0.05 }.Fit(d.Features, d.Time, d.Status.Select(s => s == 1).ToArray());
        Assert.Equal(m.Coefficients, mb.Coefficients);
    }

    [Fact]
    public void SavedModelsLoadWithTheirOptions()
    {
        var d = Data();
        var m = new CoxRegression { Lambda = 0.05, L1Ratio = 0.3, Ties = CoxTies.Efron }.Fit(d.Features, d.Time, d.Status);
        string path = Path.GetTempFileName();
        try
        {
            m.Save(path);
            var back = LinearEstimator.Load<CoxRegression>(path);
            Assert.Equal(CoxTies.Efron, back.Ties);
            Assert.Equal(Penalty.ElasticNet, back.Penalty);
            Assert.Equal(0.3, back.L1Ratio);
            Assert.Equal(m.Coefficients, back.Coefficients);
            Assert.Equal(m.Predict(d.Features), back.Predict(d.Features));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void BadInputIsRefusedNamingTheArgument()
    {
        double[,] x = { { 1, 0 }, { 0, 1 }, { 1, 1 } };
        string Param(Action a) => Assert.ThrowsAny<ArgumentException>(a).ParamName!;
        Assert.Equal("time", Param(() => new CoxRegression().Fit(x, [1, 0, 2], [1, 0, 1])));
        Assert.Equal("time", Param(() => new CoxRegression().Fit(x, [1, double.NaN, 2], [1, 0, 1])));
        Assert.Equal("time", Param(() => new CoxRegression().Fit(x, [1, 2], [1, 0, 1])));
        Assert.Equal("status", Param(() => new CoxRegression().Fit(x, [1, 2, 3], [1, 2, 1])));
        Assert.Equal("status", Param(() => new CoxRegression().Fit(x, [1, 2, 3], [0, 0, 0])));
        Assert.Equal("sampleWeight", Param(() => new CoxRegression().Fit(x, [1, 2, 3], [1, 0, 1], [1, double.NaN, 1])));
        Assert.Equal("x", Param(() => new CoxRegression().Fit(new double[,] { { 1 }, { double.PositiveInfinity }, { 0 } }, [1, 2, 3], [1, 0, 1])));
        Assert.Equal("L1Ratio", Param(() => new CoxRegression { L1Ratio = 2 }.Fit(x, [1, 2, 3], [1, 0, 1])));
        Assert.Equal("Lambda", Param(() => new CoxRegression { Lambda = -1 }.Fit(x, [1, 2, 3], [1, 0, 1])));
        var e = Assert.Throws<UnsupportedSolverException>(() => new CoxRegression { Solver = SolverKind.Newton }.Fit(x, [1, 2, 3], [1, 0, 1]));
        Assert.Contains("risk sets", e.Message);
    }

    [Fact]
    public void AProximalNewtonStepAllocatesNothingAndTheStartIsNotModified()
    {
        var d = Data();
        var f = new PredictorObjective(d.Features, new CoxPartialLikelihood(d.Time, d.Status), 0.02, 0.01);
        var x0 = new double[30];
        x0[0] = 0.1;
        var state = new OptSuite.Solvers.PredictorProximalNewtonState(f, x0, new OptSuite.Solvers.CoordinateDescentOptions { Tolerance = 1e-12 });
        state.Step();   // JIT and first-touch
        double first = state.Criterion;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int k = 0; k < 5; k++) state.Step();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(0.1, x0[0]);
        Assert.True(state.Criterion < first / 10, $"{state.Criterion} after 6 steps, {first} after 1");   // linear convergence (≈ 0.5 a step here)
    }
}
