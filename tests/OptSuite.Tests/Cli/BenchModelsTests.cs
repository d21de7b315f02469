using OptSuite.Cli.Bench;
using OptSuite.Cli.Commands;
using OptSuite.Data;
using OptSuite.LinearAlgebra;

namespace OptSuite.Tests.Cli;

/// <summary>
/// The model → objective mapping of <c>optsuite bench</c>: λ and penalty options, which solvers each model gets, and
/// that every solver minimises the same F with tracing that leaves its iterates untouched. About 2 s.
/// </summary>
public class BenchModelsTests
{
    private static BenchSettings Settings(string model, bool intercept = true, double? lambda = null, double? c = null,
        string? penalty = null, double? l1Ratio = null) =>
        new() { Model = model, DataPath = "x", Solvers = [], FitIntercept = intercept, Lambda = lambda, C = c, Penalty = penalty, L1Ratio = l1Ratio };

    private static (CsrMatrix X, double[] Y) Load(string name)
    {
        // Managed: these problems are tiny, and MKL's OpenMP threads only add synchronisation (and noise on a busy machine).
        var d = SvmlightReader.Read(DatasetLocator.Find(name));
        return (d.Features.WithBackend(LinearAlgebraBackends.Managed), d.Labels);
    }

    [Fact]
    public void LambdaComesFromLambdaOrFromCAsOneOverNC()
    {
        Assert.Equal(0.25, BenchModels.Lambda(Settings("ridge", lambda: 0.25), 100));
        Assert.Equal(1.0 / (270 * 4.0), BenchModels.Lambda(Settings("logistic", c: 4), 270));
        Assert.Equal(1.0 / 270, BenchModels.Lambda(Settings("logistic"), 270));
        Assert.Throws<UsageException>(() => BenchModels.Lambda(Settings("ridge", lambda: -1), 10));
        Assert.Throws<UsageException>(() => BenchModels.Lambda(Settings("ridge", c: 0), 10));
    }

    [Fact]
    public void PenaltyOptionsGiveTheL1Share()
    {
        Assert.Equal(0.0, BenchModels.L1Share(Settings("ridge")));
        Assert.Equal(1.0, BenchModels.L1Share(Settings("lasso")));
        Assert.Equal(0.5, BenchModels.L1Share(Settings("elastic-net")));
        Assert.Equal(0.3, BenchModels.L1Share(Settings("elastic-net", l1Ratio: 0.3)));
        Assert.Equal(0.0, BenchModels.L1Share(Settings("logistic")));
        Assert.Equal(1.0, BenchModels.L1Share(Settings("logistic", penalty: "l1")));
        Assert.Equal(0.7, BenchModels.L1Share(Settings("huber", l1Ratio: 0.7)));
        Assert.Throws<UsageException>(() => BenchModels.L1Share(Settings("ridge", penalty: "l1")));
        Assert.Throws<UsageException>(() => BenchModels.L1Share(Settings("logistic", penalty: "l1", l1Ratio: 0.5)));
        Assert.Throws<UsageException>(() => BenchModels.L1Share(Settings("logistic", penalty: "l3")));
        Assert.Throws<UsageException>(() => BenchModels.L1Share(Settings("elastic-net", l1Ratio: 1.5)));
    }

    [Theory]
    [InlineData("ridge", "regression/abalone_scale", true, "fista,ista,lbfgs,owlqn,newton,cd")]
    [InlineData("lasso", "regression/abalone_scale", true, "fista,ista,owlqn,cd")]
    [InlineData("elastic-net", "regression/abalone_scale", false, "fista,ista,owlqn,cd")]
    [InlineData("group-lasso", "regression/abalone_scale", true, "fista,ista")]
    [InlineData("huber", "regression/abalone_scale", true, "fista,ista,lbfgs,owlqn,newton,cd")]
    [InlineData("poisson", "regression/abalone_scale", true, "fista,ista,lbfgs,owlqn,newton,cd")]
    [InlineData("logistic", "binary/heart_scale", true, "fista,ista,lbfgs,owlqn,newton,cd")]
    [InlineData("logistic", "binary/heart_scale", false, "fista,ista,lbfgs,owlqn,newton,cd,dual-cd")]
    [InlineData("logistic", "multiclass/iris.svm", true, "fista,ista,lbfgs,owlqn")]
    [InlineData("multinomial", "multiclass/wine.svm", false, "fista,ista,lbfgs,owlqn")]
    [InlineData("linear-svm", "binary/heart_scale", false, "fista,ista,lbfgs,owlqn,newton,cd,dual-cd")]
    [InlineData("multiclass-svm", "multiclass/iris.svm", false, "dual-cd")]
    public void EverySolverOfAModelMinimisesTheSameObjectiveAndTracingLeavesItsIteratesAlone(string model, string data, bool intercept, string solvers)
    {
        var (x, y) = Load(data);
        var p = BenchModels.Create(Settings(model, intercept) with { DataPath = data, GroupSize = model == "group-lasso" ? 3 : null }, x, y);
        Assert.Equal(solvers, string.Join(",", p.SupportedSolvers));
        double f0 = p.Objective(new double[Dimension(p)]);
        foreach (var s in p.SupportedSolvers)
        {
            var traced = p.Run(s, new RunSettings(1e-12, 15, TimeSpan.FromSeconds(5), 1, 0));
            var plain = p.Run(s, new RunSettings(1e-12, 15, TimeSpan.FromSeconds(5), 0, 0));
            Assert.Equal(plain.Iterations, traced.Iterations);
            Assert.Equal(plain.Solution, traced.Solution);
            Assert.Equal(traced.Iterations + 1, traced.Trace.Count);
            double f = p.Objective(traced.Solution);
            Assert.True(Math.Abs(f - traced.Objective) <= 1e-12 * Math.Abs(f), $"{model} {s}: reported {traced.Objective:R}, F(solution) {f:R}");
            Assert.Equal(traced.Objective, traced.Trace[^1].Objective);
            Assert.True(f < f0, $"{model} {s}: F {f} did not decrease from F(0) = {f0}");
        }
    }

    [Fact]
    public void QuantileRegressionIsBenchedByTheInteriorPointMethodOnly()
    {
        var (x, y) = Load("regression/abalone_scale");
        var p = BenchModels.Create(Settings("quantile", lambda: 1e-3) with { Quantile = 0.3 }, x, y);
        Assert.Equal(["ipm"], p.SupportedSolvers);
        Assert.Contains("pinball loss is not (use ipm)", p.RefusalMessage("fista"));
        Assert.Equal(1.0, BenchModels.L1Share(Settings("quantile")));   // L1 by default, as optsuite fit
        var traced = p.Run("ipm", new RunSettings(1e-10, 100, TimeSpan.FromSeconds(10), 1, 0));
        Assert.Equal(OptSuite.Solvers.StopReason.Converged, traced.StopReason);
        // The same F as the estimator's objective: QuantileRegressor at the same λ, τ and penalty.
        var model = new OptSuite.Models.QuantileRegressor { Lambda = 1e-3, Quantile = 0.3, Tolerance = 1e-10 }.Fit(x, y);
        double[] point = traced.Solution.Length == 9 ? traced.Solution : [.. traced.Solution, .. traced.Intercepts];
        Assert.Equal(model.Report!.Objective, p.Objective(point), 1e-8 * Math.Abs(model.Report.Objective));
        Assert.Throws<UsageException>(() => BenchModels.Create(Settings("quantile") with { Quantile = 1.5 }, x, y));
        // Other models refuse the interior-point method, naming the ones that can run.
        var lasso = BenchModels.Create(Settings("lasso", lambda: 0.01), x, y);
        Assert.False(lasso.Supports("ipm"));
        Assert.Contains("quantile regression only", lasso.RefusalMessage("ipm"));
    }

    [Fact]
    public void MultiTaskLassoIsBenchedByBlockCoordinateDescentAndProximalGradient()
    {
        var d = SvmlightReader.ReadMultiLabel(DatasetLocator.Find("multiclass/iris.svm"));
        var tasks = MultiTaskTargets.Tasks(d);
        var y = MultiTaskTargets.Indicators(d, tasks);
        var targets = new double[y.Length];
        Buffer.BlockCopy(y, 0, targets, 0, y.Length * sizeof(double));
        var x = d.Features.WithBackend(LinearAlgebraBackends.Managed);
        var p = BenchModels.CreateMultiTask(Settings("multitask-lasso", lambda: 0.01), x, targets, tasks.Length);
        Assert.Equal(["fista", "ista", "cd"], p.SupportedSolvers);
        double? previous = null;
        foreach (var s in new[] { "cd", "fista" })
        {
            var r = p.Run(s, new RunSettings(1e-12, 20_000, TimeSpan.FromSeconds(10), 1, 0));
            double[] point = r.Solution.Length == 15 ? r.Solution : [.. r.Solution, .. r.Intercepts];
            Assert.Equal(4 * 3 + 3, point.Length);   // W (4 features × 3 tasks), then the 3 intercepts
            double f = p.Objective(point);
            if (previous is { } v) Assert.Equal(v, f, 1e-9 * Math.Abs(v));
            previous = f;
        }
        var model = new OptSuite.Models.MultiTaskLasso { Lambda = 0.01, Tolerance = 1e-12 }.Fit(x, y);
        Assert.Equal(model.Report!.Objective, previous!.Value, 1e-9 * Math.Abs(previous.Value));
        Assert.Throws<UsageException>(() => BenchModels.CreateMultiTask(Settings("multitask-lasso", penalty: "l1"), x, targets, tasks.Length));
    }

    private static int Dimension(BenchProblem p)
    {
        // The solution of any solver has the problem's dimension; a 0-iteration run returns the starting point.
        var r = p.Run(p.SupportedSolvers[0], new RunSettings(0, 0, TimeSpan.FromSeconds(1), 0, 0));
        return r.Solution.Length;
    }
}
