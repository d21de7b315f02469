using System.Text.RegularExpressions;
using OptSuite.Cli.Bench;
using OptSuite.Cli.Commands;
using OptSuite.Objectives;
using OptSuite.Objectives.Losses;
using OptSuite.Prox.Regularizers;
using OptSuite.Solvers;
using OptSuite.Data;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Cli;

/// <summary>
/// <c>optsuite bench --config</c>: a grid file expands arrays into cases and is checked before any solve (unknown keys,
/// bad values, model options the model does not take); a small grid runs every case with repetitions and writes one
/// combined report (Markdown and self-contained HTML) linking each case's own; the trace budget keeps tracing cheap.
/// </summary>
[Collection("Console")]
public sealed class BenchGridTests
{
    private static string Write(ScratchDirectory dir, string json)
    {
        File.WriteAllText(dir["grid.json"], json);
        return dir["grid.json"];
    }

    [Fact]
    public void ArraysExpandIntoEveryCombinationAndFlagsBecomeOptions()
    {
        using var dir = new ScratchDirectory("grid");
        var grid = BenchGrid.Read(Write(dir, """
            { // comments and trailing commas are allowed
              "datasets": ["binary/heart_scale"],
              "models": [ { "model": "logistic", "penalty": "l1", "C": [1, 0.1], "no-intercept": [true, false] },
                          { "model": "lasso", "lambda": 0.01 }, ],
              "repetitions": 2, "max_time": 0.5
            }
            """));
        Assert.Equal(5, grid.Models.Count);
        Assert.Equal(["--model", "logistic", "--penalty", "l1", "--C", "1", "--no-intercept"], grid.Models[0]);
        Assert.Equal(["--model", "logistic", "--penalty", "l1", "--C", "1"], grid.Models[1]);
        Assert.Equal("logistic penalty=l1 C=0.1 no-intercept", BenchGrid.Label(grid.Models[2]));
        Assert.Equal(2, grid.Repetitions);
        Assert.Equal(TimeSpan.FromSeconds(0.5), grid.Limits.MaxTime);
        Assert.Empty(grid.Solvers);
    }

    [Theory]
    [InlineData("""{ "datasets": ["a"], "models": [ { "model": "lasso" } ], "max_tme": 3 }""", "unknown key \"max_tme\"")]
    [InlineData("""{ "models": [ { "model": "lasso" } ] }""", "\"datasets\" is missing")]
    [InlineData("""{ "datasets": ["a"], "models": [] }""", "\"models\" must be a non-empty array")]
    [InlineData("""{ "datasets": ["a"], "models": [ { "lambda": 1 } ] }""", "models[0] must be an object with a \"model\" key")]
    [InlineData("""{ "datasets": ["a"], "models": [ { "model": "lasso" } ], "repetitions": 0 }""", "\"repetitions\" must be a positive number")]
    [InlineData("""{ "datasets": ["a"], "models": [ { "model": "lasso", "lambda": [] } ] }""", "models[0].lambda is an empty array")]
    [InlineData("""{ "datasets": ["a"] """, "not valid JSON")]
    public void ABadGridFileIsAUsageErrorNamingTheKey(string json, string message)
    {
        using var dir = new ScratchDirectory("grid");
        var e = Assert.Throws<UsageException>(() => BenchGrid.Read(Write(dir, json)));
        Assert.Contains(message, e.Message);
        Assert.Contains("grid.json", e.Message);
    }

    /// <summary>A model option the model does not take is refused before the first case runs, and so are the single
    /// bench's options beside --config.</summary>
    [Fact]
    public void ModelSettingsAreCheckedBeforeAnySolve()
    {
        using var dir = new ScratchDirectory("grid");
        string config = Write(dir, """{ "datasets": ["binary/heart_scale"], "models": [ { "model": "lasso" }, { "model": "lasso", "penalty": "l2" } ] }""");
        var (code, _, err) = InspectCommandTests.Run("bench", "--config", config, "--out", dir["out"]);
        Assert.Equal(2, code);
        Assert.Contains("--penalty does not apply to --model lasso", err);
        Assert.False(Directory.Exists(dir["out"]));
        (code, _, err) = InspectCommandTests.Run("bench", "--config", config, "--model", "lasso", "--out", dir["out"]);
        Assert.Equal(2, code);
        Assert.Contains("--model cannot be given beside it", err);
    }

    [SharedDatasetFact]
    public void AGridRunsEveryCaseWithRepetitionsAndWritesOneReport()
    {
        using var dir = new ScratchDirectory("grid");
        string config = Write(dir, """
            { "title": "small grid", "datasets": ["binary/heart_scale"],
              "models": [ { "model": "logistic", "penalty": "l1", "C": [1, 0.1] }, { "model": "ridge" } ],
              "solvers": ["cd", "fista", "lbfgs"], "repetitions": 3, "max_time": 1, "reference_time": 5 }
            """);
        var (code, stdout, err) = InspectCommandTests.Run("bench", "--config", config, "--out", dir["out"]);
        Assert.True(code == 0, err);
        string index = File.ReadAllText(Path.Combine(dir["out"], "index.md"));
        // Two L1 cases with cd and fista (L-BFGS refuses L1: left out with the reason), ridge with all three.
        Assert.Equal(2 * 2 + 3, Regex.Matches(index, @"^\| heart_scale \|", RegexOptions.Multiline).Count);
        Assert.Contains("logistic penalty=l1 C=0.1", index);
        Assert.Contains("L-BFGS needs a differentiable objective", index);
        Assert.Equal(3, Directory.GetDirectories(dir["out"], "case-*").Length);
        foreach (string caseDir in Directory.GetDirectories(dir["out"], "case-*"))
        {
            Assert.True(File.Exists(Path.Combine(caseDir, "report.md")));
            string html = File.ReadAllText(Path.Combine(caseDir, "report.html"));
            Assert.Equal(2, Regex.Matches(html, "src=\"data:image/png;base64,").Count);   // self-contained
            Assert.Contains("(min / median)", File.ReadAllText(Path.Combine(caseDir, "summary.md")));
        }
        Assert.Contains("<table>", File.ReadAllText(Path.Combine(dir["out"], "index.html")));
        Assert.Contains("grid report:", stdout);
    }

    /// <summary>With a trace budget the solver loop records fewer points, keeps the first and last, and spends at most
    /// about the share of the solver time on them (checked loosely: a timing).</summary>
    [SharedDatasetFact]
    public void ATraceBudgetThinsTheTraceAndKeepsItsEnds()
    {
        var d = SvmlightReader.Read(DatasetLocator.Find("binary/a9a.xz"));
        var f = new LinearObjective<LogisticLoss, L1Norm>(d.Features, d.Labels, default, new L1Norm(1e-4), 0, true);
        SolverResult Run(double share) => ProximalGradient.Minimize(f, default,
            new ProximalGradientOptions { MaxIterations = 400, Tolerance = 0, TraceEvery = 1, TraceShare = share });
        var every = Run(0);
        var budget = Run(0.2);
        Assert.Equal(401, every.Trace.Count);
        Assert.InRange(budget.Trace.Count, 3, 300);
        Assert.Equal(0, budget.Trace[0].Iteration);
        Assert.Equal(400, budget.Trace[^1].Iteration);
        Assert.Throws<ArgumentException>(() => ProximalGradient.Minimize(f, default, new ProximalGradientOptions { TraceShare = -1 }));
    }
}
