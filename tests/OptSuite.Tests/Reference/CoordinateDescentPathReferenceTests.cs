using OptSuite.LinearAlgebra;
using OptSuite.Objectives;
using OptSuite.Objectives.Losses;
using OptSuite.Solvers;
using OptSuite.Tests.Support;
using Xunit.Abstractions;

namespace OptSuite.Tests.Reference;

/// <summary>
/// Lasso, elastic-net and L1-logistic paths by <see cref="CoordinateDescentPath"/> (warm-started, strong rules,
/// screening, working sets) against optima frozen from scikit-learn / glmnet / LIBLINEAR (datasets/reference/
/// lasso_path.json, enet_path.json, logreg_l1_path.json; see make_references.py) on leukemia, riboflavin, news20 (the
/// binary split, regression on ±1) and dorothea, to 1e-6 relative in objective, each point certified by its gap.
/// The proximal-gradient cross-check on the same problems is slower and carries the trait Category=Heavy:
/// <c>dotnet test tests/OptSuite.Tests -c Release --filter "Category=Heavy"</c>.
/// </summary>
public class CoordinateDescentPathReferenceTests(ITestOutputHelper output)
{
    private const double Agreement = 1e-6;
    private static readonly CoordinateDescentOptions Solver = new() { Tolerance = 1e-10, MaxIterations = 10_000 };

    [SharedDatasetFact]
    public void LassoPaths() => Paths("lasso_path", binary: false);

    [SharedDatasetFact]
    public void ElasticNetPaths() => Paths("enet_path", binary: false);

    [SharedDatasetFact]
    public void L1LogisticPathOnDorothea() => Paths("logreg_l1_path", binary: true);

    private void Paths(string file, bool binary)
    {
        var cases = ReferenceCase.Load(file).Where(c => c.Available).ToList();
        Assert.NotEmpty(cases);
        foreach (var group in cases.GroupBy(c => c.Data))
        {
            var list = group.OrderByDescending(c => c.Lambda).ToList();
            var (x, y) = list[0].LoadBinaryOrRegression(binary);
            double alpha = list[0].L1Ratio ?? 1.0;
            var options = new CoordinateDescentPathOptions
            {
                L1Ratio = alpha, FitIntercept = list[0].FitIntercept, Lambdas = list.Select(c => c.Lambda).ToArray(), Solver = Solver,
            };
            var path = binary
                ? CoordinateDescentPath.Compute(x, y, default(LogisticLoss), options)
                : CoordinateDescentPath.Compute(x, y, default(SquaredLoss), options);
            for (int k = 0; k < list.Count; k++)
            {
                var c = list[k];
                var pt = path.Points[k];
                double rel = (pt.Objective - c.Objective) / Math.Abs(c.Objective);
                output.WriteLine($"{c,-55} α={alpha} F = {pt.Objective:R}  rel. to {c.Tool}: {rel:+0.0e+0;-0.0e+0}  gap {pt.DualityGap / Math.Abs(pt.Objective):0.0e+0}  nnz {pt.NonZeros} screened {pt.ScreenedFeatures}  {pt.StopReason} in {pt.Iterations} it, {pt.Elapsed.TotalMilliseconds:F0} ms");
                Assert.Equal(StopReason.Converged, pt.StopReason);
                Assert.True(Math.Abs(rel) <= Agreement, $"{c}: {pt.Objective:R} vs {c.Objective:R} ({rel:E2})");
                // F and D are each sums of terms larger than F on unscaled data (riboflavin: y ≈ −8, so ½y² ≈ 30 per sample
                // for F ≈ 10 at the largest λ), so F − D carries rounding of ~1e-12·|F|; measured −1.2e-12 there. On raw
                // leukemia (x up to ~1e4, λ = 4102) the elastic-net conjugate sums 7129 terms (|c_j| − λα)²₊/(2λ(1 − α))
                // of ~1e2 each down to F = 0.39: ε·Σ ≈ 1e-10. Measured −2.0e-10 (−5.2e-10·|F|) with Gram mode at a point
                // whose F equals scikit-learn's to 17 digits, and between −1.2e-11 and +1.8e-11 for other engines.
                Assert.True(pt.DualityGap >= -1e-9 * Math.Abs(pt.Objective), $"{c}: negative gap {pt.DualityGap}");
            }
        }
    }

    [SharedDatasetFact]
    [Trait("Category", "Heavy")]
    public void ProximalGradientAgreesOnTheSameProblems()
    {
        foreach (string file in new[] { "lasso_path", "enet_path", "logreg_l1_path" })
            foreach (var c in ReferenceCase.Load(file).Where(c => c.Available))
            {
                bool binary = file == "logreg_l1_path";
                var (x, y) = c.LoadBinaryOrRegression(binary);
                double alpha = c.L1Ratio ?? 1.0;
                ICompositeFunction f;
                SolverResult cd;
                if (binary)
                {
                    var g = Objective.LogisticRegression(x, y, c.Lambda, alpha, c.FitIntercept);
                    (f, cd) = (g, CoordinateDescent.Minimize(g, default, Solver));
                }
                else
                {
                    var g = Objective.ElasticNet(x, y, c.Lambda, alpha, c.FitIntercept);
                    (f, cd) = (g, CoordinateDescent.Minimize(g, default, Solver));
                }
                var pg = ProximalGradient.Minimize(f, default, new ProximalGradientOptions { Tolerance = 1e-9, MaxIterations = 200_000 });
                double rel = (pg.Objective - cd.Objective) / Math.Abs(cd.Objective);
                output.WriteLine($"{c,-55} cd {cd.Objective:R} ({cd.Elapsed.TotalMilliseconds:F0} ms)  fista {pg.Objective:R} ({pg.StopReason}, {pg.Elapsed.TotalMilliseconds:F0} ms)  rel {rel:+0.0e+0;-0.0e+0}");
                Assert.True(cd.Converged, $"{c}: {cd}");
                Assert.True(Math.Abs(rel) <= Agreement, $"{c}: FISTA {pg} vs CD {cd}");
            }
    }
}
