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

    [Fact]
    public void AutoGivesASmallMatrixTheManagedBackendWithoutLoadingMkl()
    {
        // abalone (4177 × 8) and a 255 × 255 Cholesky factor are small; 2¹⁷ stored entries, or a Gram product of 2²⁴, are not.
        // The default (which loads MKL) is asked for exactly when the matrix is not small or the preference is not auto.
        int asked = 0;
        bool AsksForTheDefault(long rows, long columns, long entries, bool auto)
        {
            int before = asked;
            LinearAlgebraBackends.ForNewMatrix(rows, columns, entries, auto, () => { asked++; return LinearAlgebraBackends.Managed; });
            return asked > before;
        }
        Assert.False(AsksForTheDefault(4177, 8, 4177 * 8, auto: true));
        Assert.False(AsksForTheDefault(255, 255, 255 * 255, auto: true));
        Assert.False(AsksForTheDefault(1_000_000, 1_000_000, 100, auto: true));
        Assert.True(AsksForTheDefault(256, 256, 256 * 256, auto: true));            // 2²⁴ flops for its Gram product
        Assert.True(AsksForTheDefault(20_000, 8, 160_000, auto: true));             // 2¹⁷ entries or more
        Assert.True(AsksForTheDefault(1_000_000, 1_000_000, 131_072, auto: true));
        Assert.True(AsksForTheDefault(4177, 8, 4177 * 8, auto: false));             // the application or OPTSUITE_BACKEND chose
    }

    [Fact]
    public void AMatrixBuiltWithoutABackendFollowsTheSizeRule()
    {
        var small = new DenseMatrix(3, 2, new double[6]);
        var expected = LinearAlgebraBackends.ForNewMatrix(3, 2, 6);
        Assert.Same(expected, small.Backend);
        var sparse = new CsrMatrix(2, 3, [0, 1, 2], [0, 2], [1.0, 2.0]);
        Assert.Same(LinearAlgebraBackends.ForNewMatrix(2, 3, 2), sparse.Backend);
    }

    /// <summary>
    /// The CLI under auto: a fit on abalone never binds libmkl_rt (glibc's LD_DEBUG=files lists every library the process
    /// loads), while a fit on 20,000 × 8 rows does where MKL is installed.
    /// </summary>
    [Fact]
    public void ASmallFitDoesNotLoadMklAndALargeOneDoes()
    {
        string abalone = OptSuite.Data.DatasetLocator.Find("regression/abalone_scale");
        var environment = new (string, string?)[] { ("LD_DEBUG", "files") };   // CliProcess starts it without OPTSUITE_BACKEND: auto
        var (code, _, err) = CliProcess.Run(["fit", "--model", "lasso", "--data", abalone], environment);
        Assert.True(code == 0, err);
        Assert.Contains("file=", err);   // LD_DEBUG works here
        Assert.DoesNotContain("libmkl_rt", err);
        if (MklRequirement.SkipReason() is not null) return;   // no MKL to load: the large case shows nothing
        string large = Path.Combine(Path.GetTempPath(), $"optsuite-large-{Guid.NewGuid():N}.svm");
        try
        {
            var random = new Random(1);
            using (var writer = new StreamWriter(large))
                for (int i = 0; i < 20_000; i++)
                    writer.WriteLine(FormattableString.Invariant($"{random.NextDouble()} {string.Join(' ', Enumerable.Range(1, 8).Select(j => FormattableString.Invariant($"{j}:{random.NextDouble() + 0.5}")))}"));
            (code, _, err) = CliProcess.Run(["fit", "--model", "lasso", "--data", large], environment);
            Assert.True(code == 0, err);
            Assert.Contains("libmkl_rt", err);
        }
        finally
        {
            File.Delete(large);
        }
    }
}
