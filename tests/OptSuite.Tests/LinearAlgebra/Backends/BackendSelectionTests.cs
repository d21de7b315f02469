using OptSuite.LinearAlgebra;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.LinearAlgebra.Backends;

/// <summary>
/// Backend selection without touching process-wide state: the load and the choice take their environment and MKL
/// outcome as arguments, so these tests cannot race with tests that use the real default.
/// </summary>
public class BackendSelectionTests
{
    private static Func<string, string?> Env(params (string Key, string Value)[] vars) =>
        key => vars.FirstOrDefault(v => v.Key == key).Value;

    [Fact]
    public void DisabledMklIsReportedWithTheVariable()
    {
        var (backend, reason) = LinearAlgebraBackends.LoadMkl(Env(("OPTSUITE_DISABLE_MKL", "1")));
        Assert.Null(backend);
        Assert.Equal("disabled by OPTSUITE_DISABLE_MKL=1", reason);
    }

    [Fact]
    public void AskingForMklWhenDisabledIsAClearError()
    {
        var mkl = LinearAlgebraBackends.LoadMkl(Env(("OPTSUITE_DISABLE_MKL", "1")));
        var e = Assert.Throws<InvalidOperationException>(() =>
            LinearAlgebraBackends.Choose(BackendPreference.Mkl, "OPTSUITE_BACKEND", () => mkl, out _));
        Assert.Contains("MKL backend was requested (OPTSUITE_BACKEND)", e.Message);
        Assert.Contains("disabled by OPTSUITE_DISABLE_MKL=1", e.Message);
    }

    [Fact]
    public void AutoFallsBackToManagedWithTheReason()
    {
        var mkl = LinearAlgebraBackends.LoadMkl(Env(("OPTSUITE_DISABLE_MKL", "1")));
        var chosen = LinearAlgebraBackends.Choose(BackendPreference.Auto, "OPTSUITE_BACKEND", () => mkl, out string reason);
        Assert.Same(LinearAlgebraBackends.Managed, chosen);
        Assert.Equal("auto: MKL unavailable (disabled by OPTSUITE_DISABLE_MKL=1); using managed", reason);
    }

    [Fact]
    public void ManagedIsChosenWithoutLoadingMkl()
    {
        // OPTSUITE_BACKEND=managed used to load libmkl_rt and run its self-check before choosing managed anyway.
        int loads = 0;
        var chosen = LinearAlgebraBackends.Choose(BackendPreference.Managed, "OPTSUITE_BACKEND",
            () => { loads++; return (null, "not loaded"); }, out string reason);
        Assert.Same(LinearAlgebraBackends.Managed, chosen);
        Assert.Equal("managed (OPTSUITE_BACKEND)", reason);
        Assert.Equal(0, loads);
        LinearAlgebraBackends.Choose(BackendPreference.Auto, "OPTSUITE_BACKEND", () => { loads++; return (null, "not loaded"); }, out _);
        Assert.Equal(1, loads);
    }

    [Fact]
    public void UnknownThreadingLayerIsRefusedBeforeMklIsTouched()
    {
        var (backend, reason) = LinearAlgebraBackends.LoadMkl(Env(("OPTSUITE_MKL_THREADING", "intel")));
        Assert.Null(backend);
        Assert.Contains("OPTSUITE_MKL_THREADING must be 'gnu' or 'sequential'", reason);
    }

    [MklFact]
    public void StatusNamesVersionLayerAndSelfCheck()
    {
        string status = LinearAlgebraBackends.MklStatus;
        Assert.Contains("MKL 20", status);
        Assert.Contains("LP64", status);
        Assert.Contains("self-check passed", status);
        var mkl = Assert.IsType<OptSuite.LinearAlgebra.Mkl.MklBackend>(LinearAlgebraBackends.Mkl);
        string layer = mkl.ThreadingLayer == OptSuite.LinearAlgebra.Mkl.MklThreadingLayer.Gnu ? "threading GNU" : "threading SEQUENTIAL";
        Assert.Contains(layer, status);
        Assert.Contains(mkl.ThreadingLayer == OptSuite.LinearAlgebra.Mkl.MklThreadingLayer.Gnu ? "GNU OpenMP" : "sequential", mkl.Description);
        // On this project's reference machine libgomp is installed, so the threaded layer must be the one in use.
        if (File.Exists("/usr/lib/x86_64-linux-gnu/libgomp.so.1"))
            Assert.Equal(OptSuite.LinearAlgebra.Mkl.MklThreadingLayer.Gnu, mkl.ThreadingLayer);
    }

    [Fact]
    public void PreferenceNamesParse()
    {
        Assert.Equal(BackendPreference.Auto, LinearAlgebraBackends.ParsePreference(null));
        Assert.Equal(BackendPreference.Mkl, LinearAlgebraBackends.ParsePreference(" MKL "));
        Assert.Equal(BackendPreference.Managed, LinearAlgebraBackends.ParsePreference("managed"));
        Assert.Throws<ArgumentException>(() => LinearAlgebraBackends.ParsePreference("openblas"));
    }
}
