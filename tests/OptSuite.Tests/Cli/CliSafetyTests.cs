using System.CommandLine;
using OptSuite.Cli;
using OptSuite.Cli.Commands;
using OptSuite.Data;
using OptSuite.Data.IO;
using OptSuite.Models;
using OptSuite.Tests.Data;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Cli;

/// <summary>
/// The built CLI run as a child process against hostile paths and numbers (issue 14, items 1, 2, 5, 7, 8): outputs never
/// replace devices, FIFOs, links or inputs; outputs are checked before the fit; numbers are read in the invariant
/// culture without group separators; every error is exit code 2 and one <c>error:</c> line naming the option or file.
/// </summary>
[Collection("Console")]
public sealed class CliSafetyTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "optsuite-cli-safety-" + Guid.NewGuid().ToString("N"));

    public CliSafetyTests()
    {
        Directory.CreateDirectory(_dir);
        File.Copy(DatasetLocator.Find("binary/heart_scale"), P("heart.svm"));
        File.WriteAllText(P("one-class.svm"), "1 1:1\n1 2:1\n");   // a logistic fit of it fails ("single class")
        File.WriteAllText(P("empty.svm"), "");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string P(string name) => Path.Combine(_dir, name);

    private (int Code, string Out, string Err) Run(params string[] args) => CliProcess.Run(args, workingDirectory: _dir);

    /// <summary>Exit code 2 and exactly one line on stderr, <c>error: ...</c>; returns that line.</summary>
    private static string BadInput((int Code, string Out, string Err) r)
    {
        Assert.True(r.Code == 2, $"exit code {r.Code}, stderr: {r.Err}");
        string[] lines = r.Err.TrimEnd('\n').Split('\n');
        var errors = lines.Where(l => l.StartsWith("error: ", StringComparison.Ordinal)).ToArray();
        Assert.True(errors.Length == 1 && !lines.Any(l => l.Length > 0 && !l.StartsWith("error: ", StringComparison.Ordinal) && !l.StartsWith("Run 'optsuite --help'", StringComparison.Ordinal)),
            $"expected one error line, got: {r.Err}");
        Assert.DoesNotContain("(Parameter '", errors[0]);
        Assert.DoesNotContain("System.", errors[0]);
        return errors[0];
    }

    // ---- item 1: outputs that are not regular files -------------------------------------------------------------

    [Fact]
    public void OutputToACharacterDeviceIsWrittenThroughAndTheDeviceStays()
    {
        if (!OperatingSystem.IsLinux()) return;
        // A private copy of /dev/null (major 1, minor 3) where mknod is allowed (root), so the old behaviour, which renamed
        // a JSON file over the device, cannot damage the machine's /dev/null; /dev/null itself otherwise.
        string device = P("null");
        using (var mknod = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("mknod", [device, "c", "1", "3"])
            { UseShellExecute = false, RedirectStandardError = true })!) mknod.WaitForExit();
        if (FileStatus.Of(device).Kind != FileKind.CharacterDevice) device = "/dev/null";
        var fit = Run("fit", "--model", "logistic", "--data", "heart.svm", "--output", device, "--json");
        Assert.True(fit.Code == 0, fit.Err);
        Assert.Equal(FileKind.CharacterDevice, FileStatus.Of(device).Kind);
        Assert.Equal(0, Run("fit", "--model", "logistic", "--data", "heart.svm", "--output", "model.json").Code);
        var predict = Run("predict", "--model", "model.json", "--data", "heart.svm", "--output", device);
        Assert.True(predict.Code == 0, predict.Err);
        Assert.Equal(FileKind.CharacterDevice, FileStatus.Of(device).Kind);
        Assert.DoesNotContain(Directory.GetFiles(_dir), f => AtomicFile.IsTemporaryName(Path.GetFileName(f)));
    }

    [Fact]
    public void OutputToAFifoIsWrittenThrough()
    {
        if (!OperatingSystem.IsLinux()) return;
        string fifo = P("model.fifo");
        AtomicFileTests.MakeFifo(fifo);
        var received = AtomicFileTests.ReadInBackground(fifo);
        var fit = Run("fit", "--model", "ridge", "--data", "heart.svm", "--output", fifo);
        Assert.True(fit.Code == 0, fit.Err);
        Assert.Equal(13, LinearEstimator.Load(new MemoryStream(received())).FeatureCount);
        Assert.Equal(FileKind.Fifo, FileStatus.Of(fifo).Kind);
    }

    [Fact]
    public void OutputToDevStdoutGoesToStandardOutput()
    {
        if (!OperatingSystem.IsLinux()) return;
        // /dev/stdout → /proc/self/fd/1 → a pipe here: written through, not replaced.
        var fit = Run("fit", "--model", "ridge", "--data", "heart.svm", "--output", "/dev/stdout");
        Assert.True(fit.Code == 0, fit.Err);
        Assert.Contains("optsuite.linear-model", fit.Out);
        Assert.Equal(0, Run("fit", "--model", "ridge", "--data", "heart.svm", "--output", "model.json").Code);
        var predict = Run("predict", "--model", "model.json", "--data", "heart.svm", "--output", "/dev/stdout");
        Assert.True(predict.Code == 0, predict.Err);
        Assert.Equal(270, predict.Out.TrimEnd('\n').Split('\n').Length);
    }

    [Fact]
    public void OutputThroughASymbolicLinkReplacesItsTargetAndKeepsTheLink()
    {
        File.WriteAllText(P("real.json"), "old");
        File.CreateSymbolicLink(P("model.json"), "real.json");
        var fit = Run("fit", "--model", "ridge", "--data", "heart.svm", "--output", "model.json");
        Assert.True(fit.Code == 0, fit.Err);
        Assert.Equal("real.json", new FileInfo(P("model.json")).LinkTarget);
        Assert.Equal(13, LinearEstimator.Load(P("real.json")).FeatureCount);
    }

    [Fact]
    public void ADirectoryAsOutputIsExitTwoBeforeTheFit()
    {
        Directory.CreateDirectory(P("out"));
        string error = BadInput(Run("fit", "--model", "logistic", "--data", "one-class.svm", "--output", "out"));
        Assert.Contains("--output", error);
        Assert.Contains("is a directory", error);
    }

    // ---- item 2: an output that is an input ----------------------------------------------------------------------

    public static TheoryData<string, string[]> OutputsThatAreInputs => new()
    {
        { "heart.svm", ["fit", "--model", "ridge", "--data", "heart.svm", "--output", "heart.svm"] },
        { "heart.svm", ["fit", "--model", "ridge", "--data", "heart.svm", "--output", "./../{dir}/heart.svm"] },
        { "heart.svm", ["fit", "--model", "ridge", "--data", "heart.svm", "--output", "@hardlink"] },
        { "heart.svm", ["fit", "--model", "ridge", "--data", "heart.svm", "--output", "@symlink"] },
        { "test.svm", ["fit", "--model", "ridge", "--data", "heart.svm", "--test", "test.svm", "--output", "test.svm"] },
        { "heart.svm", ["predict", "--model", "model.json", "--data", "heart.svm", "--output", "@hardlink"] },
        { "model.json", ["predict", "--model", "model.json", "--data", "heart.svm", "--output", "model.json"] },
        { "heart.svm", ["cv", "--model", "lasso", "--data", "heart.svm", "--no-plot", "--save-model", "@symlink"] },
        { "p.csv", ["path", "--model", "lasso", "--data", "p.csv", "--output", "p", "--no-plot"] },
        { "p.csv", ["cv", "--model", "lasso", "--data", "p.csv", "--output", "p", "--no-plot"] },
        { "traces.csv", ["bench", "--model", "lasso", "--data", "traces.csv", "--out", "."] },
    };

    [Theory]
    [MemberData(nameof(OutputsThatAreInputs))]
    public void AnOutputThatIsAnInputIsRefusedAndTheInputIsKept(string input, string[] args)
    {
        File.Copy(P("heart.svm"), P("test.svm"));
        File.Copy(P("heart.svm"), P("p.csv"));
        File.Copy(P("heart.svm"), P("traces.csv"));
        Assert.Equal(0, Run("fit", "--model", "ridge", "--data", "heart.svm", "--output", "model.json").Code);
        using (var ln = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("ln", [P(input), P("hardlink")]) { UseShellExecute = false })!) ln.WaitForExit();
        File.CreateSymbolicLink(P("symlink"), P(input));
        byte[] before = File.ReadAllBytes(P(input));
        string[] resolved = args.Select(a => a switch
        {
            "@hardlink" => "hardlink",
            "@symlink" => "symlink",
            _ => a.Replace("{dir}", Path.GetFileName(_dir)),
        }).ToArray();
        string error = BadInput(Run(resolved));
        Assert.Contains("is the same file as", error);
        Assert.Equal(before, File.ReadAllBytes(P(input)));
    }

    // ---- item 5: numbers ------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("--lambda", "0,5", "fit", "--model", "lasso", "--data", "heart.svm")]
    [InlineData("--lambda", "1,000", "fit", "--model", "lasso", "--data", "heart.svm")]
    [InlineData("--C", "0,01", "fit", "--model", "logistic", "--data", "heart.svm")]
    [InlineData("--max-iter", "1,000", "fit", "--model", "logistic", "--data", "heart.svm")]
    [InlineData("--l1-ratio", "0,5", "path", "--model", "elastic-net", "--data", "heart.svm", "--no-plot")]
    [InlineData("--lambda-min-ratio", "0,01", "cv", "--model", "lasso", "--data", "heart.svm", "--no-plot")]
    [InlineData("--max-time", "1,5", "bench", "--model", "lasso", "--data", "heart.svm", "--out", "b")]
    [InlineData("--features", "1,000", "inspect", "heart.svm")]
    [InlineData("--lambda", "inf", "fit", "--model", "lasso", "--data", "heart.svm")]
    [InlineData("--lambda", "Infinity", "fit", "--model", "lasso", "--data", "heart.svm")]
    [InlineData("--group-size", "99999999999", "fit", "--model", "group-lasso", "--data", "heart.svm")]
    public void ANumberWithAGroupSeparatorOrOutOfRangeIsExitTwoNamingTheOption(string option, string value, params string[] args)
    {
        string error = BadInput(Run([.. args, option, value]));
        Assert.StartsWith($"error: {option} must be", error);
        Assert.Contains($"'{value}'", error);
    }

    [Fact]
    public void EveryNumericOptionOfEveryCommandRefusesGroupSeparatorsAndNonFiniteValues()
    {
        var root = CommandLineApp.Build();
        int checkedOptions = 0;
        foreach (var command in root.Subcommands)
            foreach (var option in command.Options)
            {
                bool real = option is Option<double> or Option<double?>;
                if (!real && option is not (Option<int> or Option<int?>)) continue;
                // --threads has its own rules (a count beyond int clamps to the processors): ThreadsOptionTests.
                if (option.Name == ThreadsOption.Name) continue;
                string[] bads = real ? ["0,5", "1,000", "inf", "NaN", "1 000"] : ["1,000", "1.5", "1e3", "99999999999"];
                foreach (string bad in bads)
                {
                    var errors = root.Parse([command.Name, option.Name, bad]).Errors.Select(e => e.Message).ToList();
                    Assert.True(errors.Any(m => m.StartsWith(option.Name + " must be", StringComparison.Ordinal) && m.Contains($"'{bad}'")),
                        $"{command.Name} {option.Name} {bad}: {string.Join(" | ", errors)}");
                }
                checkedOptions++;
            }
        Assert.True(checkedOptions >= 36, $"only {checkedOptions} numeric options found");   // fit 10, path 6, cv 9, bench 12, inspect 1 (without --threads)
    }

    [Fact]
    public void NumbersInTheInvariantFormStillParse()
    {
        var fit = Run("fit", "--model", "elastic-net", "--data", "heart.svm", "--lambda", "1e-2", "--l1-ratio", ".5", "--tol", "1E-8", "--max-iter", "+1000", "--json");
        Assert.True(fit.Code == 0, fit.Err);
        Assert.Contains("\"lambda\":0.01", fit.Out);
        var bench = Run("bench", "--model", "lasso", "--data", "heart.svm", "--solvers", "fista,cd", "--max-time", "0.5", "--reference-time", "2", "--out", "b");
        Assert.True(bench.Code == 0, bench.Err);
    }

    // ---- item 7: exit 2 where it is the contract, and before the fit -----------------------------------------------

    [Fact]
    public void AnUnwritableOutputIsExitTwoBeforeTheFit()
    {
        // one-class.svm cannot be fitted: an error about --output shows the check came first.
        File.WriteAllText(P("file"), "");
        string error = BadInput(Run("fit", "--model", "logistic", "--data", "one-class.svm", "--output", "file/model.json"));
        Assert.StartsWith("error: --output", error);
        if (OperatingSystem.IsLinux())   // no file can be created in /proc, not even by root
        {
            error = BadInput(Run("fit", "--model", "logistic", "--data", "one-class.svm", "--output", "/proc/optsuite-model.json"));
            Assert.StartsWith("error: --output", error);
            Assert.DoesNotContain(".tmp", error);
            Assert.Equal(0, Run("fit", "--model", "ridge", "--data", "heart.svm", "--output", "model.json").Code);
            error = BadInput(Run("predict", "--model", "model.json", "--data", "heart.svm", "--output", "/proc/predictions.txt"));
            Assert.Contains("--output", error);
        }
    }

    [Fact]
    public void AnEmptyTestFileIsExitTwoBeforeTheFit()
    {
        string error = BadInput(Run("fit", "--model", "logistic", "--data", "one-class.svm", "--test", "empty.svm", "--output", "m.json"));
        Assert.Equal("error: --test empty.svm has no rows; there is nothing to score.", error);
        error = BadInput(Run("cv", "--model", "lasso", "--data", "heart.svm", "--test", "empty.svm", "--no-plot"));
        Assert.Contains("--test empty.svm has no rows", error);
        Assert.False(File.Exists(P("optsuite-cv.csv")), "cv wrote its outputs before failing");
    }

    [Fact]
    public void AnExtremeGroupSizeIsOneGroup()
    {
        var fit = Run("fit", "--model", "group-lasso", "--data", "heart.svm", "--group-size", "2147483640", "--json");
        Assert.True(fit.Code == 0, fit.Err);
    }

    [Fact]
    public void AccessDeniedIsBadInput()
    {
        // Root reads and writes through permission bits, so the mapping itself is checked here.
        var parse = CommandLineApp.Build().Parse(["info"]);
        var saved = Console.Error;
        try
        {
            var err = new StringWriter();
            Console.SetError(err);
            int code = CommandRunner.Run(parse, () => throw new UnauthorizedAccessException("Access to the path '/x/heart.svm' is denied."));
            Assert.Equal(2, code);
            Assert.Equal("error: Access to the path '/x/heart.svm' is denied.\n", err.ToString().Replace("\r", ""));
        }
        finally
        {
            Console.SetError(saved);
        }
    }

    // ---- item 8: messages --------------------------------------------------------------------------------------------

    [Fact]
    public void ADirectoryAsDataSaysItIsADirectory()
    {
        Directory.CreateDirectory(P("data"));
        // --data takes shard directories: one without a manifest gets the manifest reader's message.
        Assert.StartsWith("error: data is not a shard dataset: it has no manifest.json", BadInput(Run("fit", "--model", "ridge", "--data", "data")));
        Assert.Contains("is a directory", BadInput(Run("inspect", "data")));
        Assert.Contains("is a directory", BadInput(Run("predict", "--model", "data", "--data", "heart.svm")));
    }

    [Fact]
    public void APipeAsDataSaysItIsAPipe()
    {
        if (!OperatingSystem.IsLinux()) return;
        AtomicFileTests.MakeFifo(P("pipe.svm"));
        string error = BadInput(Run("fit", "--model", "ridge", "--data", "pipe.svm"));
        Assert.StartsWith("error: --data pipe.svm is a pipe, not a file", error);
    }

    [Fact]
    public void ControlCharactersInAFileNameAreEscapedAndTheErrorStaysOneLine()
    {
        string error = BadInput(Run("fit", "--model", "ridge", "--data", "heart.svm", "--test", "bad\nname\u001b[31m.svm"));
        Assert.Equal("error: Test file not found: bad\\nname\\x1B[31m.svm", error);
        Assert.Equal("a\\tb\\r\\u2028", CommandRunner.OneLine("a\tb\r\u2028"));
        Assert.Equal("héllo ∞", CommandRunner.OneLine("héllo ∞"));
    }

    [Fact]
    public void LibraryErrorsNameTheFileOrOptionNotACSharpParameter()
    {
        Assert.StartsWith("error: empty.svm: the file has no data rows",
            BadInput(Run("fit", "--model", "ridge", "--data", "empty.svm")));
        Assert.Equal("error: --data one-class.svm: y has a single class (1); a classifier needs at least two.",
            BadInput(Run("fit", "--model", "logistic", "--data", "one-class.svm")));
        // λ = 1/(n·C) overflows: the library's check names C, the CLI says --C.
        Assert.Equal("error: --C: C = 1E-320 is too small for 270 samples: λ = 1/(n·C) overflows.",
            BadInput(Run("fit", "--model", "logistic", "--data", "heart.svm", "--C", "1e-320")));
        Assert.Equal("error: --folds: There are 1000 folds for only 270 samples. It is 1000.",
            BadInput(Run("cv", "--model", "lasso", "--data", "heart.svm", "--folds", "1000", "--no-plot")));
        // ArgumentOutOfRangeException's "Actual value was" line is folded into the one line.
        Assert.Equal("error: --tol: The tolerance must be finite and ≥ 0. It is -1.",
            "error: " + CommandRunner.Message(new ArgumentOutOfRangeException("Tolerance", -1.0, "The tolerance must be finite and ≥ 0.")));
    }

    [Fact]
    public void AMultiLabelFileSuggestsTheCommandNotACSharpMethod()
    {
        File.WriteAllText(P("multi.svm"), "1,2 1:1\n3 2:1\n");
        string error = BadInput(Run("fit", "--model", "logistic", "--data", "multi.svm"));
        Assert.Contains("multi.svm:1:1: multi-label line", error);
        Assert.Contains("--model multitask-lasso", error);
        Assert.DoesNotContain("SvmlightReader", error);
        Assert.Equal(0, Run("fit", "--model", "multitask-lasso", "--data", "multi.svm").Code);
    }

    /// <summary>Issue 14, item 20: the CLI resolves a dataset name as the library does (OPTSUITE_DATA, datasets/, ../shared).</summary>
    [Fact]
    public void ADatasetNameIsFoundThroughOptsuiteData()
    {
        string root = Directory.CreateTempSubdirectory("optsuite-data-root-").FullName;
        string elsewhere = Directory.CreateTempSubdirectory("optsuite-cwd-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "mine"));
            File.Copy(DatasetLocator.Find("binary/heart_scale"), Path.Combine(root, "mine", "heart.svm"));
            var found = CliProcess.Run(["fit", "--model", "logistic", "--data", "mine/heart.svm", "--json"],
                [("OPTSUITE_DATA", root)], workingDirectory: elsewhere);
            Assert.True(found.Code == 0, found.Err);
            Assert.Contains("\"n\":270", found.Out);
            var missing = CliProcess.Run(["fit", "--model", "logistic", "--data", "mine/heart.svm"], [("OPTSUITE_DATA", null)], workingDirectory: elsewhere);
            Assert.Equal(2, missing.Code);
            Assert.Contains("not found: mine/heart.svm", missing.Err);
        }
        finally
        {
            Directory.Delete(root, true);
            Directory.Delete(elsewhere, true);
        }
    }
}
