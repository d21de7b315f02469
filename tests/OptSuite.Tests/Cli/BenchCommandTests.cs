using System.Globalization;
using OptSuite.Cli.Bench;
using OptSuite.Data;

namespace OptSuite.Tests.Cli;

/// <summary>
/// <c>optsuite bench</c> end to end on shipped data (files, columns, the reference optimum against scikit-learn's) and
/// its exit codes for bad usage. About 3 s in all.
/// </summary>
[Collection("Console")]
public class BenchCommandTests
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static string TempDir() => Path.Combine(Path.GetTempPath(), "optsuite-bench-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void LassoBenchWritesTracesSummaryPlotsAndReportWithTheReferenceOptimumOfScikitLearn()
    {
        // datasets/reference/lasso.json: scikit-learn 1.2.1 Lasso (cd, tol 1e-14) on peers/heart_scale.svm at λ = λmax/20,
        // no intercept: F* = 0.2801367975325959 (glmnet agrees to 3.6e-15).
        string dir = TempDir();
        try
        {
            var (code, stdout, stderr) = InspectCommandTests.Run("bench", "--model", "lasso", "--data", DatasetLocator.Find("peers/heart_scale.svm"),
                "--lambda", "0.026111111111111113", "--no-intercept", "--solvers", "fista,cd,ista", "--max-time", "0.5", "--backend", "managed", "--out", dir);
            Assert.True(code == 0, stderr + stdout);
            Assert.Equal("", stderr);
            Assert.Contains($"report: {Path.Combine(dir, "report.md")}", stdout);

            string md = File.ReadAllText(Path.Combine(dir, "report.md"));
            string fLine = md.Split('\n').Single(l => l.StartsWith("- reference optimum F* = ", StringComparison.Ordinal));
            double fStar = double.Parse(fLine["- reference optimum F* = ".Length..fLine.IndexOf(':')], Inv);
            Assert.True(Math.Abs(fStar - 0.2801367975325959) <= 1e-12 * 0.28, $"F* = {fStar:R}");
            Assert.Contains("tight solve by cd (tolerance 1e-13): Converged", md);
            Assert.Contains("](suboptimality_vs_time.png)", md);
            Assert.Contains("](suboptimality_vs_iterations.svg)", md);

            var csv = File.ReadAllLines(Path.Combine(dir, "traces.csv"));
            Assert.Equal("solver,iteration,seconds,objective,relative_suboptimality,gap", csv[0]);
            var rows = csv.Skip(1).Select(l => l.Split(',')).ToList();
            Assert.Equal(["fista", "cd", "ista"], rows.Select(r => r[0]).Distinct());
            foreach (var group in rows.GroupBy(r => r[0]))
            {
                var its = group.Select(r => int.Parse(r[1], Inv)).ToList();
                var secs = group.Select(r => double.Parse(r[2], Inv)).ToList();
                Assert.Equal(0, its[0]);
                for (int k = 1; k < its.Count; k++)
                {
                    Assert.True(its[k] > its[k - 1] && secs[k] >= secs[k - 1], $"{group.Key} row {k}");
                }
                foreach (var r in group)
                {
                    double f = double.Parse(r[3], Inv), rel = double.Parse(r[4], Inv), gap = double.Parse(r[5], Inv);
                    Assert.Equal((f - fStar) / fStar, rel, 1e-15);
                    Assert.True(rel >= 0 && gap >= -1e-15 && f - gap <= fStar * (1 + 1e-13), $"{group.Key}: F {f}, gap {gap}, F* {fStar}");
                }
                // Each solver gets to 1e-8 on this small problem (cd and fista stop on a 1e-10 relative gap).
                Assert.True(group.Min(r => double.Parse(r[4], Inv)) <= (group.Key == "ista" ? 1e-4 : 1e-10), group.Key);
            }

            string summary = File.ReadAllText(Path.Combine(dir, "summary.md"));
            Assert.Contains("| solver | stop | iterations | seconds | final rel. subopt | time to 1e-2 | time to 1e-4 | time to 1e-6 | time to 1e-8 |", summary);
            Assert.Contains("| cd | Converged |", summary);
            foreach (var stem in new[] { "suboptimality_vs_time", "suboptimality_vs_iterations" })
            {
                var png = File.ReadAllBytes(Path.Combine(dir, stem + ".png"));
                Assert.True(png.Length > 10_000 && png[0] == 0x89 && png[1] == (byte)'P', $"{stem}.png");
                Assert.Contains("<svg", File.ReadAllText(Path.Combine(dir, stem + ".svg")));
            }
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("quantile", "regression/abalone_scale", "ipm", "--quantile", "0.25")]
    [InlineData("multitask-lasso", "multiclass/iris.svm", "cd,fista", "--lambda", "0.01")]
    public void EveryFitModelCanBeBenched(string model, string data, string solvers, params string[] options)
    {
        string dir = TempDir();
        try
        {
            var (code, stdout, stderr) = InspectCommandTests.Run(["bench", "--model", model, "--data", DatasetLocator.Find(data),
                .. options, "--solvers", solvers, "--max-time", "2", "--backend", "managed", "--out", dir]);
            Assert.True(code == 0, stderr + stdout);
            var rows = File.ReadAllLines(Path.Combine(dir, "traces.csv")).Skip(1).Select(l => l.Split(',')).ToList();
            Assert.Equal(solvers.Split(','), rows.Select(r => r[0]).Distinct());
            foreach (var group in rows.GroupBy(r => r[0]))
                Assert.True(group.Min(r => double.Parse(r[4], Inv)) <= 1e-8, $"{model} {group.Key} did not reach 1e-8");
            Assert.True(File.Exists(Path.Combine(dir, "suboptimality_vs_time.png")));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("--quantile does not apply to --model lasso", "--model", "lasso", "--data", "@heart", "--quantile", "0.3")]
    [InlineData("Solver 'cd' cannot solve quantile (quantile loss, L1 penalty, with intercept): the pinball loss is not differentiable", "--model", "quantile", "--data", "@heart", "--solvers", "cd")]
    [InlineData("Argument 'ridgeless' not recognized", "--model", "ridgeless", "--data", "@heart")]
    [InlineData("Unknown solver 'gauss-newton'", "--model", "lasso", "--data", "@heart", "--solvers", "fista,gauss-newton")]
    [InlineData("Solver 'newton' cannot solve lasso (squared loss, L1 penalty, with intercept): trust-region Newton needs an L2 penalty", "--model", "lasso", "--data", "@heart", "--solvers", "newton")]
    [InlineData("Data file not found", "--model", "lasso", "--data", "/nonexistent/file.svm")]
    [InlineData("Solver 'lbfgs' cannot solve lasso (squared loss, L1 penalty, with intercept): L-BFGS needs a differentiable objective and the L1 penalty is not (use owlqn). Solvers that can: fista, ista, owlqn, cd.", "--model", "lasso", "--data", "@heart", "--solvers", "lbfgs")]
    [InlineData("(FitIntercept = false; --no-intercept)", "--model", "logistic", "--data", "@heart", "--solvers", "dual-cd")]
    [InlineData("Give --lambda or --C, not both", "--model", "ridge", "--data", "@heart", "--lambda", "0.1", "--C", "2")]
    [InlineData("linear-svm poses 3 one-vs-rest problems here (one per class); bench runs one problem", "--model", "linear-svm", "--data", "@iris")]
    [InlineData("--penalty does not apply to --model lasso", "--model", "lasso", "--data", "@heart", "--penalty", "l2")]
    [InlineData("--group-size does not apply to --model lasso", "--model", "lasso", "--data", "@heart", "--group-size", "2")]
    [InlineData("--max-time must be", "--model", "lasso", "--data", "@heart", "--max-time", "0")]
    [InlineData("Option '--model' is required", "--data", "@heart")]
    public void BadUsageIsExitCodeTwoWithOneErrorLine(string message, params string[] args)
    {
        string dir = TempDir();
        var full = new List<string> { "bench" };
        foreach (var a in args)
            full.Add(a switch { "@heart" => DatasetLocator.Find("binary/heart_scale"), "@iris" => DatasetLocator.Find("multiclass/iris.svm"), _ => a });
        full.AddRange(["--out", dir]);
        var (code, _, stderr) = InspectCommandTests.Run([.. full]);
        Assert.Equal(2, code);
        Assert.StartsWith("error: ", stderr);
        Assert.Contains(message, stderr, StringComparison.OrdinalIgnoreCase);
        Assert.False(Directory.Exists(dir), "nothing is written on bad usage");
    }

    [Fact]
    public void MalformedDataIsExitCodeTwoNamingFileAndLine()
    {
        string dir = TempDir();
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, "bad.svm");
        File.WriteAllText(path, "1 1:0.5 2:1\n-1 1:x\n");
        try
        {
            var (code, _, stderr) = InspectCommandTests.Run("bench", "--model", "lasso", "--data", path, "--out", Path.Combine(dir, "out"));
            Assert.Equal(2, code);
            Assert.StartsWith("error: ", stderr);
            Assert.Contains("bad.svm", stderr);
            Assert.Contains("bad.svm:2:", stderr); // file:line:column
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
