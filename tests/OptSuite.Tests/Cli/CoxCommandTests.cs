using System.Globalization;
using System.Text.Json;
using OptSuite.Data;

namespace OptSuite.Tests.Cli;

/// <summary>
/// <c>optsuite fit/predict/bench --model cox</c>: the CSV's time and status columns, svmlight data with <c>--status</c>,
/// glmnet's objective and Cindex reached from the command line, and bad survival data refused with exit code 2 naming
/// the file, line and column (or the option).
/// </summary>
[Collection("Console")]
public class CoxCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => InspectCommandTests.Run(args);

    private static string Csv => DatasetLocator.Find("glmnet_synthetic/CoxExample.csv");

    private static string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "optsuite-cox-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static JsonElement Last(string stdout) => JsonDocument.Parse(stdout.TrimEnd('\n').Split('\n')[^1]).RootElement.Clone();

    [Fact]
    public void FitOnTheCsvIsGlmnetsFitAndPredictWritesTheLinearPredictor()
    {
        var r = Support.ReferenceFiles.Entry("cox.json", "cox_l1_lambda0.05");
        string dir = TempDir();
        try
        {
            string model = Path.Combine(dir, "cox.json"), predictions = Path.Combine(dir, "eta.txt");
            var (code, stdout, stderr) = Run("fit", "--model", "cox", "--data", Csv, "--lambda", "0.05", "--tol", "1e-10", "--json", "--output", model);
            Assert.True(code == 0, stderr);
            var j = Last(stdout);
            Assert.Equal("cd", j.GetProperty("solver").GetString());
            Assert.Equal("Converged", j.GetProperty("stop_reason").GetString());
            double reference = r.GetProperty("objective").GetDouble();
            Assert.Equal(reference, j.GetProperty("objective").GetDouble(), 1e-9 * reference);
            Assert.Equal(r.GetProperty("cindex").GetDouble(), j.GetProperty("train_score").GetDouble(), 1e-6);
            Assert.Equal("c_index", j.GetProperty("score_kind").GetString());
            Assert.Equal(JsonValueKind.Null, j.GetProperty("gap").ValueKind);
            Assert.Equal(1000, j.GetProperty("n").GetInt32());
            Assert.Equal(30, j.GetProperty("p").GetInt32());
            Assert.False(j.GetProperty("fit_intercept").GetBoolean());

            (code, _, stderr) = Run("predict", "--model", model, "--data", Csv, "--output", predictions);
            Assert.True(code == 0, stderr);
            double[] eta = File.ReadAllLines(predictions).Select(l => double.Parse(l, CultureInfo.InvariantCulture)).ToArray();
            var data = SurvivalCsvReader.Read(Csv);
            double[] b = r.GetProperty("coef").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            var expected = new double[1000];
            data.Features.Apply(b, expected);
            Assert.Equal(1000, eta.Length);
            for (int i = 0; i < 1000; i++) Assert.Equal(expected[i], eta[i], 1e-5);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void SvmlightWithAStatusFileIsTheSameFitAsTheCsv()
    {
        string dir = TempDir();
        try
        {
            var data = SurvivalCsvReader.Read(Csv);
            string svm = Path.Combine(dir, "cox.svm"), status = Path.Combine(dir, "status.txt");
            using (var w = new StreamWriter(svm))
                for (int i = 0; i < 1000; i++)
                    w.WriteLine(data.Time[i].ToString("R", CultureInfo.InvariantCulture) + string.Concat(Enumerable.Range(0, 30)
                        .Select(j => $" {j + 1}:{data.Features[i, j].ToString("R", CultureInfo.InvariantCulture)}")));
            File.WriteAllLines(status, data.Status.Select(s => s.ToString(CultureInfo.InvariantCulture)));
            var (code, stdout, stderr) = Run("fit", "--model", "cox", "--data", svm, "--status", status, "--lambda", "0.05", "--tol", "1e-10", "--json");
            Assert.True(code == 0, stderr);
            var (code2, stdout2, _) = Run("fit", "--model", "cox", "--data", Csv, "--lambda", "0.05", "--tol", "1e-10", "--json");
            Assert.Equal(0, code2);
            Assert.Equal(Last(stdout2).GetProperty("objective").GetDouble(), Last(stdout).GetProperty("objective").GetDouble(), 1e-12);

            // Without --status svmlight survival data are refused, naming the option; a bad status line names file and line.
            (code, _, stderr) = Run("fit", "--model", "cox", "--data", svm);
            Assert.Equal(2, code);
            Assert.Contains("--status", stderr);
            var lines = File.ReadAllLines(status);
            lines[6] = "2";
            File.WriteAllLines(status, lines);
            (code, _, stderr) = Run("fit", "--model", "cox", "--data", svm, "--status", status);
            Assert.Equal(2, code);
            Assert.Contains("status.txt:7:", stderr);
            (code, _, stderr) = Run("fit", "--model", "lasso", "--data", svm, "--status", status);
            Assert.Equal(2, code);
            Assert.Contains("--status applies to --model cox", stderr);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Theory]
    [InlineData("time,status,a\n1,1,0.5\n0,1,2\n", "bad.csv:3:", "'time'")]
    [InlineData("time,status,a\n1,1,0.5\n-1,1,2\n", "bad.csv:3:", "'time'")]
    [InlineData("time,status,a\n1,1,0.5\n2,3,2\n", "bad.csv:3:", "'status'")]
    [InlineData("time,status,a\n1,1,0.5\n2,NA,2\n", "bad.csv:3:", "missing value")]
    [InlineData("when,status,a\n1,1,0.5\n2,1,2\n", "bad.csv:1:", "no column named 'time'")]
    [InlineData("time,status,a\n1,0,0.5\n2,0,2\n", "bad.csv", "censored")]
    public void BadSurvivalDataAreRefusedNamingFileLineAndColumn(string text, string where, string what)
    {
        string dir = TempDir();
        try
        {
            string path = Path.Combine(dir, "bad.csv");
            File.WriteAllText(path, text);
            var (code, _, stderr) = Run("fit", "--model", "cox", "--data", path);
            Assert.Equal(2, code);
            Assert.Contains(where, stderr);
            Assert.Contains(what, stderr);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void PathAndCvRunOnTheCsv()
    {
        string dir = TempDir();
        try
        {
            var (code, stdout, stderr) = Run("path", "--model", "cox", "--data", Csv, "--n-lambda", "20", "--no-plot", "--json", "--output", Path.Combine(dir, "p"));
            Assert.True(code == 0, stderr);
            var j = Last(stdout);
            Assert.Equal("cox", j.GetProperty("model").GetString());
            Assert.Equal(0.23444990622208295, j.GetProperty("lambda_max").GetDouble(), 1e-13);   // glmnet's (cox.json)
            Assert.Equal(j.GetProperty("points").GetInt32(), File.ReadAllLines(Path.Combine(dir, "p.csv")).Length - 1);
            Assert.InRange(j.GetProperty("points").GetInt32(), 5, 20);   // glmnet's early stop may end it before the 20th λ
            (code, stdout, stderr) = Run("cv", "--model", "cox", "--data", Csv, "--n-lambda", "20", "--folds", "3", "--no-plot", "--json", "--output", Path.Combine(dir, "c"));
            Assert.True(code == 0, stderr);
            j = Last(stdout);
            Assert.Equal("cox", j.GetProperty("model").GetString());
            Assert.InRange(j.GetProperty("train_score").GetDouble(), 0.7, 0.8);   // the refitted model's C-index
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void BenchRunsTheSolversThatHandleCoxAndRefusesNewtonWithTheReason()
    {
        string dir = TempDir();
        try
        {
            var (code, _, stderr) = Run("bench", "--model", "cox", "--data", Csv, "--lambda", "0.05", "--solvers", "cd,owlqn", "--max-time", "1",
                "--threads", "1", "--out", Path.Combine(dir, "b"));
            Assert.True(code == 0, stderr);
            (code, _, stderr) = Run("bench", "--model", "cox", "--data", Csv, "--solvers", "newton", "--out", Path.Combine(dir, "c"));
            Assert.Equal(2, code);
            Assert.Contains("risk sets", stderr);
        }
        finally { Directory.Delete(dir, true); }
    }

    /// <summary>CoxExample's first five features with its times rounded up to tenths (cox.json's tied variant), as CSV.</summary>
    private static string TiedCsv(string dir)
    {
        var d = SurvivalCsvReader.Read(Csv);
        var lines = new List<string> { "time,status,X1,X2,X3,X4,X5" };
        for (int i = 0; i < d.Time.Length; i++)
            lines.Add(string.Join(",", new[] { Math.Ceiling(10 * d.Time[i]) / 10, d.Status[i] }.Concat(Enumerable.Range(0, 5).Select(j => d.Features[i, j]))
                .Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
        string path = Path.Combine(dir, "tied.csv");
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void TiesChooseBreslowOrEfronInFitPathAndCvAndSurviveSaveAndLoad()
    {
        string dir = TempDir();
        try
        {
            string tied = TiedCsv(dir), model = Path.Combine(dir, "efron.json");
            // λ = 0: survival::coxph's optimum for each method (cox.json), so the objective is −loglik/n.
            foreach (var (ties, problem) in new[] { ("efron", "coxph_efron"), ("breslow", "coxph_breslow") })
            {
                var (code, stdout, stderr) = Run("fit", "--model", "cox", "--ties", ties, "--penalty", "l2", "--lambda", "0", "--tol", "1e-12",
                    "--data", tied, "--json", "--output", ties == "efron" ? model : Path.Combine(dir, "breslow.json"));
                Assert.True(code == 0, stderr);
                double expected = -Support.ReferenceFiles.Entry("cox.json", problem).GetProperty("loglik").GetDouble() / 1000;
                Assert.Equal(expected, Last(stdout).GetProperty("objective").GetDouble(), 1e-10);
                Assert.False(Last(stdout).GetProperty("fit_intercept").GetBoolean());
            }
            var loaded = (OptSuite.Models.CoxRegression)OptSuite.Models.LinearEstimator.Load(model);
            Assert.Equal(OptSuite.Objectives.Survival.CoxTies.Efron, loaded.Ties);
            Assert.False(loaded.FitIntercept);

            // The path and CV take the option too: on tied times Efron's path is another path.
            var paths = new Dictionary<string, string>();
            foreach (string ties in new[] { "breslow", "efron" })
            {
                var (code, _, stderr) = Run("path", "--model", "cox", "--ties", ties, "--data", tied, "--n-lambda", "10", "--no-plot", "--json", "--output", Path.Combine(dir, "p" + ties));
                Assert.True(code == 0, stderr);
                paths[ties] = File.ReadAllText(Path.Combine(dir, "p" + ties + ".csv"));
            }
            Assert.NotEqual(paths["breslow"], paths["efron"]);
            var cv = Run("cv", "--model", "cox", "--ties", "efron", "--data", tied, "--n-lambda", "10", "--folds", "3", "--no-plot", "--json", "--output", Path.Combine(dir, "c"));
            Assert.True(cv.Code == 0, cv.Err);

            var bad = Run("fit", "--model", "cox", "--ties", "exact", "--data", tied);
            Assert.Equal(2, bad.Code);
            Assert.Contains("--ties", bad.Err);
            var other = Run("fit", "--model", "lasso", "--ties", "efron", "--data", DatasetLocator.Find("regression/abalone_scale"));
            Assert.Equal(2, other.Code);
            Assert.Contains("--ties does not apply to --model lasso", other.Err);
            var intercept = Run("fit", "--model", "cox", "--intercept-scaling", "1", "--data", tied);
            Assert.Equal(2, intercept.Code);
            Assert.Contains("no intercept", intercept.Err);
        }
        finally { Directory.Delete(dir, true); }
    }
}
