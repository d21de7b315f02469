using System.CommandLine;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using OptSuite.Cli;
using OptSuite.Cli.Commands;
using OptSuite.Data;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Cli;

/// <summary>
/// Issue 18, cold start: a published optsuite (README main job: self-contained, one composite image; the per-platform
/// tool packages: framework-dependent) is ReadyToRun and says so in <c>optsuite info</c>; a command builds only its own
/// subcommand. The published files themselves are checked by scripts/check-packages.sh, which publishes the command as
/// the README does and installs the tool, and refuses either whose <c>info</c> does not report the precompiled code;
/// benchmarks/results/cold-start.md has the timings.
/// </summary>
[Collection("Console")]
public sealed class ColdStartTests
{
    [Fact]
    public void ReadyToRunIsReadFromTheAssemblysHeader()
    {
        // The shared framework ships crossgen2-compiled; a plain build of our own code is IL only.
        Assert.True(PrecompiledCode.IsReadyToRun(typeof(object).Assembly.Location));
        Assert.False(PrecompiledCode.IsReadyToRun(typeof(PrecompiledCode).Assembly.Location));
        Assert.False(PrecompiledCode.IsReadyToRun(CliProcess.CliPath));
        string text = Path.Combine(Path.GetTempPath(), "optsuite-not-pe-" + Guid.NewGuid().ToString("N") + ".dll");
        File.WriteAllText(text, "not a PE image");
        try
        {
            Assert.False(PrecompiledCode.IsReadyToRun(text));
        }
        finally
        {
            File.Delete(text);
        }
        string runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        Assert.StartsWith("ReadyToRun (", PrecompiledCode.Describe(runtime));
    }

    [Fact]
    public void InfoReportsThatABuildIsNotPrecompiled()
    {
        var (code, stdout, stderr) = CliProcess.Run(["info", "--json"]);
        Assert.True(code == 0, stderr);
        string precompiled = JsonDocument.Parse(stdout).RootElement.GetProperty("precompiled").GetString()!;
        Assert.StartsWith("no: IL only", precompiled);
        Assert.Contains("dotnet publish src/Cli -c Release", precompiled);
    }

    [Fact]
    public void ACompositeImageAndAnIncludedRuntimeAreNamed()
    {
        string runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        string folder = Path.Combine(Path.GetTempPath(), "optsuite-composite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            // A crossgen2-compiled framework assembly stands for a component of the image; the image itself is not a
            // managed assembly, so it is not counted.
            File.Copy(Path.Combine(runtime, "System.Linq.dll"), Path.Combine(folder, "System.Linq.dll"));
            Assert.Equal("ReadyToRun (1 of 1 assemblies)", PrecompiledCode.Describe(folder));
            File.WriteAllText(Path.Combine(folder, "optsuite.r2r.dll"), "stands for the composite image");
            Assert.Equal("ReadyToRun (1 of 1 assemblies, composite image optsuite.r2r.dll)", PrecompiledCode.Describe(folder));
            File.Copy(typeof(object).Assembly.Location, Path.Combine(folder, "System.Private.CoreLib.dll"));
            Assert.Equal("ReadyToRun (2 of 2 assemblies, composite image optsuite.r2r.dll, runtime included)", PrecompiledCode.Describe(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// What <c>dotnet publish src/Cli</c> and the tool packs do, read from MSBuild's evaluation (seconds, not a
    /// crossgen2 run): a publish (the README's main job) is ReadyToRun, self-contained and composite for this machine's
    /// RID when none is given, and for the RID given; the per-platform tool packs (a pack sets _IsPacking) and a publish
    /// that asks for SelfContained=false are framework-dependent with one ReadyToRun image per assembly.
    /// </summary>
    [Theory]
    [InlineData(null, false, null)]
    [InlineData("win-x64", false, null)]
    [InlineData("linux-arm64", true, null)]
    [InlineData("win-x64", true, null)]
    [InlineData(null, false, "false")]
    public async Task PublishingTheCliIsReadyToRunAndCompositeOutsideToolPacks(string? rid, bool packing, string? selfContained)
    {
        string project = Path.Combine(DatasetLocator.RepositoryRoot()!, "src", "Cli", "OptSuite.Cli.csproj");
        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in new[] { "msbuild", project, "-p:Configuration=Release", "-p:_IsPublishing=true",
                     "-getProperty:PublishReadyToRun", "-getProperty:RuntimeIdentifier", "-getProperty:SelfContained",
                     "-getProperty:PublishReadyToRunComposite", "-getProperty:PublishAot" })
            psi.ArgumentList.Add(a);
        if (rid is not null) psi.ArgumentList.Add($"-p:RuntimeIdentifier={rid}");
        if (packing) psi.ArgumentList.Add("-p:_IsPacking=true");
        if (selfContained is not null) psi.ArgumentList.Add($"-p:SelfContained={selfContained}");
        using var process = Process.Start(psi)!;
        var stderrTask = process.StandardError.ReadToEndAsync();
        string stdout = await process.StandardOutput.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(limit.Token);
        string stderr = await stderrTask;
        Assert.True(process.ExitCode == 0, $"{stdout}\n{stderr}");
        var properties = JsonDocument.Parse(stdout).RootElement.GetProperty("Properties");
        bool standalone = !packing && selfContained is null;
        Assert.Equal("true", properties.GetProperty("PublishReadyToRun").GetString());
        Assert.Equal(standalone ? "true" : "false", properties.GetProperty("SelfContained").GetString());
        Assert.Equal(standalone, properties.GetProperty("PublishReadyToRunComposite").GetString() == "true");
        Assert.NotEqual("true", properties.GetProperty("PublishAot").GetString());
        string inferred = properties.GetProperty("RuntimeIdentifier").GetString()!;
        if (rid is null) Assert.False(string.IsNullOrEmpty(inferred), "no RuntimeIdentifier inferred: ReadyToRun needs one");
        else Assert.Equal(rid, inferred);
    }

    [Theory]
    [InlineData(new[] { "fit", "--model", "lasso" }, "fit")]
    [InlineData(new[] { "cv" }, "cv")]
    [InlineData(new[] { "info", "--json" }, "info")]
    [InlineData(new string[0], null)]
    [InlineData(new[] { "--help" }, null)]
    [InlineData(new[] { "-v", "fit" }, null)]
    [InlineData(new[] { "fti" }, null)]
    [InlineData(new[] { "FIT" }, null)]
    public void ACommandBuildsOnlyItsOwnSubcommand(string[] args, string? expected)
    {
        Assert.Equal(expected, CommandLineApp.RequestedSubcommand(args));
        var names = CommandLineApp.Build(CommandLineApp.RequestedSubcommand(args)).Subcommands.Select(c => c.Name).ToArray();
        if (expected is null) Assert.Equal(["info", "inspect", "convert", "fit", "predict", "export", "bench", "path", "cv"], names);
        else Assert.Equal([expected], names);
    }

    [Fact]
    public void ASubcommandAloneParsesAsInTheWholeTree()
    {
        var whole = CommandLineApp.Build();
        foreach (var full in whole.Subcommands)
        {
            var alone = Assert.Single(CommandLineApp.Build(full.Name).Subcommands);
            Assert.Equal(Describe(full), Describe(alone));
            // The same errors for the same bad input, numbers included (CliNumbers applies to the lone subcommand too).
            foreach (string[] args in new[] { new[] { full.Name, "--no-such-option" }, [full.Name, "--threads", "0"], [full.Name, "--tol", "1,5"] })
                Assert.Equal(whole.Parse(args).Errors.Select(e => e.Message), CommandLineApp.Build(full.Name).Parse(args).Errors.Select(e => e.Message));
        }
    }

    [Fact]
    public void PlainKeyValueOutputDoesNotLoadSpectreConsole()
    {
        // The CLI in a load context of its own (the test process has Spectre.Console loaded already), writing to a
        // redirected stdout as under dotnet test: the plain lines need no Spectre.Console, whose loading cost every
        // scripted 'optsuite fit' and 'info' start-up time.
        Assert.True(Console.IsOutputRedirected, "the test host's stdout is expected to be redirected");
        var context = new CliDirectoryContext(Path.GetDirectoryName(CliProcess.CliPath)!);
        try
        {
            var write = context.LoadFromAssemblyPath(CliProcess.CliPath).GetType("OptSuite.Cli.Output.KeyValueTable", throwOnError: true)!
                .GetMethod("Write", BindingFlags.Public | BindingFlags.Static)!;
            write.Invoke(null, ["test", new List<KeyValuePair<string, object?>> { new("objective", 0.5) }]);
            var loaded = context.Assemblies.Select(a => a.GetName().Name).ToList();
            Assert.Contains("optsuite", loaded);
            Assert.DoesNotContain("Spectre.Console", loaded);
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>Loads every assembly found next to the CLI into this context (the framework from the default one).</summary>
    private sealed class CliDirectoryContext(string directory) : AssemblyLoadContext("optsuite-cold-start", isCollectible: true)
    {
        protected override Assembly? Load(AssemblyName name)
        {
            string path = Path.Combine(directory, name.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }

    private static string Describe(Command command) => string.Join("\n", command.Options.Select(o =>
        $"{o.Name} [{string.Join(",", o.Aliases)}] required={o.Required} recursive={o.Recursive} {o.ValueType} {o.Description}"));
}
