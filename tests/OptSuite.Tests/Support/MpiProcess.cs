using System.Diagnostics;
using OptSuite.LinearAlgebra.Distributed;

namespace OptSuite.Tests.Support;

/// <summary>
/// Launches the MPI test host (tests/OptSuite.MpiHost, copied next to the tests) as real ranks:
/// <c>mpiexec.hydra -n K -genv UCX_ERROR_SIGNALS "" dotnet OptSuite.MpiHost.dll K SCENARIO ...</c>.
/// </summary>
/// <remarks>
/// <c>mpiexec.hydra</c> by that name: the plain <c>mpiexec</c> alternative may belong to another MPI, which would start
/// K singletons (the host then fails its size check). Nothing here loads libmpich into the test process: its UCX
/// constructor would install signal handlers in the test runner.
/// </remarks>
public static class MpiProcess
{
    /// <summary>The launcher's name.</summary>
    public const string Launcher = "mpiexec.hydra";

    /// <summary>What a launch returns: the launcher's exit code, every rank's merged output, and the wall time.</summary>
    public sealed record Result(int Code, string Out, string Err, TimeSpan Elapsed)
    {
        /// <summary>Stdout and stderr, for assertion messages.</summary>
        public string Transcript => $"exit {Code} after {Elapsed.TotalSeconds:0.00} s\n--- stdout\n{Out}\n--- stderr\n{Err}";
    }

    /// <summary>What is missing for MPI tests, or null: mpiexec.hydra on PATH and libmpich.so.12 in a library directory.</summary>
    public static string? Missing()
    {
        if (!OperatingSystem.IsLinux()) return "the MPI binding is for Linux";
        if (FindLauncher() is null) return $"{Launcher} is not on PATH";
        if (FindLibrary() is null) return $"{MpiCommunicator.LibraryName} is not in LD_LIBRARY_PATH or the system library directories";
        return null;
    }

    /// <summary>The full path of mpiexec.hydra, or null.</summary>
    public static string? FindLauncher() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, Launcher)).FirstOrDefault(File.Exists);

    private static string? FindLibrary()
    {
        var dirs = (Environment.GetEnvironmentVariable("LD_LIBRARY_PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib", "/usr/local/lib"]);
        return dirs.Select(dir => Path.Combine(dir, MpiCommunicator.LibraryName)).FirstOrDefault(File.Exists);
    }

    /// <summary>The host next to the test assembly.</summary>
    public static string HostPath => CliProcess.NextToTests("OptSuite.MpiHost.dll");

    /// <summary>
    /// Runs <c>mpiexec.hydra -n RANKS -genv UCX_ERROR_SIGNALS VALUE dotnet OptSuite.MpiHost.dll HOSTARGS</c>
    /// (<paramref name="ucxErrorSignals"/> null: no -genv). Fails the test if it does not end within
    /// <paramref name="timeout"/> (then the whole process tree is killed).
    /// </summary>
    public static Result Run(int ranks, string[] hostArgs, string? ucxErrorSignals = "",
        IEnumerable<(string Key, string Value)>? environment = null, TimeSpan? timeout = null) =>
        Launch(ranks, HostPath, hostArgs, ucxErrorSignals, environment, timeout);

    /// <summary>Runs <c>mpiexec.hydra -n RANKS -genv UCX_ERROR_SIGNALS "" dotnet optsuite.dll ARGS</c>: the CLI as K ranks.</summary>
    public static Result RunCli(int ranks, string[] cliArgs, TimeSpan? timeout = null) =>
        Launch(ranks, CliProcess.CliPath, cliArgs, "", null, timeout);

    private static Result Launch(int ranks, string assembly, string[] hostArgs, string? ucxErrorSignals,
        IEnumerable<(string Key, string Value)>? environment, TimeSpan? timeout)
    {
        string launcher = FindLauncher() ?? throw new InvalidOperationException(
            $"{Launcher} is not on PATH ({MpiRequirement.Variable}=1 requires MPI): {MpiCommunicator.InstallCommand}");
        var psi = new ProcessStartInfo(launcher)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("-n");
        psi.ArgumentList.Add(ranks.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (ucxErrorSignals is not null)
        {
            psi.ArgumentList.Add("-genv");
            psi.ArgumentList.Add("UCX_ERROR_SIGNALS");
            psi.ArgumentList.Add(ucxErrorSignals);
        }
        psi.ArgumentList.Add(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet");
        psi.ArgumentList.Add(assembly);
        foreach (string a in hostArgs) psi.ArgumentList.Add(a);
        psi.Environment.Remove("MPIEXEC_TIMEOUT");
        if (environment is not null)
            foreach (var (key, value) in environment) psi.Environment[key] = value;

        return Execute(psi, timeout, $"{Launcher} -n {ranks} ... {Path.GetFileName(assembly)} {string.Join(' ', hostArgs)}");
    }

    /// <summary>
    /// Runs the host with plain <c>dotnet</c>, no launcher — what K singletons started by another MPI's mpiexec are
    /// each: a world of one.
    /// </summary>
    public static Result RunWithoutLauncher(string[] hostArgs, TimeSpan? timeout = null)
    {
        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(HostPath);
        foreach (string a in hostArgs) psi.ArgumentList.Add(a);
        return Execute(psi, timeout, $"OptSuite.MpiHost {string.Join(' ', hostArgs)} without {Launcher}");
    }

    private static Result Execute(ProcessStartInfo psi, TimeSpan? timeout, string description)
    {
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Close();
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{description} did not end within {limit.TotalSeconds} s");
        }
        process.WaitForExit();
        return new Result(process.ExitCode, stdout.Result, stderr.Result, clock.Elapsed);
    }
}
