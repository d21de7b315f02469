using System.Collections.Concurrent;
using OptSuite.Cli.Commands;
using OptSuite.Data;
using OptSuite.Models;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Models.Registry;

/// <summary>
/// Every model × solver pair, asked three ways — the C# estimator's Fit, <c>optsuite fit</c> and <c>optsuite bench</c>
/// (the built command in child processes) — must be accepted or refused alike, and a refusal must give the same reason
/// word for word: the solver registry is the one place that decides. Classifiers are asked with and without intercept
/// (the dual method's condition). About a minute: ~400 short child processes, two at a time.
/// </summary>
public class ModelSolverMatrixTests
{
    private sealed record Case(string Model, string Data, bool Intercept, string Solver, string[] ModelArgs);

    private static string DataFor(ModelEntry m) => m.Task switch
    {
        ModelTask.Classification => m.Name is "multinomial" or "multiclass-svm" ? "multiclass/iris.svm" : "binary/heart_scale",
        ModelTask.MultiTask => "multiclass/iris.svm",
        ModelTask.Survival => "glmnet_synthetic/CoxExample.csv",
        _ => "regression/abalone_scale",
    };

    private static IEnumerable<Case> Cases()
    {
        foreach (var m in ModelRegistry.All)
            foreach (bool intercept in m.Task == ModelTask.Classification ? new[] { true, false } : [true])
                foreach (var s in SolverRegistry.All)
                    yield return new Case(m.Name, DataFor(m), intercept, s.Name, m.Name == "group-lasso" ? ["--group-size", "2"] : []);
    }

    /// <summary>The C# answer: null when Fit accepts the solver, else the refusal's message.</summary>
    private static string? CSharp(Case c)
    {
        var entry = ModelRegistry.Get(c.Model);
        var e = entry.Create(new ModelSettings { GroupSize = c.Model == "group-lasso" ? 2 : null });
        e.FitIntercept = c.Intercept && entry.Task != ModelTask.Survival;   // as the command line: a Cox model has no intercept
        e.Solver = SolverKindNames.Parse(c.Solver);
        e.MaxIterations = 1;
        string path = DatasetLocator.Find(c.Data);
        try
        {
            switch (entry.Task)
            {
                case ModelTask.MultiTask:
                {
                    var d = CliData.Read("--data", path, labelSets: true);
                    ((MultiTaskLasso)e).Fit(d.Matrix, MultiTaskTargets.Indicators(d, MultiTaskTargets.Tasks(d)));
                    break;
                }
                case ModelTask.Survival:
                {
                    var d = SurvivalCsvReader.Read(path);
                    ((CoxRegression)e).Fit(d.Features, d.Time, d.Status);
                    break;
                }
                case ModelTask.Classification:
                {
                    var d = SvmlightReader.Read(path);
                    ((LinearClassifier)e).Fit(d.Features, d.Labels);
                    break;
                }
                default:
                {
                    var d = SvmlightReader.Read(path);
                    ((LinearRegressor)e).Fit(d.Features, d.Labels);
                    break;
                }
            }
            return null;
        }
        catch (UnsupportedSolverException x)
        {
            return x.Message;
        }
    }

    /// <summary>A command's answer: null when it ran (exit 0), else its one error line without "error: ".</summary>
    private static string? Command(Case c, bool bench, string dir)
    {
        var args = new List<string> { bench ? "bench" : "fit", "--model", c.Model, "--data", DatasetLocator.Find(c.Data) };
        args.AddRange(c.ModelArgs);
        if (!c.Intercept) args.Add("--no-intercept");
        if (bench)
            args.AddRange(["--solvers", c.Solver, "--max-iterations", "1", "--max-time", "0.05", "--reference-time", "0.05", "--threads", "1",
                "--out", Path.Combine(dir, $"{c.Model}-{c.Solver}-{c.Intercept}")]);
        else
            args.AddRange(["--solver", c.Solver, "--max-iter", "1", "--threads", "1"]);
        var (code, _, err) = CliProcess.Run([.. args], [("OPTSUITE_BACKEND", "managed")]);
        if (code == 0) return null;
        Assert.True(code == 2, $"optsuite {string.Join(' ', args)}: exit {code}: {err}");
        Assert.StartsWith("error: ", err);
        return err["error: ".Length..].TrimEnd();
    }

    [Fact]
    public void TheEstimatorsFitAndBenchAcceptAndRefuseTheSamePairsWithTheSameReason()
    {
        var cases = Cases().ToArray();
        Assert.Equal(ModelRegistry.All.Count(m => m.Task != ModelTask.Classification) * SolverRegistry.All.Count
            + 2 * ModelRegistry.All.Count(m => m.Task == ModelTask.Classification) * SolverRegistry.All.Count, cases.Length);
        string dir = Path.Combine(Path.GetTempPath(), "optsuite-matrix-" + Guid.NewGuid().ToString("N"));
        var answers = new ConcurrentDictionary<Case, (string? CSharp, string? Fit, string? Bench)>();
        try
        {
            Parallel.ForEach(cases, new ParallelOptions { MaxDegreeOfParallelism = 2 }, c =>
                answers[c] = (CSharp(c), Command(c, bench: false, dir), Command(c, bench: true, dir)));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
        var disagreements = new List<string>();
        int accepted = 0;
        foreach (var c in cases)
        {
            var (cs, fit, bench) = answers[c];
            if (cs is null) accepted++;
            if (cs != fit || cs != bench)
                disagreements.Add($"{c.Model}{(c.Intercept ? "" : " --no-intercept")} × {c.Solver}: C# {cs ?? "accepts"} | fit {fit ?? "accepts"} | bench {bench ?? "accepts"}");
            else if (cs is not null)
                Assert.Contains($"Solver '{c.Solver}' cannot solve {c.Model}", cs);   // the registry's message, naming the pair
        }
        Assert.True(disagreements.Count == 0, string.Join(Environment.NewLine, disagreements));
        // Not vacuous: both answers occur, and every model has a solver.
        Assert.InRange(accepted, ModelRegistry.All.Count, cases.Length - 1);
        foreach (var m in ModelRegistry.All) Assert.Contains(cases, c => c.Model == m.Name && answers[c].CSharp is null);
    }
}
