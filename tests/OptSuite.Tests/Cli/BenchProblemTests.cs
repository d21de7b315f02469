using OptSuite.Cli.Bench;
using OptSuite.Cli.Commands;
using OptSuite.Data;
using OptSuite.LinearAlgebra;
using OptSuite.Models;

namespace OptSuite.Tests.Cli;

/// <summary>
/// The problem <c>optsuite bench</c> runs is the estimator's (from the model registry): which solvers each model gets,
/// that every solver minimises the same F with tracing that leaves its iterates untouched, and that the estimator's
/// fit reaches the same optimum. About 2 s.
/// </summary>
public class BenchProblemTests
{
    private static (CsrMatrix X, double[] Y) Load(string name)
    {
        // Managed: these problems are tiny, and MKL's OpenMP threads only add synchronisation (and noise on a busy machine).
        var d = SvmlightReader.Read(DatasetLocator.Find(name));
        return (d.Features.WithBackend(LinearAlgebraBackends.Managed), d.Labels);
    }

    private static BenchProblem Pose(string model, CsrMatrix x, double[] y, bool intercept = true, ModelSettings? settings = null, double? lambda = null)
    {
        var e = ModelRegistry.Get(model).Create(settings);
        e.FitIntercept = intercept;
        e.Lambda = lambda;
        FitProblem p = e is LinearClassifier c ? Assert.Single(c.CreateProblems(x, y)) : ((LinearRegressor)e).CreateProblem(x, y);
        return new BenchProblem(model, model, p);
    }

    [Theory]
    [InlineData("ridge", "regression/abalone_scale", true, "fista,ista,lbfgs,owlqn,newton,cd")]
    [InlineData("lasso", "regression/abalone_scale", true, "fista,ista,owlqn,cd")]
    [InlineData("elastic-net", "regression/abalone_scale", false, "fista,ista,owlqn,cd")]
    [InlineData("group-lasso", "regression/abalone_scale", true, "fista,ista,cd")]
    [InlineData("huber", "regression/abalone_scale", true, "fista,ista,lbfgs,owlqn,newton,cd")]
    [InlineData("poisson", "regression/abalone_scale", true, "fista,ista,lbfgs,owlqn,newton,cd")]
    [InlineData("logistic", "binary/heart_scale", true, "fista,ista,lbfgs,owlqn,newton,cd")]
    [InlineData("logistic", "binary/heart_scale", false, "fista,ista,lbfgs,owlqn,newton,cd,dual-cd")]
    [InlineData("logistic", "multiclass/iris.svm", true, "fista,ista,lbfgs,owlqn,newton")]
    [InlineData("multinomial", "multiclass/wine.svm", false, "fista,ista,lbfgs,owlqn,newton")]
    [InlineData("linear-svm", "binary/heart_scale", false, "fista,ista,lbfgs,owlqn,newton,cd,dual-cd")]
    [InlineData("multiclass-svm", "multiclass/iris.svm", false, "dual-cd")]
    public void EverySolverOfAModelMinimisesTheSameObjectiveAndTracingLeavesItsIteratesAlone(string model, string data, bool intercept, string solvers)
    {
        var (x, y) = Load(data);
        var p = Pose(model, x, y, intercept, new ModelSettings { GroupSize = model == "group-lasso" ? 3 : null });
        Assert.Equal(solvers, string.Join(",", p.SupportedSolvers));
        Assert.Contains(p.ReferenceSolver, p.SupportedSolvers);
        double f0 = p.Objective(new double[p.Problem.Objective.Dimension]);
        foreach (var s in p.SupportedSolvers)
        {
            var traced = p.Run(s, new RunSettings(1e-12, 15, TimeSpan.FromSeconds(5), 1, 0));
            var plain = p.Run(s, new RunSettings(1e-12, 15, TimeSpan.FromSeconds(5), 0, 0));
            Assert.Equal(plain.Iterations, traced.Iterations);
            Assert.Equal(plain.Solution, traced.Solution);
            Assert.Equal(traced.Iterations + 1, traced.Trace.Count);
            double[] point = traced.Solution.Length == p.Problem.Objective.Dimension ? traced.Solution : [.. traced.Solution, .. traced.Intercepts];
            double f = p.Objective(point);
            Assert.True(Math.Abs(f - traced.Objective) <= 1e-12 * Math.Abs(f), $"{model} {s}: reported {traced.Objective:R}, F(solution) {f:R}");
            Assert.Equal(traced.Objective, traced.Trace[^1].Objective);
            Assert.True(f < f0, $"{model} {s}: F {f} did not decrease from F(0) = {f0}");
        }
    }

    [Fact]
    public void QuantileRegressionIsBenchedByTheInteriorPointMethodAtTheEstimatorsOptimum()
    {
        var (x, y) = Load("regression/abalone_scale");
        var p = Pose("quantile", x, y, settings: new ModelSettings { Quantile = 0.3 }, lambda: 1e-3);
        Assert.Equal(["ipm"], p.SupportedSolvers);
        Assert.Contains("pinball loss is not differentiable", p.RefusalMessage("fista"));
        var traced = p.Run("ipm", new RunSettings(1e-10, 100, TimeSpan.FromSeconds(10), 1, 0));
        Assert.Equal(OptSuite.Solvers.StopReason.Converged, traced.StopReason);
        var model = new QuantileRegressor { Lambda = 1e-3, Quantile = 0.3, Tolerance = 1e-10 }.Fit(x, y);
        double[] point = traced.Solution.Length == 9 ? traced.Solution : [.. traced.Solution, .. traced.Intercepts];
        Assert.Equal(model.Report!.Objective, p.Objective(point), 1e-8 * Math.Abs(model.Report.Objective));
        var lasso = Pose("lasso", x, y, lambda: 0.01);
        Assert.False(lasso.Supports("ipm"));
        Assert.Contains("quantile regression (pinball loss) only", lasso.RefusalMessage("ipm"));
    }

    [Fact]
    public void MultiTaskLassoIsBenchedByBlockCoordinateDescentAndProximalGradient()
    {
        var d = CliData.Read("--data", DatasetLocator.Find("multiclass/iris.svm"), labelSets: true, backend: LinearAlgebraBackends.Managed);
        var y = MultiTaskTargets.Indicators(d, MultiTaskTargets.Tasks(d));
        var x = d.Matrix;
        var p = new BenchProblem("multitask-lasso", "", new MultiTaskLasso { Lambda = 0.01 }.CreateProblem(x, y));
        Assert.Equal(["fista", "ista", "cd"], p.SupportedSolvers);
        Assert.Equal(4 * 3 + 3, p.Problem.Objective.Dimension);   // W (4 features × 3 tasks), then the 3 intercepts
        double? previous = null;
        foreach (var s in new[] { "cd", "fista" })
        {
            var r = p.Run(s, new RunSettings(1e-12, 20_000, TimeSpan.FromSeconds(10), 1, 0));
            double[] point = r.Solution.Length == 15 ? r.Solution : [.. r.Solution, .. r.Intercepts];
            double f = p.Objective(point);
            if (previous is { } v) Assert.Equal(v, f, 1e-9 * Math.Abs(v));
            previous = f;
        }
        var model = new MultiTaskLasso { Lambda = 0.01, Tolerance = 1e-12 }.Fit(x, y);
        Assert.Equal(model.Report!.Objective, previous!.Value, 1e-9 * Math.Abs(previous.Value));
    }
}

/// <summary>The reference solve stops when its criterion sits at a rounding floor instead of using its whole time budget.</summary>
public class ReferenceStallTests
{
    private static bool Feed(BenchRunner.StallWatch w, int iteration, double criterion) =>
        w.Continue(new OptSuite.Solvers.IterationReport(iteration, 0, criterion));

    [Fact]
    public void AStallBelowTheFloorStopsTheReferenceAndProgressOrAHighCriterionDoesNot()
    {
        var floor = new BenchRunner.StallWatch();
        int i = 0;
        Assert.True(Feed(floor, i++, 1e-3));
        Assert.True(Feed(floor, i++, 3.4e-13));
        for (int k = 1; k < BenchRunner.StallIterations; k++) Assert.True(Feed(floor, i++, 3.4e-13 * (1 + 1e-3 * (k % 2))));
        Assert.False(Feed(floor, i++, 3.4e-13));   // 200 iterations without a 1% better criterion below 1e-10

        var progressing = new BenchRunner.StallWatch();
        double c = 1e-11;
        for (int k = 0; k < 5 * BenchRunner.StallIterations; k++)
        {
            if (k % 50 == 0) c *= 0.9;   // 10% better every 50 iterations: slow, but progress
            Assert.True(Feed(progressing, k, c));
        }

        var high = new BenchRunner.StallWatch();
        for (int k = 0; k < 5 * BenchRunner.StallIterations; k++) Assert.True(Feed(high, k, 1e-6));   // above the floor: the time limit decides
    }
}
