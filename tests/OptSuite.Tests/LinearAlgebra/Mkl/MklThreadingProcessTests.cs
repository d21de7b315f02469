using System.Text.Json;
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
