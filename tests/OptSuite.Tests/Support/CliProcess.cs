using System.Diagnostics;

namespace OptSuite.Tests.Support;

/// <summary>
/// Runs the built <c>optsuite.dll</c> (copied next to the tests as a referenced executable) in a child process, as a
/// user would: real exit codes, real stdout/stderr, real environment variables read by native code.
/// </summary>
public static class CliProcess
{
    /// <summary>Variables removed from the child's environment unless a test sets them, so the host's settings
    /// (a developer's OPTSUITE_THREADS, say) never change what a test sees.</summary>
    private static readonly string[] Scrubbed =
    {
        "OPTSUITE_BACKEND", "OPTSUITE_DISABLE_MKL", "OPTSUITE_MKL_THREADING", "OPTSUITE_MKL_GOMP", "MKL_THREADING_LAYER",
        "OPTSUITE_THREADS", "OPTSUITE_NATIVE_DECOMPRESSION", "OMP_NUM_THREADS", "OMP_WAIT_POLICY", "GOMP_SPINCOUNT",
    };

    /// <summary>The path of optsuite.dll next to the test assembly.</summary>
    public static string CliPath => NextToTests("optsuite.dll");

    /// <summary>The path of <paramref name="assembly"/>, a program copied next to the test assembly with its runtimeconfig
    /// (a referenced executable); the test fails when it is not there.</summary>
    public static string NextToTests(string assembly)
    {
        string here = Path.Combine(AppContext.BaseDirectory, assembly);
        Assert.True(File.Exists(here) && File.Exists(Path.ChangeExtension(here, ".runtimeconfig.json")),
            $"{assembly} and its runtimeconfig are expected in {AppContext.BaseDirectory}");
        return here;
    }

    /// <summary>Runs <c>optsuite ARGS</c>; fails the test if it does not finish within <paramref name="timeout"/>.</summary>
    public static (int Code, string Out, string Err) Run(string[] args, IEnumerable<(string Key, string? Value)>? environment = null,
        string? workingDirectory = null, TimeSpan? timeout = null, string? standardInput = null)
    {
        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        psi.ArgumentList.Add(CliPath);
        foreach (string a in args) psi.ArgumentList.Add(a);
        foreach (string key in Scrubbed) psi.Environment.Remove(key);
        if (environment is not null)
            foreach (var (key, value) in environment)
            {
                if (value is null) psi.Environment.Remove(key);
                else psi.Environment[key] = value;
            }
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (standardInput is not null) process.StandardInput.Write(standardInput);
        process.StandardInput.Close();
        var limit = timeout ?? TimeSpan.FromSeconds(120);
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"optsuite {string.Join(' ', args)} did not finish within {limit.TotalSeconds} s");
        }
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Shorthand: <c>CliProcess.Run("fit", "--model", ...)</c>.</summary>
    public static (int Code, string Out, string Err) Run(params string[] args) => Run(args, null);
}
