using System.Text.Json;
using OptSuite.Data;
using OptSuite.LinearAlgebra;
using OptSuite.Models;
using OptSuite.Tests.Cli;

namespace OptSuite.Tests.Models;

/// <summary>
/// <see cref="LinearEstimator.Standardize"/>, glmnet's standardize = TRUE: glmnet 4.1-6's coefficients on the original
/// scale (gaussian and binomial, dense and sparse — the sparse set read as a dgCMatrix in R, where glmnet does not centre)
/// are reached from dense and from CSR input without densifying or modifying it; with factors and bounds (glmnet's limits
/// on the original coefficients); save/load and the command line.
/// </summary>
public class StandardizeTests
{
    private static JsonElement Reference(string problem) => Support.ReferenceFiles.Entry("penalty_options.json", problem);

    private static double[]? Array(JsonElement r, string name) =>
        r.GetProperty(name).ValueKind == JsonValueKind.Null ? null : r.GetProperty(name).EnumerateArray().Select(e => e.GetDouble()).ToArray();

    public static TheoryData<string> Problems() => new(
        from kind in new[] { "dense", "sparse" }
        from c in new[] { ("gaussian", "1", "0.1"), ("gaussian", "1", "0.01"), ("gaussian", "0.5", "0.05"), ("binomial", "1", "0.1"), ("binomial", "1", "0.02"), ("binomial", "0.5", "0.05") }
        select $"{c.Item1}_standardize_{kind}_alpha{c.Item2}_lam{c.Item3}");

    private static LinearEstimator For(JsonElement r)
    {
        double alpha = r.GetProperty("alpha").GetDouble();
        LinearEstimator m = r.GetProperty("family").GetString() == "gaussian"
            ? alpha == 1 ? new Lasso() : new ElasticNet { L1Ratio = alpha }
            : new LogisticRegression { Penalty = alpha == 1 ? Penalty.L1 : Penalty.ElasticNet, L1Ratio = alpha == 1 ? null : alpha };
        m.Lambda = r.GetProperty("lam").GetDouble();
        m.Standardize = true;
        m.Tolerance = 1e-12;
        m.PenaltyFactors = Array(r, "penalty_factors");
        m.LowerBounds = Array(r, "lower_limits");
        m.UpperBounds = Array(r, "upper_limits");
        return m;
    }

    private static void Fit(LinearEstimator m, FeatureMatrix x, double[] y)
    {
        if (m is LinearClassifier c) c.Fit(x, y); else ((LinearRegressor)m).Fit(x, y);
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void GlmnetStandardizedOptimaAreReached(string problem) => Check(Reference(problem));

    [Fact]
    public void WithFactorsAndBoundsTheLimitsAreOnTheOriginalScale() => Check(Reference("gaussian_standardize_factors_bounds_alpha0.5_lam0.02"));

    private static void Check(JsonElement r)
    {
        var d = Support.ReferenceFiles.Data(r);
        bool sparse = r.GetProperty("sparse").GetBoolean();
        FeatureMatrix x = sparse ? d.Features : d.Features.ToDense();
        double[] before = sparse ? d.Features.Values.ToArray() : ((DenseMatrix)x.Map).Values.ToArray();
        var m = For(r);
        Fit(m, x, d.Labels);
        Assert.True(m.Report!.Converged, m.Report.ToString());
        Assert.Equal(before, sparse ? d.Features.Values.ToArray() : ((DenseMatrix)x.Map).Values.ToArray());   // X untouched
        double reference = r.GetProperty("objective").GetDouble();
        Assert.True(Math.Abs(m.Report.Objective - reference) <= 1e-9 * reference, $"objective {m.Report.Objective:R} vs glmnet's {reference:R}");
        Assert.True(m.Report.Objective <= reference * (1 + 1e-12));
        double[] w = Array(r, "coef")!;
        double scale = Math.Max(1, w.Max(Math.Abs));
        for (int j = 0; j < w.Length; j++) Assert.True(Math.Abs(w[j] - m.Coefficients[j]) <= 1e-6 * scale, $"w[{j}] = {m.Coefficients[j]:R}, glmnet {w[j]:R}");
        Assert.True(Math.Abs(r.GetProperty("intercept").GetDouble() - m.Intercept) <= 1e-6 * scale, $"b = {m.Intercept:R}, glmnet {r.GetProperty("intercept").GetDouble():R}");
        for (int j = 0; j < w.Length; j++) Assert.Equal(w[j] == 0, m.Coefficients[j] == 0);
        // The other storage gives the same fit (sparse is scaled in its own storage, not densified).
        var other = For(r);
        Fit(other, sparse ? d.Features.ToDense() : d.Features, d.Labels);
        for (int j = 0; j < w.Length; j++) Assert.Equal(m.Coefficients[j], other.Coefficients[j], 1e-9 * scale);
    }

    [Fact]
    public void StandardizeSurvivesSaveLoadAndTheCommandLine()
    {
        string heart = Path.Combine(DatasetLocator.RepositoryRoot()!, "datasets", "binary", "heart_scale");
        var d = SvmlightReader.Read(heart);
        var m = new LogisticRegression { Lambda = 0.01, Penalty = Penalty.L1, Standardize = true, Tolerance = 1e-10 }.Fit(d.Features, d.Labels);
        var plain = new LogisticRegression { Lambda = 0.01, Penalty = Penalty.L1, Tolerance = 1e-10 }.Fit(d.Features, d.Labels);
        Assert.NotEqual(plain.Coefficients, m.Coefficients);
        using var dir = new Support.ScratchDirectory("standardize");
        m.Save(dir["m.json"]);
        var back = LinearEstimator.Load<LogisticRegression>(dir["m.json"]);
        Assert.True(back.Standardize);
        Assert.Equal(m.Predict(d.Features), back.Predict(d.Features));   // original-scale coefficients: prediction needs nothing
        var (code, _, err) = InspectCommandTests.Run("fit", "--model", "logistic", "--penalty", "l1", "--data", heart, "--lambda", "0.01", "--tol", "1e-10", "--standardize", "--output", dir["cli.json"]);
        Assert.True(code == 0, err);
        var cli = LinearEstimator.Load<LogisticRegression>(dir["cli.json"]);
        Assert.True(cli.Standardize);
        for (int j = 0; j < d.Columns; j++) Assert.Equal(m.Coefficients[j], cli.Coefficients[j], 1e-7);
        (code, _, err) = InspectCommandTests.Run("fit", "--model", "linear-svm", "--data", heart, "--standardize");
        Assert.Equal(2, code);
        Assert.Contains("--standardize does not apply to --model linear-svm", err);
        var e = Assert.Throws<ArgumentException>(() => new LinearSvm { Standardize = true }.Fit(d.Features, d.Labels));
        Assert.Equal("Standardize", e.ParamName);
    }

    [Fact]
    public void TheEstimatorsStandardisationAndFeatureScalerShareOneComputationOfTheColumnMoments()
    {
        // Columns with a large mean beside a small spread (where E[x²] − E[x]² cancels), sparse entries, weights.
        var rng = new Random(7);
        int n = 60, p = 4;
        var x = new double[n, p];
        for (int i = 0; i < n; i++)
        {
            x[i, 0] = 1e4 + rng.NextDouble();
            x[i, 1] = i % 3 == 0 ? 0 : 5e3 + 0.1 * rng.NextDouble();
            x[i, 2] = i % 5 == 0 ? rng.NextDouble() : 0;
            x[i, 3] = rng.NextDouble() - 0.5;
        }
        double[] w = Enumerable.Range(0, n).Select(i => 1 + (i % 4) / 3.0).ToArray();
        var dense = DenseMatrix.FromArray(x);
        var csr = Support.RandomMatrices.Csr(x);
        foreach (ILinearMap map in new ILinearMap[] { dense, csr, csr.ToCsc() })
        {
            double[] viaEstimator = OptSuite.Models.Internal.Standardization.Of(map, w).Scales;
            double[] viaScaler = new FeatureScaler { Center = false }.Fit(FeatureMatrix.From(map), w).Scales;
            Assert.Equal(viaEstimator, viaScaler);   // bit for bit: one computation
            for (int j = 0; j < p; j++)
            {
                double total = w.Sum(), mean = 0, square = 0;
                for (int i = 0; i < n; i++) mean += w[i] * x[i, j] / total;
                for (int i = 0; i < n; i++) square += w[i] * (x[i, j] - mean) * (x[i, j] - mean) / total;
                Assert.Equal(Math.Sqrt(square), viaEstimator[j], 1e-12 * Math.Sqrt(square));
            }
        }
    }
}
