namespace OptSuite.LinearAlgebra.Mkl;

/// <summary>
/// Intel MKL through libmkl_rt.so (LP64): CBLAS for BLAS-1/2/3, LAPACKE for Cholesky and the inspector–executor
/// sparse BLAS for CSR/CSC products. Obtained from <see cref="LinearAlgebraBackends.Mkl"/> once it has loaded, fixed
/// its threading layer (<see cref="ThreadingLayer"/>) and passed a self-check against the managed backend.
/// </summary>
/// <remarks>
/// Shapes with a zero dimension go to the managed backend: BLAS's quick return for an empty inner dimension skips
/// y = βy, and LAPACK rejects zero leading dimensions. MKL's thread count follows
/// <see cref="LinearAlgebraSettings.Threads"/> on each calling thread (mkl_set_num_threads_local, set before a call
/// when it differs from what that thread last set), so a <see cref="LinearAlgebraSettings.UseThreads"/> scope applies
/// to MKL too and concurrent fits with different thread counts do not interfere.
/// </remarks>
public sealed unsafe partial class MklBackend : ILinearAlgebraBackend
{
    private static readonly ManagedBackend s_managed = ManagedBackend.Instance;

    private MklBackend(MklLoader.LoadResult load)
    {
        LibraryName = load.LibraryName;
        Version = load.Version;
        ThreadingLayer = load.Layer;
        ThreadingNote = load.LayerNote;
        Reproducibility = load.Reproducibility;
        OpenMpWaitPolicy = load.WaitPolicy;
    }

    /// <summary>The shared library that was loaded (libmkl_rt.so).</summary>
    public string LibraryName { get; }

    /// <summary>MKL's version string, e.g. "2020.0.4 Product Build 20200917".</summary>
    public string Version { get; }

    /// <summary>The threading layer chosen at load time.</summary>
    public MklThreadingLayer ThreadingLayer { get; }

    /// <summary>How the threading layer was chosen (libgomp loaded, or why it fell back to sequential).</summary>
    public string ThreadingNote { get; }

    /// <summary>
    /// The GNU OpenMP wait policy and where it came from, e.g. "PASSIVE (set by OptSuite; ...)" (OptSuite's default,
    /// see <see cref="MklLoader"/>) or "ACTIVE (OMP_WAIT_POLICY from the environment)"; null with the sequential layer.
    /// </summary>
    public string? OpenMpWaitPolicy { get; }

    /// <summary>MKL's conditional-numerical-reproducibility setting, e.g. "CNR AUTO,STRICT".</summary>
    public string Reproducibility { get; }

    /// <summary>Threads MKL may use (1 with the sequential layer).</summary>
    public int Threads
    {
        get
        {
            if (ThreadingLayer == MklThreadingLayer.Sequential) return 1;
            FollowThreads();
            return MklNative.GetMaxThreads();
        }
    }

    [ThreadStatic] private static int t_threads;

    /// <summary>Sets this thread's MKL thread count to <see cref="LinearAlgebraSettings.Threads"/> if it differs — or to 1
    /// for a call whose <paramref name="work"/> (≈ flops) is below the managed kernels' threshold for a second part: on a
    /// 150-row matrix each OpenMP fork and join cost more than the product (a multinomial path on iris took 57 s with two
    /// threads and 2.8 s with one).</summary>
    private void FollowThreads(long work = long.MaxValue)
    {
        if (ThreadingLayer == MklThreadingLayer.Sequential) return;
        int threads = work < 2 * Managed.ParallelWorkers.MinWorkPerPart ? 1 : LinearAlgebraSettings.Threads;
        if (threads == t_threads) return;
        MklNative.SetNumThreadsLocal(threads);
        t_threads = threads;
    }

    /// <inheritdoc/>
    public BackendKind Kind => BackendKind.Mkl;

    /// <inheritdoc/>
    public string Description =>
        $"MKL {Version} ({LibraryName}, LP64, {LayerText} threading, {ThreadCountText(Threads)})";

    private static string ThreadCountText(int threads) => threads == 1 ? "1 thread" : $"{threads} threads";

    private string LayerText => ThreadingLayer == MklThreadingLayer.Gnu ? "GNU OpenMP" : "sequential";

    /// <summary>
    /// Loads MKL, fixes its layers, subscribes to thread-count changes and runs the self-check. Returns false with the
    /// reason on any failure; never throws for a missing or broken MKL.
    /// </summary>
    internal static bool TryCreate(out ILinearAlgebraBackend? backend, out string reason) =>
        TryCreate(Environment.GetEnvironmentVariable, out backend, out reason);

    internal static bool TryCreate(Func<string, string?> environment, out ILinearAlgebraBackend? backend, out string reason)
    {
        backend = null;
        if (!MklLoader.TryLoad(environment, out var load, out reason)) return false;
        var mkl = new MklBackend(load);
        try
        {
            MklLoader.SetThreads(LinearAlgebraSettings.MaxThreads);
            string? failure = MklSelfCheck.Run(mkl);
            if (failure is not null)
            {
                reason = $"MKL {mkl.Version} loaded but failed its self-check: {failure}";
                return false;
            }
        }
        catch (Exception e) when (e is InvalidOperationException or EntryPointNotFoundException)
        {
            reason = $"MKL {mkl.Version} loaded but failed its self-check: {e.Message}";
            return false;
        }
        LinearAlgebraSettings.ThreadsChanged += MklLoader.SetThreads;
        backend = mkl;
        string layer = mkl.ThreadingLayer == MklThreadingLayer.Gnu ? "GNU" : "SEQUENTIAL";
        string wait = mkl.OpenMpWaitPolicy is { } policy ? $", OpenMP wait policy {policy}" : "";
        reason = $"MKL {mkl.Version} via {mkl.LibraryName}, LP64, threading {layer} ({mkl.ThreadingNote}{wait}), " +
                 $"{ThreadCountText(mkl.Threads)}, {mkl.Reproducibility}, self-check passed";
        return true;
    }

    /// <inheritdoc/>
    public double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length == 0) return 0;
        FollowThreads(x.Length);
        fixed (double* px = x, py = y) return MklNative.Ddot(x.Length, px, 1, py, 1);
    }

    /// <inheritdoc/>
    public void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        if (x.Length == 0) return;
        FollowThreads();
        fixed (double* px = x, py = y) MklNative.Daxpy(x.Length, alpha, px, 1, py, 1);
    }

    /// <inheritdoc/>
    public double Norm2(ReadOnlySpan<double> x)
    {
        if (x.Length == 0) return 0;
        FollowThreads();
        fixed (double* px = x) return MklNative.Dnrm2(x.Length, px, 1);
    }

    /// <inheritdoc/>
    public override string ToString() => Description;
}
