using System.Text.Json;
using OptSuite.LinearAlgebra;
using OptSuite.LinearAlgebra.Mkl;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.LinearAlgebra.Mkl;

/// <summary>
/// A wrong MKL threading layer does not throw, it kills the process (<c>undefined symbol: omp_get_num_procs</c>), so
/// these checks run <c>optsuite info --json</c> in a child process: loading MKL there runs the self-check, including a
/// dgemm big enough to start MKL's OpenMP threads. Each child gets its own environment; the test process is untouched.
/// </summary>
public class MklThreadingProcessTests
{
    [MklFact]
    public void GnuLayerIsChosenEvenWhenTheEnvironmentAsksForIntelOpenMp()
    {
        // MKL_THREADING_LAYER=INTEL would select the absent libiomp5; the explicit MKL_Set_Threading_Layer call wins.
        var (code, stdout, stderr) = RunInfo(("MKL_THREADING_LAYER", "INTEL"));
        Assert.True(code == 0, $"exit {code}; stderr: {stderr}");
        var info = JsonDocument.Parse(stdout).RootElement;
        Assert.True(info.GetProperty("mkl_available").GetBoolean(), stdout);
        Assert.Contains("threading GNU", info.GetProperty("mkl_status").GetString());
        Assert.Equal("mkl", info.GetProperty("backend").GetString());
    }

    [MklFact]
    public void SequentialLayerCanBeRequested()
    {
        var (code, stdout, stderr) = RunInfo(("OPTSUITE_MKL_THREADING", "sequential"), ("OPTSUITE_BACKEND", "mkl"));
        Assert.True(code == 0, $"exit {code}; stderr: {stderr}");
        var info = JsonDocument.Parse(stdout).RootElement;
        Assert.Contains("threading SEQUENTIAL", info.GetProperty("mkl_status").GetString());
        Assert.Contains("1 thread)", info.GetProperty("backend_description").GetString());
    }

    [MklFact]
    public void MissingGnuOpenMpFallsBackToSequentialInsteadOfDying()
    {
        var (code, stdout, stderr) = RunInfo(("OPTSUITE_MKL_GOMP", "/nonexistent/libgomp.so.1"), ("MKL_THREADING_LAYER", "GNU"));
        Assert.True(code == 0, $"exit {code}; stderr: {stderr}");
        var info = JsonDocument.Parse(stdout).RootElement;
        string status = info.GetProperty("mkl_status").GetString()!;
        Assert.Contains("threading SEQUENTIAL", status);
        Assert.Contains("/nonexistent/libgomp.so.1 could not be loaded", status);
        Assert.Contains("fell back to sequential", status);
    }

    /// <summary>
    /// libgomp's default spins ~3 ms at every join (GOMP_SPINCOUNT 300000); with one core busy that made an a9a fit
    /// 8× slower (issue 14, item 17). OptSuite's default is the passive policy, as libgomp itself reports it
    /// (OMP_DISPLAY_ENV=verbose prints the spin count it derived: 0 for passive, 300000 for its default); a policy or
    /// spin count the user set is left alone.
    /// </summary>
    [MklFact]
    public void GnuOpenMpWaitsPassivelyUnlessTheUserChoseAPolicy()
    {
        var (code, stdout, stderr) = RunInfo(("OMP_DISPLAY_ENV", "verbose"));
        Assert.True(code == 0, $"exit {code}; stderr: {stderr}");
        var info = JsonDocument.Parse(stdout).RootElement;
        Assert.StartsWith("PASSIVE (set by OptSuite", info.GetProperty("omp_wait_policy").GetString());
        Assert.Contains("GOMP_SPINCOUNT = '0'", stderr);

        (code, stdout, stderr) = RunInfo(("OMP_DISPLAY_ENV", "verbose"), ("OMP_WAIT_POLICY", "active"));
        Assert.True(code == 0, $"exit {code}; stderr: {stderr}");
        Assert.Equal("ACTIVE (OMP_WAIT_POLICY from the environment)", JsonDocument.Parse(stdout).RootElement.GetProperty("omp_wait_policy").GetString());
        Assert.Contains("OMP_WAIT_POLICY = 'ACTIVE'", stderr);

        (code, stdout, stderr) = RunInfo(("OMP_DISPLAY_ENV", "verbose"), ("GOMP_SPINCOUNT", "300000"));
        Assert.True(code == 0, $"exit {code}; stderr: {stderr}");
        Assert.Equal("GOMP_SPINCOUNT=300000 (from the environment)", JsonDocument.Parse(stdout).RootElement.GetProperty("omp_wait_policy").GetString());
        Assert.Contains("GOMP_SPINCOUNT = '300000'", stderr);

        (code, stdout, stderr) = RunInfo(("OPTSUITE_MKL_THREADING", "sequential"));
        Assert.True(code == 0, $"exit {code}; stderr: {stderr}");
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(stdout).RootElement.GetProperty("omp_wait_policy").ValueKind);
    }

    /// <summary>The policy is in the C environment only while libgomp loads: this process, once MKL is loaded, sees the
    /// environment it started with, so its child processes inherit the user's settings unchanged.</summary>
    [MklFact]
    public void LoadingMklLeavesTheCEnvironmentAsItFoundIt()
    {
        _ = LinearAlgebraBackends.Mkl;
        Assert.True(Libc.TryOpen(out var libc, out string error), error);
        Assert.Equal(Environment.GetEnvironmentVariable("OMP_WAIT_POLICY"), libc.GetEnvironment("OMP_WAIT_POLICY"));
    }

    [Fact]
    public void RequestingMklWhileDisabledFailsWithTheReason()
    {
        var (code, stdout, stderr) = RunInfo(("OPTSUITE_DISABLE_MKL", "1"), ("OPTSUITE_BACKEND", "mkl"));
        Assert.NotEqual(0, code);
        Assert.Contains("disabled by OPTSUITE_DISABLE_MKL=1", stderr + stdout);
        Assert.Contains("MKL backend was requested (OPTSUITE_BACKEND)", stderr + stdout);
    }

    [Fact]
    public void AutoWithoutMklFallsBackToManaged()
    {
        var (code, stdout, stderr) = RunInfo(("OPTSUITE_DISABLE_MKL", "1"));
        Assert.True(code == 0, $"exit {code}; stderr: {stderr}");
        var info = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("managed", info.GetProperty("backend").GetString());
        Assert.Contains("OPTSUITE_DISABLE_MKL", info.GetProperty("backend_reason").GetString());
    }

    private static (int Code, string Stdout, string Stderr) RunInfo(params (string Key, string Value)[] environment) =>
        CliProcess.Run(new[] { "info", "--json" }, environment.Select(e => (e.Key, (string?)e.Value)));
}
