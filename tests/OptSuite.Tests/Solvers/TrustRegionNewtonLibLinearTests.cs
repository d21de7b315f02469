using System.Text.Json;
using OptSuite.Data;
using OptSuite.LinearAlgebra;
using OptSuite.Objectives;
using OptSuite.Objectives.Losses;
using OptSuite.Prox.Regularizers;
using OptSuite.Solvers;
using OptSuite.Tests.LinearAlgebra.Blocks;
using OptSuite.Tests.Support;
using Xunit.Abstractions;

namespace OptSuite.Tests.Solvers;

/// <summary>
/// Trust-region Newton as LIBLINEAR 2.3.0's primal TRON (-s 0, -s 2) runs it (issue 18): with LIBLINEAR's mixed
/// preconditioner (1 − α)μ + α·diag(H), α = 0.01, and its radius rules it takes LIBLINEAR's iterates — its objective in
/// its number of Newton steps and no more CG steps (datasets/reference/liblinear_tron.json, frozen with tool, version and
/// command), where the Jacobi default takes other ones; the convergence check reads the duality gap off the gradient
/// (‖∇F‖²/(2μ) without intercept), equal to the objective's gap and costing no pass over the data.
/// </summary>
public class TrustRegionNewtonLibLinearTests(ITestOutputHelper output)
{
    public static TheoryData<int> Cases() => new(Enumerable.Range(0, Entries().Length));

    private static JsonElement[] Entries()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(DatasetLocator.RepositoryRoot()!, "datasets", "reference", "liblinear_tron.json")));
        return doc.RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    private static (SolverResult Result, long HessianProducts) Run<TLoss>(LinearObjective<TLoss, ZeroRegularizer> f, TrustRegionNewtonOptions options)
        where TLoss : struct, ILoss
    {
        var state = new TrustRegionNewtonState<TLoss>(f, default, options);
        return (state.ToResult(SolverLoop.Run(state, options)), state.HessianProducts);
    }

    [SharedDatasetTheory]
    [MemberData(nameof(Cases))]
    public void TakesLibLinearsStepsToItsObjectiveWithNoMoreConjugateGradientSteps(int index)
    {
        JsonElement e = Entries()[index];
        string problem = e.GetProperty("problem").GetString()!;
        var data = SvmlightReader.Read(ReferenceFiles.DataPath(e.GetProperty("data").GetString()!));
        double top = data.Labels.Max();
        double[] y = data.Labels.Select(v => v == top ? 1.0 : -1.0).ToArray();
        double lambda = e.GetProperty("lam").GetDouble(), liblinear = e.GetProperty("objective").GetDouble();
        int steps = e.GetProperty("newton_steps").GetInt32(), cg = e.GetProperty("cg_steps").GetInt32();
        var options = new TrustRegionNewtonOptions { Tolerance = 0, MaxIterations = steps, PreconditionerWeight = 0.01 };
        var (r, products) = problem == "logreg_l2"
            ? Run(new LinearObjective<LogisticLoss, ZeroRegularizer>(data.Features, y, default, default, lambda), options)
            : Run(new LinearObjective<SquaredHingeLoss, ZeroRegularizer>(data.Features, y, default, default, lambda), options);
        output.WriteLine($"{problem} {e.GetProperty("data")}: {r.Iterations} steps, {products} CG steps (LIBLINEAR {steps}, {cg}); " +
            $"objective {r.Objective:R} (LIBLINEAR {liblinear:R}, {(r.Objective - liblinear) / liblinear:+0.0e0;-0.0e0})");
        Assert.Equal(steps, r.Iterations);
        Assert.InRange(products, 1, cg);
        // LIBLINEAR's -e 0.01 leaves it ~1e-5 above the optimum; 1e-6 pins its trajectory, not just its neighbourhood.
        Assert.InRange(r.Objective, 0, liblinear * (1 + 1e-6));
    }

    [SharedDatasetFact]
    public void TheMixingIsAnOptionAndJacobiTheDefault()
    {
        var data = SvmlightReader.Read(ReferenceFiles.DataPath("shared:binary/a9a.xz"));
        var f = new LinearObjective<LogisticLoss, ZeroRegularizer>(data.Features, data.Labels, default, default, 1.0 / data.Features.Rows);
        var (mixed, mixedProducts) = Run(f, new TrustRegionNewtonOptions { Tolerance = 1e-9, PreconditionerWeight = 0.01 });
        var (jacobi, jacobiProducts) = Run(f, new TrustRegionNewtonOptions { Tolerance = 1e-9 });
        var (explicitJacobi, explicitProducts) = Run(f, new TrustRegionNewtonOptions { Tolerance = 1e-9, PreconditionerWeight = 1 });
        output.WriteLine($"α = 0.01: {mixed.Iterations} steps, {mixedProducts} CG; Jacobi: {jacobi.Iterations} steps, {jacobiProducts} CG");
        Assert.True(mixed.Converged && jacobi.Converged, $"{mixed} / {jacobi}");
        Assert.Equal(jacobi.Objective, mixed.Objective, 2e-9 * jacobi.Objective);
        Assert.Equal(jacobi.Solution, explicitJacobi.Solution);
        Assert.Equal(jacobiProducts, explicitProducts);
        Assert.NotEqual(jacobiProducts, mixedProducts);
        var e = Assert.Throws<ArgumentException>(() => TrustRegionNewton.Minimize(f, default, new TrustRegionNewtonOptions { PreconditionerWeight = 0 }));
        Assert.Contains("PreconditionerWeight", e.Message);
    }

    public static TheoryData<string> Losses => new() { "logistic", "squared hinge", "poisson" };

    [Theory]
    [MemberData(nameof(Losses))]
    public void TheGapReadOffTheGradientIsTheObjectivesGapAndCostsNoPass(string loss)
    {
        var heart = SvmlightReader.Read(DatasetLocator.Find("binary/heart_scale"));
        var x = heart.Features;
        int n = x.Rows;
        double[] weights = Enumerable.Range(0, n).Select(i => 0.5 + i % 3).ToArray();
        double[] offset = Enumerable.Range(0, n).Select(i => 0.1 * Math.Sin(i)).ToArray();
        double[] counts = Enumerable.Range(0, n).Select(i => (double)(i % 4)).ToArray();
        switch (loss)
        {
            case "logistic": Check<LogisticLoss>(heart.Labels); break;
            case "squared hinge": Check<SquaredHingeLoss>(heart.Labels); break;
            default: Check<PoissonLoss>(counts); break;
        }

        void Check<TLoss>(double[] y) where TLoss : struct, ILoss
        {
            var blocked = new FusedProductsTests.CountingBlocks(new RowBlockedMatrix(x, 37));
            var f = new LinearObjective<TLoss, ZeroRegularizer>(blocked, y, default, default, 0.02, false, weights, offset);
            foreach (int steps in new[] { 1, 3, 50 })
            {
                blocked.Passes = 0;
                var state = new TrustRegionNewtonState<TLoss>(f, default, new TrustRegionNewtonOptions { Tolerance = 1e-10, MaxIterations = steps });
                var r = state.ToResult(SolverLoop.Run(state, new TrustRegionNewtonOptions { Tolerance = 1e-10, MaxIterations = steps }));
                int passes = blocked.Passes;
                double reference = f.DualityGap(r.Solution);
                Assert.Equal(reference, r.DualityGap!.Value, 1e-9 * r.Objective);
                // Per value one pass, per gradient two (Xᵀu and the preconditioner's column sums), one per Hessian product:
                // nothing for the convergence checks.
                long gradients = r.Counts.Gradients - state.HessianProducts;
                Assert.Equal(r.Counts.Functions + 2 * gradients + state.HessianProducts, passes);
            }
        }
    }
}
