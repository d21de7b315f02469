using System.Diagnostics;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Cli;

/// <summary>
/// The built CLI reads prediction data with the training file's index base and feature count (saved in the model), and
/// rejects model files and data that cannot be what they claim, with exit code 2 and one error line.
/// </summary>
public class DataInputCommandTests
{
    private static string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "optsuite-base-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    // Zero-based training data (index 0 is used) for a regression: y = 3·x0 − 2·x1 + x2 + 0.5·x3 + noise.
    private const string ZeroBasedTrain =
        "3.1 0:1 1:0.2 2:0.5\n-1.9 0:0.1 1:1 3:0.3\n1.2 1:0.3 2:1.1 3:0.9\n2.6 0:0.9 2:0.1 3:0.2\n" +
        "0.4 1:0.6 2:0.8 3:1.2\n-0.2 0:0.3 1:0.9 2:0.4 3:0.7\n2.2 0:0.7 1:0.1 3:0.4\n0.9 1:0.2 2:0.6 3:0.8\n";

    // Rows of the training data without an index 0: as a file on its own it looks one-based (indices 1..3 of 4 features).
    private const string RowsWithoutIndexZero = "1.2 1:0.3 2:1.1 3:0.9\n0.4 1:0.6 2:0.8 3:1.2\n0.9 1:0.2 2:0.6 3:0.8\n";

    private static string[] Lines(string stdout) => stdout.TrimEnd('\n').Split('\n');

    [Fact]
    public void PredictReadsDataWithTheTrainingFilesIndexBase()
    {
        string dir = TempDir();
        try
        {
            string train = Path.Combine(dir, "train.svm"), test = Path.Combine(dir, "test.svm"), model = Path.Combine(dir, "m.json");
            File.WriteAllText(train, ZeroBasedTrain);
            File.WriteAllText(test, RowsWithoutIndexZero);
            var fit = CliProcess.Run("fit", "--model", "ridge", "--lambda", "0.01", "--data", train, "--output", model);
            Assert.True(fit.Code == 0, fit.Err);
            Assert.Contains("\"feature_index_base\":0", File.ReadAllText(model));
            var all = CliProcess.Run("predict", "--model", model, "--data", train);
            var some = CliProcess.Run("predict", "--model", model, "--data", test);
            Assert.True(all.Code == 0 && some.Code == 0, all.Err + some.Err);
            Assert.Equal("", some.Err);
            // The same rows predict the same values, whichever file they come from (before: shifted by one feature).
            string[] expected = Lines(all.Out);
            Assert.Equal(new[] { expected[2], expected[4], expected[7] }, Lines(some.Out));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void DataContradictingTheModelsIndexBaseIsExitCode2()
    {
        string dir = TempDir();
        try
        {
            string train = Path.Combine(dir, "train.svm"), model = Path.Combine(dir, "m.json");
            string zero = Path.Combine(dir, "zero.svm"), wide = Path.Combine(dir, "wide.svm");
            File.WriteAllText(train, "1 1:0.5 2:1\n-1 2:0.3 3:1\n1 1:1 3:0.2\n-1 2:1 3:0.9\n");   // one-based, 3 features
            File.WriteAllText(zero, "1 0:0.5 2:1\n");
            File.WriteAllText(wide, "1 1:0.5 4:1\n");
            Assert.Equal(0, CliProcess.Run("fit", "--model", "logistic", "--data", train, "--output", model).Code);
            Assert.Contains("\"feature_index_base\":1", File.ReadAllText(model));

            var r = CliProcess.Run("predict", "--model", model, "--data", zero);   // before: re-detected as zero-based, exit 0
            Assert.Equal(2, r.Code);
            Assert.Single(r.Err.TrimEnd('\n').Split('\n'));
            Assert.StartsWith($"error: {zero}:1:3: feature index 0 in a one-based file", r.Err);

            // An index beyond the model's features is an error, as scikit-learn's n_features check (LIBLINEAR ignores it).
            r = CliProcess.Run("predict", "--model", model, "--data", wide);
            Assert.Equal(2, r.Code);
            Assert.Contains("feature index out of range: the feature count is 3", r.Err);

            // fit --test reads the test file the same way.
            r = CliProcess.Run("fit", "--model", "logistic", "--data", train, "--test", zero);
            Assert.Equal(2, r.Code);
            Assert.Contains("feature index 0 in a one-based file", r.Err);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void AModelWithoutAnIndexBaseStillPredictsAndSaysHowItReads()
    {
        string dir = TempDir();
        try
        {
            string train = Path.Combine(dir, "train.svm"), model = Path.Combine(dir, "m.json");
            File.WriteAllText(train, "1 1:0.5 2:1\n-1 2:0.3 3:1\n1 1:1 3:0.2\n-1 2:1 3:0.9\n");
            Assert.Equal(0, CliProcess.Run("fit", "--model", "logistic", "--data", train, "--output", model).Code);
            string v1 = File.ReadAllText(model).Replace("\"schema_version\":2", "\"schema_version\":1").Replace("\"feature_index_base\":1,", "");
            File.WriteAllText(model, v1);
            var r = CliProcess.Run("predict", "--model", model, "--data", train);
            Assert.Equal(0, r.Code);
            Assert.Equal(4, Lines(r.Out).Length);
            Assert.StartsWith("note: ", r.Err);
            Assert.Contains("detected", r.Err);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void ADeviceAsTheModelIsExitCode2AtOnce()
    {
        if (!File.Exists("/dev/zero")) return;   // not a Unix-like system
        var clock = Stopwatch.StartNew();
        var r = CliProcess.Run("predict", "--model", "/dev/zero", "--data", "/dev/null");
        Assert.Equal(2, r.Code);
        Assert.StartsWith("error: /dev/zero: not an OptSuite model file", r.Err);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }

    [Fact]
    public void AnEmptyTrainingFileIsNamed()
    {
        string dir = TempDir();
        try
        {
            string empty = Path.Combine(dir, "empty.svm");
            File.WriteAllText(empty, "# nothing here\n\n");
            // Every command that fits names the file (bench used to say "λ must be finite and ≥ 0. It is Infinity.").
            foreach (string[] args in new[]
            {
                new[] { "fit", "--model", "ridge", "--data", empty },
                new[] { "path", "--model", "lasso", "--data", empty, "--output", Path.Combine(dir, "p") },
                new[] { "bench", "--model", "lasso", "--data", empty, "--out", Path.Combine(dir, "b") },
                new[] { "bench", "--model", "multitask-lasso", "--data", empty, "--out", Path.Combine(dir, "m") },
            })
            {
                var r = CliProcess.Run(args);
                Assert.Equal(2, r.Code);
                Assert.Equal($"error: {empty}: the file has no data rows (it is empty or holds only blank and comment lines); a fit needs at least one\n", r.Err);
            }
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void DevZeroAsDataFailsAtTheFirstChunk()
    {
        if (!File.Exists("/dev/zero")) return;
        var clock = Stopwatch.StartNew();
        var r = CliProcess.Run("fit", "--model", "ridge", "--data", "/dev/zero");
        Assert.Equal(2, r.Code);
        Assert.Contains("binary data, not svmlight text", r.Err);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }

    [Fact]
    public void HugeFeatureIndicesAreExitCode2NotOutOfMemory()
    {
        string dir = TempDir();
        try
        {
            string over = Path.Combine(dir, "over.svm"), edge = Path.Combine(dir, "edge.svm");
            File.WriteAllText(over, "1 1:0.5 2147483647:1\n-1 2:1\n");   // before: OutOfMemoryException, exit 1
            File.WriteAllText(edge, "1 1:0.5 2147483591:1\n-1 2:1\n");   // before: 17 GB and a minute
            var r = CliProcess.Run("fit", "--model", "logistic", "--data", over);
            Assert.Equal(2, r.Code);
            Assert.Equal($"error: {over}:1:9: feature index too large: indices must be at most 2147483591 (a coefficient per column must fit in one .NET array) (found '2147483647:1')\n", r.Err);
            if (GC.GetGCMemoryInfo().TotalAvailableMemoryBytes >= 32L * Array.MaxLength) return;
            var clock = Stopwatch.StartNew();
            r = CliProcess.Run("fit", "--model", "logistic", "--data", edge);
            Assert.Equal(2, r.Code);
            Assert.Contains("X has 2147483591 columns", r.Err);   // led by "--data FILE:"
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
