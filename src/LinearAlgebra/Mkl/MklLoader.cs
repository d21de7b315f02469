using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace OptSuite.LinearAlgebra.Mkl;

/// <summary>
/// Loads libmkl_rt and fixes its interface and threading layers before any computational MKL call.
/// </summary>
/// <remarks>
/// libmkl_rt picks its threading library on the first computational call. The default is Intel OpenMP (libiomp5),
/// which Debian does not ship; libmkl_gnu_thread.so has no DT_NEEDED entry for libgomp either. In both cases the
/// dynamic linker fails a lazy symbol lookup (<c>undefined symbol: omp_get_num_procs</c>) and terminates the process —
/// no exception, nothing to catch. So: load libgomp.so.1 with RTLD_NOW | RTLD_GLOBAL first (NativeLibrary.Load uses
/// RTLD_LOCAL, which does not help), then call MKL_Set_Threading_Layer(GNU); if libgomp cannot be loaded, select
/// SEQUENTIAL. The explicit call overrides a MKL_THREADING_LAYER environment variable, so a stray
/// MKL_THREADING_LAYER=INTEL cannot kill the process either.
/// <para>libgomp reads its wait policy once, in its constructor. Its default spins about 3 ms (300 000 iterations) at
/// every join before sleeping; with MKL's default of one thread per core and one core busy with another process, each
/// join then waits for a descheduled thread while the spinner burns the time slice it needs: an a9a L2-logistic fit took
/// 4.5–5.3 s instead of 0.5–0.7 s. So unless the user set <c>OMP_WAIT_POLICY</c> or <c>GOMP_SPINCOUNT</c>, OptSuite
/// sets <c>OMP_WAIT_POLICY=PASSIVE</c> in the C environment (libc setenv: libgomp calls getenv, which
/// <see cref="Environment.SetEnvironmentVariable(string, string)"/> does not reach) just for the dlopen of libgomp, and
/// removes it again, so child processes inherit the user's environment unchanged
/// (benchmarks/results/threading-busy-core.md has the measurements).</para>
/// </remarks>
internal static unsafe class MklLoader
{
    private static readonly string[] s_mklNames = [MklNative.Library, "libmkl_rt.so.2", "libmkl_rt.so.1"];
    private static IntPtr s_mklHandle;
    private static int s_resolverInstalled;

    /// <summary>What <see cref="TryLoad"/> established.</summary>
    public readonly record struct LoadResult(string LibraryName, string Version, MklThreadingLayer Layer, string LayerNote,
        string Reproducibility, string? WaitPolicy);

    /// <summary>The wait policy OptSuite gives libgomp when the environment names none.</summary>
    public const string DefaultWaitPolicy = "PASSIVE";

    /// <summary>
    /// Loads MKL and sets LP64 and the threading layer (<c>OPTSUITE_MKL_THREADING</c> = gnu (default) or sequential;
    /// <c>OPTSUITE_MKL_GOMP</c> names the GNU OpenMP runtime when it is not libgomp.so.1 on the loader's path).
    /// Returns false with a reason when MKL is absent or a safe layer cannot be guaranteed; never calls a computational
    /// routine in that case.
    /// </summary>
    public static bool TryLoad(Func<string, string?> environment, out LoadResult result, out string reason)
    {
        result = default;
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64)
        {
            reason = $"the MKL binding supports Linux x64 only (this is {RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture})";
            return false;
        }

        string? wanted = environment("OPTSUITE_MKL_THREADING")?.Trim().ToLowerInvariant();
        bool wantGnu;
        if (string.IsNullOrEmpty(wanted) || wanted == "gnu") wantGnu = true;
        else if (wanted == "sequential") wantGnu = false;
        else
        {
            reason = $"OPTSUITE_MKL_THREADING must be 'gnu' or 'sequential' (Intel OpenMP is not installed); found '{wanted}'";
            return false;
        }

        string? name = null;
        foreach (string candidate in s_mklNames)
        {
            if (NativeLibrary.TryLoad(candidate, out s_mklHandle)) { name = candidate; break; }
        }
        if (name is null)
        {
            reason = "libmkl_rt.so not found (install it with scripts/install-mkl.sh)";
            return false;
        }
        if (Interlocked.Exchange(ref s_resolverInstalled, 1) == 0)
            NativeLibrary.SetDllImportResolver(typeof(MklLoader).Assembly, Resolve);

        try
        {
            // The interface layer must be set before any other call; LP64 matches our int32 indices.
            int iface = MklNative.SetInterfaceLayer(MklNative.InterfaceLp64);
            if (iface != MklNative.InterfaceLp64)
            {
                reason = $"{name}: the interface layer is {iface}, not LP64 (set elsewhere in the process)";
                return false;
            }

            string note;
            int requested;
            bool gompLoaded = false;
            string? waitPolicy = null;
            if (wantGnu)
            {
                string gomp = environment("OPTSUITE_MKL_GOMP") is { Length: > 0 } path ? path : "libgomp.so.1";
                gompLoaded = TryLoadGnuOpenMp(gomp, out waitPolicy, out string gompError);
                requested = gompLoaded ? MklNative.ThreadingGnu : MklNative.ThreadingSequential;
                note = gompLoaded ? $"{gomp} loaded RTLD_GLOBAL"
                    : $"{gomp} could not be loaded ({gompError}); fell back to sequential";
            }
            else
            {
                requested = MklNative.ThreadingSequential;
                note = "sequential requested by OPTSUITE_MKL_THREADING";
            }

            int layer = MklNative.SetThreadingLayer(requested);
            // Another component may have fixed the layer already; carry on only with a layer that cannot kill us.
            bool safe = layer == MklNative.ThreadingSequential || (layer == MklNative.ThreadingGnu && gompLoaded);
            if (!safe)
            {
                reason = $"{name}: MKL's threading layer is already {LayerName(layer)} (set elsewhere in the process); " +
                         "refusing to call MKL because that layer needs a library that is not loaded";
                return false;
            }

            result = new LoadResult(name, VersionString(),
                layer == MklNative.ThreadingGnu ? MklThreadingLayer.Gnu : MklThreadingLayer.Sequential, note,
                SetReproducibility(environment), layer == MklNative.ThreadingGnu ? waitPolicy : null);
            reason = "";
            return true;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException or BadImageFormatException)
        {
            reason = $"{name} lacks an expected entry point ({e.Message})";
            return false;
        }
    }

    /// <summary>
    /// Without conditional numerical reproducibility MKL's kernels pick code paths by the arrays' memory alignment, so
    /// the same solve repeated in one process differed in the last bits (gradient solvers: up to 2e-11 relative after
    /// 400 iterations; measured on heart with L-BFGS, FISTA, ISTA). MKL_CBWR_AUTO | MKL_CBWR_STRICT fixes the code path
    /// for this CPU and makes results independent of alignment; it must be set before the first computational call.
    /// A MKL_CBWR environment variable set by the user is left to MKL.
    /// </summary>
    private static string SetReproducibility(Func<string, string?> environment)
    {
        if (environment("MKL_CBWR") is { Length: > 0 } user) return $"MKL_CBWR={user} (from the environment)";
        // MKL_CBWR_Set / MKL_CBWR_Get are the C entry points; the lower-case names in libmkl_rt are the Fortran
        // interface (arguments by reference) and crash when given a value.
        const int strict = MklNative.CbwrAuto | MklNative.CbwrStrict;
        if (MklNative.CbwrSet(strict) == MklNative.CbwrSuccess && MklNative.CbwrGet(MklNative.CbwrAll) == strict) return "CNR AUTO,STRICT";
        if (MklNative.CbwrSet(MklNative.CbwrAuto) == MklNative.CbwrSuccess) return "CNR AUTO";
        return "CNR unavailable (results may depend on memory alignment)";
    }

    /// <summary>Follows <see cref="LinearAlgebraSettings.MaxThreads"/> (MKL's own thread count, global to the process).</summary>
    public static void SetThreads(int threads) => MklNative.SetNumThreads(threads);

    public static string LayerName(int layer) => layer switch
    {
        MklNative.ThreadingIntel => "INTEL",
        MklNative.ThreadingSequential => "SEQUENTIAL",
        MklNative.ThreadingPgi => "PGI",
        MklNative.ThreadingGnu => "GNU",
        MklNative.ThreadingTbb => "TBB",
        _ => $"layer {layer}",
    };

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == MklNative.Library ? s_mklHandle : IntPtr.Zero;

    private static string VersionString()
    {
        byte* buffer = stackalloc byte[256];
        new Span<byte>(buffer, 256).Clear();
        MklNative.GetVersionString(buffer, 256);
        string text = Encoding.ASCII.GetString(buffer, 255).TrimEnd('\0', ' ');
        // "Intel(R) Math Kernel Library Version 2020.0.4 Product Build 20200917 for Intel(R) 64 ..."
        int at = text.IndexOf("Version ", StringComparison.Ordinal);
        if (at < 0) return text;
        int end = text.IndexOf(" for ", at, StringComparison.Ordinal);
        return end < 0 ? text[(at + 8)..] : text[(at + 8)..end];
    }

    /// <summary>
    /// Loads the GNU OpenMP runtime RTLD_GLOBAL, with OptSuite's wait policy in the C environment during the load unless
    /// the user chose one (<c>OMP_WAIT_POLICY</c> or <c>GOMP_SPINCOUNT</c>) or the runtime was loaded already.
    /// <paramref name="waitPolicy"/> says which, e.g. "PASSIVE (set by OptSuite)".
    /// </summary>
    private static bool TryLoadGnuOpenMp(string library, out string waitPolicy, out string error)
    {
        waitPolicy = "";
        if (!Libc.TryOpen(out Libc libc, out error)) return false;
        if (libc.IsLoaded(library))
        {
            waitPolicy = "unknown (libgomp was loaded before MKL; it read its environment then)";
            return libc.TryLoadGlobal(library, out error);
        }
        if (libc.GetEnvironment("OMP_WAIT_POLICY") is { } policy)
            waitPolicy = $"{policy.Trim().ToUpperInvariant()} (OMP_WAIT_POLICY from the environment)";
        else if (libc.GetEnvironment("GOMP_SPINCOUNT") is { } spin)
            waitPolicy = $"GOMP_SPINCOUNT={spin.Trim()} (from the environment)";
        if (waitPolicy.Length > 0) return libc.TryLoadGlobal(library, out error);

        // Set only around the load: libgomp's constructor reads it there, and the process environment is left as found.
        // (setenv is not thread-safe against a concurrent getenv; this runs once, under the backend's lazy lock.)
        libc.SetEnvironment("OMP_WAIT_POLICY", DefaultWaitPolicy);
        try
        {
            waitPolicy = $"{DefaultWaitPolicy} (set by OptSuite; OMP_WAIT_POLICY or GOMP_SPINCOUNT override it)";
            return libc.TryLoadGlobal(library, out error);
        }
        finally
        {
            libc.UnsetEnvironment("OMP_WAIT_POLICY");
        }
    }
}
