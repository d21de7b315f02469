using System.Text.Json;
using OptSuite.Data;
using OptSuite.LinearAlgebra;
using OptSuite.Models;
using OptSuite.Solvers;
using OptSuite.Tests.Support;
using Xunit.Abstractions;

namespace OptSuite.Tests.Models.Robustness;

/// <summary>
/// Unscaled, ill-conditioned real data (raw WDBC breast cancer, raw 8×8 digits 0..16, raw Fashion-MNIST pixels 0..255),
/// where scikit-learn's sag/saga and LIBLINEAR's dual solvers stop far from the optimum at their defaults
/// (../shared/peers/anchors.md). Each estimator at its defaults (Auto solver, tolerance 1e-6) must reach 1e-6 relative
/// suboptimality against the Newton references frozen in datasets/reference/raw.json (the issue allows reporting that
/// it did not converge instead; every case here now converges); a "converged" fit that is far from the optimum is the
/// silent failure this test exists to catch.
/// </summary>
public class RawDataDefaultSolverTests(ITestOutputHelper output)
{
    private const double Required = 1e-6;

    private sealed record RawCase(string Problem, string Data, double[]? RowsWith, bool FitIntercept, double Lambda, double Objective);

    private static IEnumerable<RawCase> Cases()
    {
        string root = DatasetLocator.RepositoryRoot()!;
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "datasets", "reference", "raw.json")));
        foreach (var e in doc.RootElement.EnumerateArray())
            yield return new RawCase(e.GetProperty("problem").GetString()!, e.GetProperty("data").GetString()!,
                e.GetProperty("rows_with_labels") is { ValueKind: JsonValueKind.Array } r ? r.EnumerateArray().Select(v => v.GetDouble()).ToArray() : null,
                e.GetProperty("fit_intercept").GetBoolean(), e.GetProperty("lam").GetDouble(), e.GetProperty("objective").GetDouble());
    }

    private static (FeatureMatrix X, double[] Y) Load(RawCase c)
    {
        string path = ReferenceFiles.DataPath(c.Data);
        var d = SvmlightReader.Read(path, c.Data.Contains("fashion") ? new SvmlightReaderOptions { FeatureCount = 784 } : null);
        if (c.RowsWith is null) return (d.Features, d.Labels);
        int[] keep = Enumerable.Range(0, d.Rows).Where(i => c.RowsWith.Contains(d.Labels[i])).ToArray();
        var dense = d.Features.ToDense();
        var rows = keep.Select(i => dense.Row(i).ToArray()).ToList();
        return (DenseMatrix.FromRows(rows), keep.Select(i => d.Labels[i]).ToArray());
    }

    private static LinearClassifier Estimator(RawCase c) => c.Problem switch
    {
        "logreg_l2" => new LogisticRegression { Lambda = c.Lambda, FitIntercept = c.FitIntercept },
        "multinomial_l2" => new LogisticRegression { Lambda = c.Lambda, FitIntercept = c.FitIntercept },
        "svm_sqhinge_l2" => new LinearSvm { Lambda = c.Lambda, FitIntercept = c.FitIntercept, Loss = SvmLoss.SquaredHinge },
        _ => throw new InvalidOperationException(c.Problem),
    };

    private FitReport Check(RawCase c)
    {
        var (x, y) = Load(c);
        var m = Estimator(c).Fit(x, y);
        var r = m.Report!;
        double rel = (r.Objective - c.Objective) / Math.Abs(c.Objective);
        output.WriteLine($"{c.Problem} {Path.GetFileName(c.Data)}{(c.FitIntercept ? " +b" : "")}: {r}; relative suboptimality {rel:E2}");
        Assert.True(double.IsFinite(r.Objective), $"{c.Problem} {c.Data}: {r}");
        Assert.True(rel >= -1e-9, $"{c.Problem} {c.Data}: below the reference optimum ({rel:E2}); the reference or the objective is wrong");
        if (r.Converged)
            Assert.True(rel <= Required, $"{c.Problem} {c.Data}{(c.FitIntercept ? " +b" : "")}: reported Converged at {rel:E2} relative suboptimality ({r})");
        return r;
    }

    /// <summary>The two quick shipped cases (seconds): binary logistic on raw breast cancer and multinomial on raw digits,
    /// both without intercept; both must converge, and so reach the reference to 1e-6.</summary>
    [Fact]
    public void ShippedRawDataReachTheOptimum()
    {
        foreach (var c in Cases().Where(c => IsQuick(c)))
        {
            var r = Check(c);
            Assert.True(r.Converged, $"{c.Problem} {c.Data}: {r}");
        }
    }

    /// <summary>The other cases: intercepts, the squared hinge, Fashion-MNIST from ../shared (about 12 s on the 2-core
    /// machine). Two of them stop L-BFGS at its 10⁴ iterations uncertified (raw squared hinge and raw pixels, both with an
    /// intercept); Auto then continues with trust-region Newton, so every case must converge — and so reach 1e-6.</summary>
    [SharedDatasetFact]
    public void AllRawDataReachTheOptimum()
    {
        foreach (var c in Cases().Where(c => !IsQuick(c)))
        {
            var r = Check(c);
            Assert.True(r.Converged, $"{c.Problem} {c.Data}{(c.FitIntercept ? " +b" : "")}: {r}");
        }
    }

    /// <summary>
    /// Auto's safety net for the dual method: on raw breast cancer with the squared hinge, dual CD stops far from the
    /// optimum (capped at 300 epochs: 1.25 above it; at its default 10⁴ epochs: 1.35); under Auto, L-BFGS then continues
    /// from the dual's primal point (reported as L-BFGS with both runs' iterations) and reaches the optimum, while an
    /// explicitly chosen dual solver is kept as it is. A caller's MaxIterations caps the whole fit (issue 14, item 16), so
    /// with a cap of 300 the dual run uses it all and nothing is handed over.
    /// </summary>
    [Fact]
    public void AutoContinuesAStalledDualRunWithQuasiNewtonButAnExplicitChoiceIsKept()
    {
        var c = Cases().Single(c => c.Problem == "svm_sqhinge_l2" && !c.FitIntercept);
        var (x, y) = Load(c);
        const int cap = 300;
        var dual = new LinearSvm { Lambda = c.Lambda, FitIntercept = false, Loss = SvmLoss.SquaredHinge, MaxIterations = cap,
            Solver = SolverKind.DualCoordinateDescent }.Fit(x, y).Report!;
        var capped = new LinearSvm { Lambda = c.Lambda, FitIntercept = false, Loss = SvmLoss.SquaredHinge, MaxIterations = cap }
            .Fit(x, y).Report!;
        var auto = new LinearSvm { Lambda = c.Lambda, FitIntercept = false, Loss = SvmLoss.SquaredHinge }.Fit(x, y).Report!;
        double relDual = (dual.Objective - c.Objective) / c.Objective, relAuto = (auto.Objective - c.Objective) / c.Objective;
        output.WriteLine($"explicit dual-cd: {dual}; rel {relDual:E2}\nauto, cap {cap}: {capped}\nauto: {auto}; rel {relAuto:E2}");
        Assert.Equal(SolverKind.DualCoordinateDescent, dual.Solver);
        Assert.Equal(StopReason.MaxIterations, dual.StopReason);
        Assert.True(relDual > 1e-3, $"the dual run was expected to stall on raw data ({relDual:E2}); pick a tighter cap");
        Assert.InRange(capped.Iterations, 1, cap);
        Assert.Equal(SolverKind.Lbfgs, auto.Solver);
        Assert.True(auto.Iterations > 10_000, $"the report should count both runs' iterations ({auto.Iterations})");
        Assert.True(auto.Converged, auto.ToString());
        Assert.True(relAuto < 1e-6, $"auto {relAuto:E2} vs dual {relDual:E2}");
    }

    private static bool IsQuick(RawCase c) =>
        !c.FitIntercept && !c.Data.StartsWith("shared:", StringComparison.Ordinal) && c.Problem != "svm_sqhinge_l2";
}
