using System.Text.Json;
using OptSuite.Data;
using OptSuite.LinearAlgebra;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Cli;

/// <summary>
/// <c>--threads</c> (fit, path, cv, bench) and <c>OPTSUITE_THREADS</c>, run as a user runs them (the built CLI in a child
/// process): a count above the logical processors is clamped with one <c>note:</c> line, where 10⁵ used to abort with
/// exit 134 and a stack trace on MKL; 0, negative or malformed values are exit 2 with one <c>error:</c> line naming the
/// option or variable, where <c>OPTSUITE_THREADS=abc</c> was a TypeInitializationException (issue 14, item 6).
/// </summary>
public class ThreadsOptionTests
{
    private static int Processors => LinearAlgebraSettings.AvailableProcessors;

    private static string Heart => DatasetLocator.Find("binary/heart_scale");

    private static string Prostate => DatasetLocator.Find("regression/prostate_train.svm");

    private static string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "optsuite-threads-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>One quick run of each command that takes --threads, writing into <paramref name="dir"/>.</summary>
    private static string[] Command(string name, string dir) => name switch
    {
        "fit" => ["fit", "--model", "logistic", "--data", Heart, "-o", Path.Combine(dir, "m.json"), "--json"],
        "path" => ["path", "--model", "lasso", "--data", Prostate, "--n-lambda", "5", "--no-plot", "-o", Path.Combine(dir, "p"), "--json"],
        "cv" => ["cv", "--model", "lasso", "--data", Prostate, "--n-lambda", "5", "--folds", "3", "--no-plot", "-o", Path.Combine(dir, "c"), "--json"],
        "bench" => ["bench", "--model", "lasso", "--data", Prostate, "--solvers", "cd", "--max-time", "0.2", "--out", Path.Combine(dir, "b")],
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Theory]
    [InlineData("fit")]
    [InlineData("path")]
    [InlineData("cv")]
    [InlineData("bench")]
    public void MoreThreadsThanProcessorsAreClampedWithOneNote(string command)
    {
        string dir = TempDir();
        try
        {
            var (code, stdout, stderr) = CliProcess.Run([.. Command(command, dir), "--threads", "100000"], timeout: TimeSpan.FromSeconds(90));
            Assert.True(code == 0, $"exit {code}; stderr: {stderr}");
            string note = $"note: --threads 100000 is more than the {Processors} logical processor{(Processors == 1 ? "" : "s")}; using {Processors}.";
            Assert.Equal([note], Lines(stderr));
            if (command == "bench") Assert.Contains($"{Processors} thread(s)", stdout);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void AClampedFitIsTheFitWithOneThreadPerProcessor()
    {
        string dir = TempDir();
        try
        {
            double Objective(string threads)
            {
                var (code, stdout, stderr) = CliProcess.Run([.. Command("fit", dir), "--threads", threads, "--tol", "1e-10"]);
                Assert.True(code == 0, $"exit {code}; stderr: {stderr}");
                return JsonDocument.Parse(Lines(stdout)[^1]).RootElement.GetProperty("objective").GetDouble();
            }
            Assert.Equal(Objective(Processors.ToString()), Objective("100000"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("fit", "0")]
    [InlineData("fit", "-4")]
    [InlineData("fit", "abc")]
    [InlineData("fit", "2.5")]
    [InlineData("fit", "1,000")]
    [InlineData("path", "0")]
    [InlineData("path", "x")]
    [InlineData("cv", "-1")]
    [InlineData("cv", "two")]
    [InlineData("bench", "0")]
    [InlineData("bench", "1e3")]
    public void NonPositiveOrMalformedCountsAreExitTwoNamingTheOption(string command, string value)
    {
        string dir = TempDir();
        try
        {
            var (code, _, stderr) = CliProcess.Run([.. Command(command, dir), "--threads", value]);
            Assert.True(code == 2, $"exit {code}; stderr: {stderr}");
            string[] errors = Lines(stderr).Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToArray();
            Assert.Equal([$"error: --threads must be a positive whole number of threads; found '{value}'."], errors);
            Assert.DoesNotContain("System.", stderr);
            Assert.DoesNotContain("(Parameter", stderr);
            Assert.False(File.Exists(Path.Combine(dir, "m.json")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("info", "abc")]
    [InlineData("info", "0")]
    [InlineData("fit", "-2")]
    [InlineData("fit", "4 threads")]
    [InlineData("path", "abc")]
    public void AMalformedEnvironmentVariableIsExitTwoNamingIt(string command, string value)
    {
        string dir = TempDir();
        try
        {
            string[] args = command == "info" ? ["info", "--json"] : Command(command, dir);
            var (code, stdout, stderr) = CliProcess.Run(args, [("OPTSUITE_THREADS", value)]);
            Assert.True(code == 2, $"exit {code}; stdout: {stdout}; stderr: {stderr}");
            Assert.Equal([$"error: OPTSUITE_THREADS must be a positive whole number of threads; found '{value}'."], Lines(stderr));
            Assert.Equal("", stdout);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void ALargeEnvironmentVariableIsClampedWithOneNoteAndTheOptionWins()
    {
        var (code, stdout, stderr) = CliProcess.Run(["info", "--json"], [("OPTSUITE_THREADS", "100000")]);
        Assert.True(code == 0, $"exit {code}; stderr: {stderr}");
        Assert.Equal(Processors, JsonDocument.Parse(stdout).RootElement.GetProperty("threads").GetInt32());
        Assert.Equal([$"note: OPTSUITE_THREADS=100000 is more than the {Processors} logical processor{(Processors == 1 ? "" : "s")}; using {Processors}."],
            Lines(stderr));

        // --threads decides the run's count, so the note is about it (one line, not two).
        string dir = TempDir();
        try
        {
            (code, _, stderr) = CliProcess.Run([.. Command("fit", dir), "--threads", "1"], [("OPTSUITE_THREADS", "100000")]);
            Assert.True(code == 0, $"exit {code}; stderr: {stderr}");
            Assert.Equal("", stderr);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
