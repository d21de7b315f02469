using System.Text.Json;
using OptSuite.Data;
using OptSuite.LinearAlgebra;
using OptSuite.Models;

namespace OptSuite.Tests.Models;

/// <summary>
/// <see cref="LinearSvm.InterceptScaling"/> and <see cref="MulticlassSvm.InterceptScaling"/>: LIBLINEAR's -B bias. The
/// optimum must match scikit-learn 1.2.1's LinearSVC with intercept_scaling = 1 at max_iter 10⁶ (its bundled liblinear;
/// datasets/reference/penalised_bias.json, re-scored with the bias penalised; LIBLINEAR 2.3.0 -B 1 stopped at its
/// iteration cap, 1.3e-4 higher on heart), the intercept must be B·w_B of the equivalent fit on [X, B·1] without intercept, and the option must
/// survive save/load.
/// </summary>
public class PenalisedBiasTests
{
    private static JsonElement Reference(string problem) => Support.ReferenceFiles.Entry("penalised_bias.json", problem);

    private static SvmlightDataset Data(JsonElement r) => Support.ReferenceFiles.Data(r);

    [Fact]
    public void HingeSvmMatchesLiblinearWithBias()
    {
        var r = Reference("svm_hinge_l2");
        var d = Data(r);
        var m = new LinearSvm { Loss = SvmLoss.Hinge, Lambda = r.GetProperty("lam").GetDouble(), InterceptScaling = 1, Tolerance = 1e-10 };
        m.Fit(d.Features, d.Labels);
        Assert.True(m.Report!.Converged, m.Report.ToString());
        Assert.Equal(SolverKind.DualCoordinateDescent, m.Report.Solver);
        double reference = r.GetProperty("objective").GetDouble();
        Assert.Equal(reference, m.Report.Objective, 1e-9 * reference);
        Assert.Equal(r.GetProperty("b")[0].GetDouble(), m.Intercepts[0], 1e-5);
    }

    [Fact]
    public void CrammerSingerMatchesLiblinearWithBias()
    {
        var r = Reference("cs_svm");
        var d = Data(r);
        // Raw iris (feature values up to 7.9) with a bias column is ill-conditioned for the dual: ~10⁵ epochs, as LIBLINEAR.
        var m = new MulticlassSvm { Lambda = r.GetProperty("lam").GetDouble(), InterceptScaling = 1, Tolerance = 1e-8, MaxIterations = 500_000 };
        m.Fit(d.Features, d.Labels);
        Assert.True(m.Report!.Converged, m.Report.ToString());
        double reference = r.GetProperty("objective").GetDouble();
        Assert.Equal(reference, m.Report.Objective, 1e-6 * reference);
        for (int k = 0; k < 3; k++) Assert.Equal(r.GetProperty("b")[k].GetDouble(), m.Intercepts[k], 1e-2);
    }

    /// <summary>
    /// Issue 14, item 10: the default hinge SVM and the default Crammer–Singer SVM fit (they used to throw "no exact
    /// solver"), as LIBLINEAR 2.3.0 <c>liblinear-train -s 3 -B 1</c> / <c>-s 4 -B 1</c> with C = 1
    /// (datasets/reference/liblinear_bias.json): the objective lies between LIBLINEAR's dual value (a lower bound on the
    /// optimum) and its primal value, and the coefficients are within the distance λ-strong convexity allows,
    /// ‖w − w_LL‖ ≤ √(2(F(w) − D_LL)/λ) + √(2(F(w_LL) − D_LL)/λ).
    /// </summary>
    [Theory]
    [InlineData("svm_hinge_l2")]
    [InlineData("cs_svm")]
    public void DefaultHingeAndCrammerSingerSvmsFitLiblinearsBiasProblem(string problem)
    {
        string root = DatasetLocator.RepositoryRoot()!;
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "datasets", "reference", "liblinear_bias.json")));
        var r = doc.RootElement.EnumerateArray().Single(e => e.GetProperty("problem").GetString() == problem);
        var d = SvmlightReader.Read(Path.Combine(root, r.GetProperty("data").GetString()!));
        LinearClassifier m = problem == "svm_hinge_l2"
            ? new LinearSvm { Loss = SvmLoss.Hinge }.Fit(d.Features, d.Labels)
            : new MulticlassSvm { C = 1 }.Fit(d.Features, d.Labels);
        Assert.True(m.Report!.Converged, m.Report.ToString());
        Assert.Equal(SolverKind.DualCoordinateDescent, m.Report.Solver);
        double lambda = r.GetProperty("lam").GetDouble();
        Assert.Equal(lambda, m.Report.Lambda, 1e-15);

        double primal = r.GetProperty("objective").GetDouble(), dual = r.GetProperty("dual_objective").GetDouble();
        double lower = dual - r.GetProperty("dual_objective_rounding").GetDouble();
        double f = m.Report.Objective;
        Assert.InRange(f, lower - 1e-12, primal + m.Report.DualityGap!.Value + 1e-12);

        double[] w = [.. m.Coefficients, .. m.Intercepts];
        double[] reference = [.. r.GetProperty("W").EnumerateArray().Select(v => v.GetDouble()), .. r.GetProperty("b").EnumerateArray().Select(v => v.GetDouble())];
        double distance = Math.Sqrt(w.Zip(reference, (a, b) => (a - b) * (a - b)).Sum());
        double bound = Math.Sqrt(2 * Math.Max(0, f - lower) / lambda) + Math.Sqrt(2 * Math.Max(0, primal - lower) / lambda);
        Assert.True(distance <= bound + 1e-9, $"‖w − w_LIBLINEAR‖ = {distance:G4} exceeds the strong-convexity bound {bound:G4}");
        Assert.True(m.Intercepts.Any(b => b != 0), "the default fits an intercept");
    }

    [Fact]
    public void TheSquaredHingeKeepsItsUnpenalisedInterceptByDefault()
    {
        var d = SvmlightReader.Read(Path.Combine(DatasetLocator.RepositoryRoot()!, "datasets", "binary", "heart_scale"));
        var byDefault = new LinearSvm { Tolerance = 1e-10 }.Fit(d.Features, d.Labels);
        var biased = new LinearSvm { InterceptScaling = 1, Tolerance = 1e-10 }.Fit(d.Features, d.Labels);
        Assert.Equal(SolverKind.Lbfgs, byDefault.Report!.Solver);
        Assert.True(byDefault.Report.Objective < biased.Report!.Objective - 1e-6, "an unpenalised intercept reaches a lower objective");
    }

    [Theory]
    [InlineData(false, 1.0)]
    [InlineData(true, 1.0)]
    [InlineData(true, 10.0)]
    public void TheInterceptIsBTimesTheConstantFeaturesWeight(bool sparse, double scaling)
    {
        var d = SvmlightReader.Read(Path.Combine(DatasetLocator.RepositoryRoot()!, "datasets", "binary", "heart_scale"));
        var dense = d.Features.ToDense();
        int n = dense.Rows, p = dense.Columns;
        var augmented = new double[n, p + 1];
        for (int i = 0; i < n; i++) { for (int j = 0; j < p; j++) augmented[i, j] = dense[i, j]; augmented[i, p] = scaling; }
        FeatureMatrix x = sparse ? d.Features : dense;

        var biased = new LinearSvm { Loss = SvmLoss.Hinge, Lambda = 0.01, InterceptScaling = scaling, Tolerance = 1e-10 }.Fit(x, d.Labels);
        var plain = new LinearSvm { Loss = SvmLoss.Hinge, Lambda = 0.01, FitIntercept = false, Tolerance = 1e-10 }.Fit(augmented, d.Labels);
        for (int j = 0; j < p; j++) Assert.Equal(plain.Coefficients[j], biased.Coefficients[j], 1e-7);
        Assert.Equal(scaling * plain.Coefficients[p], biased.Intercepts[0], 1e-6);
        Assert.Equal(plain.Report!.Objective, biased.Report!.Objective, 1e-12);
        Assert.Equal(plain.Score(augmented, d.Labels), biased.Score(x, d.Labels));
    }

    [Fact]
    public void OneVsRestWithBiasSavesAndLoads()
    {
        var d = SvmlightReader.Read(Path.Combine(DatasetLocator.RepositoryRoot()!, "datasets", "multiclass", "iris.svm"));
        var m = new MulticlassSvm { Strategy = MulticlassStrategy.OneVsRest, Loss = SvmLoss.Hinge, InterceptScaling = 2, Tolerance = 1e-8, MaxIterations = 200_000 };
        m.Fit(d.Features, d.Labels);
        Assert.True(m.Report!.Converged, m.Report.ToString());

        string path = Path.Combine(Path.GetTempPath(), $"optsuite-bias-{Guid.NewGuid():N}.json");
        try
        {
            m.Save(path);
            var loaded = (MulticlassSvm)LinearEstimator.Load(path);
            Assert.Equal(2.0, loaded.InterceptScaling);
            Assert.Equal(m.Intercepts, loaded.Intercepts);
            Assert.Equal(m.DecisionFunction(d.Features), loaded.DecisionFunction(d.Features));
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void ABadScalingIsRejectedNamingIt(double scaling)
    {
        var d = SvmlightReader.Read(Path.Combine(DatasetLocator.RepositoryRoot()!, "datasets", "binary", "heart_scale"));
        var e = Assert.ThrowsAny<ArgumentException>(() => new LinearSvm { InterceptScaling = scaling }.Fit(d.Features, d.Labels));
        Assert.Equal("InterceptScaling", e.ParamName);
    }
}
