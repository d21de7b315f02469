using OptSuite.Objectives;
using OptSuite.Objectives.Losses;
using OptSuite.Prox.Regularizers;
using OptSuite.Solvers;
using OptSuite.Tests.Support;
using Xunit.Abstractions;

namespace OptSuite.Tests.Reference;

/// <summary>
/// Coordinate descent with every model solved on the Gram matrix (<see cref="GramMode.Always"/>) against the optima
/// frozen from scikit-learn / glmnet / LIBLINEAR (datasets/reference: lasso, enet, logreg_l1, huber_l2 and the lasso,
/// elastic-net and L1-logistic paths), to 1e-6 relative in objective like <see cref="ReferenceOptimaTests"/>, each
/// point certified by its duality gap.
/// </summary>
public class CoordinateDescentGramReferenceTests(ITestOutputHelper output)
{
    private const double Agreement = 1e-6;
    private static readonly CoordinateDescentOptions Cd = new() { Tolerance = 1e-10, MaxIterations = 100_000, Gram = GramMode.Always };

    private void Check<TLoss>(ReferenceCase c, LinearObjective<TLoss, L1Norm> f) where TLoss : struct, ILoss
    {
        var state = new CoordinateDescentState<TLoss, L1Norm>(f, default, Cd);
        var r = state.ToResult(SolverLoop.Run(state, Cd));
        double rel = (r.Objective - c.Objective) / Math.Abs(c.Objective);
        output.WriteLine($"{c,-55} F = {r.Objective:R}  rel. to {c.Tool}: {rel:+0.0e+0;-0.0e+0}  gap {r.DualityGap / Math.Abs(r.Objective):0.0e+0}  Gram solves {state.GramSolves}/{r.Iterations}  {r.StopReason}");
        Assert.Equal(StopReason.Converged, r.StopReason);
        Assert.True(r.Iterations == 0 || state.GramSolves > 0, $"{c}: no model was solved on the Gram matrix");
        Assert.True(Math.Abs(rel) <= Agreement, $"{c}: objective {r.Objective:R} vs reference {c.Objective:R} ({rel:E2})");
        Assert.True(r.DualityGap >= -1e-12 * Math.Abs(r.Objective), $"{c}: negative gap {r.DualityGap}");
    }

    [Fact]
    public void LassoElasticNetAndL1Logistic()
    {
        int ran = 0;
        foreach (var c in ReferenceCase.Load("lasso").Concat(ReferenceCase.Load("enet")).Where(c => c.Available))
        {
            var (x, y) = c.LoadBinaryOrRegression(binary: false);
            Check(c, c.L1Ratio is { } a && a < 1 ? Objective.ElasticNet(x, y, c.Lambda, a, c.FitIntercept) : Objective.Lasso(x, y, c.Lambda, c.FitIntercept));
            ran++;
        }
        foreach (var c in ReferenceCase.Load("logreg_l1").Where(c => c.Available))
        {
            var (x, y) = c.LoadBinaryOrRegression(binary: true);
            Check(c, Objective.LogisticRegression(x, y, c.Lambda, 1.0, c.FitIntercept));
            ran++;
        }
        Assert.True(ran >= 8, $"only {ran} reference cases ran");
    }

    [Fact]
    public void Huber()
    {
        var cases = ReferenceCase.Load("huber_l2").Where(c => c.Available).ToList();
        Assert.NotEmpty(cases);
        foreach (var c in cases)
        {
            var (x, y) = c.LoadBinaryOrRegression(binary: false);
            Check(c, Objective.Huber(x, y, c.Delta!.Value, c.Lambda, 0, c.FitIntercept));
        }
    }

    [SharedDatasetFact]
    public void Paths()
    {
        foreach (var (file, binary) in new[] { ("lasso_path", false), ("enet_path", false), ("logreg_l1_path", true) })
            foreach (var group in ReferenceCase.Load(file).Where(c => c.Available).GroupBy(c => c.Data))
            {
                var list = group.OrderByDescending(c => c.Lambda).ToList();
                var (x, y) = list[0].LoadBinaryOrRegression(binary);
                var options = new CoordinateDescentPathOptions
                {
                    L1Ratio = list[0].L1Ratio ?? 1.0, FitIntercept = list[0].FitIntercept, Lambdas = list.Select(c => c.Lambda).ToArray(),
                    Solver = Cd with { MaxIterations = 10_000 },
                };
                var path = binary
                    ? CoordinateDescentPath.Compute(x, y, default(LogisticLoss), options)
                    : CoordinateDescentPath.Compute(x, y, default(SquaredLoss), options);
                for (int k = 0; k < list.Count; k++)
                {
                    var (c, pt) = (list[k], path.Points[k]);
                    double rel = (pt.Objective - c.Objective) / Math.Abs(c.Objective);
                    output.WriteLine($"{c,-55} F = {pt.Objective:R}  rel. to {c.Tool}: {rel:+0.0e+0;-0.0e+0}  {pt.StopReason} in {pt.Iterations} it, {pt.Elapsed.TotalMilliseconds:F0} ms");
                    Assert.Equal(StopReason.Converged, pt.StopReason);
                    Assert.True(Math.Abs(rel) <= Agreement, $"{c}: {pt.Objective:R} vs {c.Objective:R} ({rel:E2})");
                    // The rounding floor of F − D on raw leukemia is ~2e-10 (see CoordinateDescentPathReferenceTests).
                    Assert.True(pt.DualityGap >= -1e-9 * Math.Abs(pt.Objective), $"{c}: negative gap {pt.DualityGap}");
                }
            }
    }
}
