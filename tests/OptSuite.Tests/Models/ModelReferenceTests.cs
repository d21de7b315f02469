using OptSuite.Models;
using OptSuite.Solvers;
using OptSuite.Tests.Reference;
using Xunit.Abstractions;

namespace OptSuite.Tests.Models;

/// <summary>
/// Every estimator, fitted through its public API with the Auto solver (and one other solver where several apply),
/// reaches the optimum frozen from scikit-learn / LIBLINEAR / glmnet / SciPy in datasets/reference/*.json to 1e-6
/// relative, with a non-negative duality gap. Raw labels go in; the estimators map classes themselves (the larger of
/// two classes is +1, as the references assume). Cases on ../shared data are left to ReferenceOptimaTests (minutes), and
/// so are the two slowest shipped cases (Crammer–Singer on digits_scale: ~10⁴ epochs to a 1e-9 gap; multinomial on
/// dna.scale), to keep this class within seconds.
/// </summary>
public class ModelReferenceTests(ITestOutputHelper output)
{
    private const double Agreement = 1e-6;

    private static IEnumerable<ReferenceCase> Cases(string file, string? problem = null) =>
        ReferenceCase.Load(file).Where(c => c.Available && !c.Data.StartsWith("shared:", StringComparison.Ordinal)
            && (problem is null || c.Problem == problem));

    private static T Configure<T>(T m, ReferenceCase c, SolverKind solver = SolverKind.Auto) where T : LinearEstimator
    {
        m.Lambda = c.Lambda;
        m.FitIntercept = c.FitIntercept;
        m.Solver = solver;
        m.Tolerance = 1e-9;
        return m;
    }

    private void Check(ReferenceCase c, LinearEstimator m, bool upperBound = false)
    {
        FitReport r = m.Report!;
        double rel = (r.Objective - c.Objective) / Math.Abs(c.Objective);
        output.WriteLine($"{c,-55} {m.ModelName,-14} {SolverKindNames.ToName(r.Solver),-7} F = {r.Objective:R}  rel. to {c.Tool}: {rel:+0.0e+0;-0.0e+0}  gap {r.DualityGap:0.0e+0}  {r.StopReason} in {r.Iterations} it, {r.Elapsed.TotalMilliseconds:F0} ms");
        Assert.True(r.Converged, $"{c} {m.ModelName}: {r}");
        if (upperBound) Assert.True(rel <= 1e-9 && rel >= -1e-4, $"{c}: {r.Objective:R} vs upper bound {c.Objective:R} ({rel:E2})");
        else Assert.True(Math.Abs(rel) <= Agreement, $"{c} {m.ModelName}: objective {r.Objective:R} vs reference {c.Objective:R} ({rel:E2})");
        if (r.DualityGap is { } g) Assert.True(g >= -1e-12 * Math.Abs(r.Objective) && g <= 1e-6 * Math.Abs(r.Objective), $"{c}: gap {g}");
    }

    [Fact]
    public void RegressorsReachTheReferenceOptima()
    {
        foreach (var c in Cases("lasso"))
        {
            var (x, y) = c.LoadBinaryOrRegression(binary: false);
            Check(c, Configure(new Lasso(), c).Fit(x, y));
            Check(c, Configure(new Lasso(), c, SolverKind.Fista).Fit(x, y));
            // The group lasso with singleton groups (weight √1 = 1) is the lasso.
            Check(c, Configure(new GroupLasso(), c).Fit(x, y));
        }
        foreach (var c in Cases("enet"))
        {
            var (x, y) = c.LoadBinaryOrRegression(binary: false);
            Check(c, Configure(new ElasticNet { L1Ratio = c.L1Ratio!.Value }, c).Fit(x, y));
            Check(c, Configure(new ElasticNet { L1Ratio = c.L1Ratio!.Value }, c, SolverKind.OwlQn).Fit(x, y));
        }
        foreach (var c in Cases("ridge"))
        {
            var (x, y) = c.LoadBinaryOrRegression(binary: false);
            Check(c, Configure(new Ridge(), c).Fit(x, y));
            Check(c, Configure(new Ridge(), c, SolverKind.Newton).Fit(x, y));
        }
        foreach (var c in Cases("huber_l2"))
        {
            var (x, y) = c.LoadBinaryOrRegression(binary: false);
            Check(c, Configure(new HuberRegressor { Delta = c.Delta!.Value }, c).Fit(x, y));
            Check(c, Configure(new HuberRegressor { Delta = c.Delta!.Value }, c, SolverKind.CoordinateDescent).Fit(x, y));
            Check(c, Configure(new HuberRegressor { Delta = c.Delta!.Value }, c, SolverKind.Newton).Fit(x, y));
        }
        foreach (var c in Cases("poisson_l2"))
        {
            var (x, y) = c.LoadBinaryOrRegression(binary: false);
            Check(c, Configure(new PoissonRegressor(), c).Fit(x, y));
            Check(c, Configure(new PoissonRegressor(), c, SolverKind.CoordinateDescent).Fit(x, y));
            Check(c, Configure(new PoissonRegressor(), c, SolverKind.Newton).Fit(x, y));
        }
    }

    [Fact]
    public void LogisticRegressionReachesTheReferenceOptima()
    {
        foreach (var c in Cases("logreg_l2"))
        {
            var (x, y) = c.LoadBinaryOrRegression(binary: false);
            Check(c, Configure(new LogisticRegression(), c).Fit(x, y));
            Check(c, Configure(new LogisticRegression(), c, SolverKind.Newton).Fit(x, y));
            if (!c.FitIntercept) Check(c, Configure(new LogisticRegression(), c, SolverKind.DualCoordinateDescent).Fit(x, y));
        }
        foreach (var c in Cases("logreg_l1"))
        {
            var (x, y) = c.LoadBinaryOrRegression(binary: false);
            Check(c, Configure(new LogisticRegression { Penalty = Penalty.L1 }, c).Fit(x, y));
        }
        foreach (var c in Cases("multinomial_l2").Where(c => !c.Data.EndsWith("dna.scale", StringComparison.Ordinal)))
        {
            var (x, y) = c.LoadBinaryOrRegression(binary: false);
            var m = Configure(new LogisticRegression(), c).Fit(x, y);
            Assert.Equal(m.Classes.Count, m.OutputCount);
            Check(c, m);
        }
    }

    [Fact]
    public void SvmsReachTheReferenceOptima()
    {
        foreach (var c in Cases("svm", "svm_sqhinge_l2"))
        {
            var (x, y) = c.LoadBinaryOrRegression(binary: false);
            Check(c, Configure(new LinearSvm(), c).Fit(x, y));
            Check(c, Configure(new LinearSvm(), c, SolverKind.Lbfgs).Fit(x, y));
            Check(c, Configure(new LinearSvm(), c, SolverKind.Newton).Fit(x, y));
        }
        foreach (var c in Cases("svm", "svm_hinge_l2"))
        {
            var (x, y) = c.LoadBinaryOrRegression(binary: false);
            Check(c, Configure(new LinearSvm { Loss = SvmLoss.Hinge }, c).Fit(x, y), upperBound: true);
        }
        foreach (var c in Cases("svm", "cs_svm").Where(c => !c.Data.Contains("digits", StringComparison.Ordinal)))
        {
            var (x, y) = c.LoadBinaryOrRegression(binary: false);
            Check(c, Configure(new MulticlassSvm(), c).Fit(x, y));
        }
    }
}
