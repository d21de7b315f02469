namespace OptSuite.LinearAlgebra;

/// <summary>
/// Finds, selects and reports the linear-algebra backends. New matrices use <see cref="ForNewMatrix(long, long, long)"/> (the
/// <see cref="Default"/>, except that under the auto preference a small matrix is managed) unless given a backend
/// explicitly; a matrix keeps its backend for life.
/// </summary>
public static class LinearAlgebraBackends
{
    private static readonly object s_lock = new();
    private static ILinearAlgebraBackend? s_default;
    private static bool s_auto;
    private static string s_reason = "";
    private static readonly Lazy<(ILinearAlgebraBackend? Backend, string Reason)> s_mkl = new(LoadMkl);

    /// <summary>The managed backend (always available).</summary>
    public static ILinearAlgebraBackend Managed => ManagedBackend.Instance;

    /// <summary>Whether MKL loaded and passed its self-check. Loading is attempted once, on first use.</summary>
    public static bool IsMklAvailable => s_mkl.Value.Backend is not null;

    /// <summary>Why MKL is or is not available (library path and layers, or the load error).</summary>
    public static string MklStatus => s_mkl.Value.Reason;

    /// <summary>The MKL backend, or an <see cref="InvalidOperationException"/> saying why it cannot be loaded.</summary>
    public static ILinearAlgebraBackend Mkl =>
        s_mkl.Value.Backend ?? throw new InvalidOperationException($"The MKL backend is not available: {s_mkl.Value.Reason}");

    /// <summary>The MKL backend when available.</summary>
    public static bool TryGetMkl(out ILinearAlgebraBackend? backend)
    {
        backend = s_mkl.Value.Backend;
        return backend is not null;
    }

    /// <summary>
    /// The backend new matrices use. On first use it follows <c>OPTSUITE_BACKEND</c> (auto, managed or mkl; default
    /// auto). Setting it affects matrices built afterwards only.
    /// </summary>
    public static ILinearAlgebraBackend Default
    {
        get
        {
            if (s_default is not null) return s_default;
            lock (s_lock)
            {
                if (s_default is null) Select(ParsePreference(Environment.GetEnvironmentVariable("OPTSUITE_BACKEND")), "OPTSUITE_BACKEND");
                return s_default!;
            }
        }
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            lock (s_lock)
            {
                s_default = value;
                s_auto = false;
                s_reason = "set by the application";
            }
        }
    }

    /// <summary>Stored entries from which a matrix is large enough for MKL under the auto preference: twice the
    /// managed kernels' least work per thread (2¹⁷), where either backend starts using a second thread.</summary>
    public const long SmallMatrixEntries = 2 * OptSuite.LinearAlgebra.Managed.ParallelWorkers.MinWorkPerPart;

    /// <summary>Work (≈ flops) of the matrix's largest routine product, stored entries × min(rows, columns, stored entries) — a Gram
    /// matrix or a Cholesky factor — from which MKL is worth loading under the auto preference (2²⁴).</summary>
    public const long SmallMatrixWork = 1L << 24;

    /// <summary>
    /// The backend a new <paramref name="rows"/> × <paramref name="columns"/> matrix with
    /// <paramref name="storedEntries"/> stored entries uses when none is given: <see cref="Default"/>, except that under
    /// the auto preference (<c>OPTSUITE_BACKEND</c> unset or auto, and <see cref="Default"/> not set by the application) a
    /// small matrix — fewer than <see cref="SmallMatrixEntries"/> stored entries and less than
    /// <see cref="SmallMatrixWork"/> for its Gram product — uses the managed backend without loading MKL. On such a
    /// matrix every product runs on one thread either way and takes microseconds, while binding libmkl_rt and its
    /// self-check cost a short <c>optsuite fit</c> about 35 ms of its start-up (benchmarks/results/cold-start.md).
    /// </summary>
    /// <param name="rows">The matrix's rows.</param>
    /// <param name="columns">The matrix's columns.</param>
    /// <param name="storedEntries">Its stored entries (rows × columns when dense, the non-zeros when sparse).</param>
    public static ILinearAlgebraBackend ForNewMatrix(long rows, long columns, long storedEntries) =>
        ForNewMatrix(rows, columns, storedEntries, IsAuto, () => Default);

    /// <summary><see cref="ForNewMatrix(long, long, long)"/> given whether the preference is auto and how to get the
    /// default (asked for only when the matrix is not small, so a small one never loads MKL).</summary>
    internal static ILinearAlgebraBackend ForNewMatrix(long rows, long columns, long storedEntries, bool auto, Func<ILinearAlgebraBackend> defaultBackend)
    {
        if (auto && IsSmall(rows, columns, storedEntries)) return Managed;
        return defaultBackend();
    }

    /// <summary>Whether a matrix is below both of the auto preference's limits (<see cref="SmallMatrixEntries"/>,
    /// <see cref="SmallMatrixWork"/>).</summary>
    internal static bool IsSmall(long rows, long columns, long storedEntries) =>
        storedEntries < SmallMatrixEntries && storedEntries * Math.Max(1, Math.Min(Math.Min(rows, columns), storedEntries)) < SmallMatrixWork;

    /// <summary>Whether new matrices follow the auto preference: the default was (or, not chosen yet, will be) chosen by
    /// auto from <c>OPTSUITE_BACKEND</c> or <see cref="Select(BackendPreference)"/>, not set by the application.</summary>
    private static bool IsAuto
    {
        get
        {
            if (s_default is not null) return s_auto;
            BackendPreference preference;
            try
            {
                preference = ParsePreference(Environment.GetEnvironmentVariable("OPTSUITE_BACKEND"));
            }
            catch (ArgumentException)
            {
                return false;   // Default reports the bad value when asked.
            }
            return preference == BackendPreference.Auto;
        }
    }

    /// <summary>Why <see cref="Default"/> is what it is, e.g. "auto: MKL loaded (...)" or "auto: MKL unavailable: ...".</summary>
    public static string DefaultReason
    {
        get
        {
            _ = Default;
            return s_reason;
        }
    }

    /// <summary>Selects the default backend by preference; <see cref="BackendPreference.Mkl"/> throws when MKL cannot load.</summary>
    public static ILinearAlgebraBackend Select(BackendPreference preference) => Select(preference, "requested");

    private static ILinearAlgebraBackend Select(BackendPreference preference, string source)
    {
        lock (s_lock)
        {
            var chosen = Choose(preference, source, () => s_mkl.Value, out string reason);
            s_reason = reason;
            s_default = chosen;
            s_auto = preference == BackendPreference.Auto;
            return chosen;
        }
    }

    /// <summary>
    /// The backend for a preference given the outcome of loading MKL, which <paramref name="loadMkl"/> gives and only
    /// auto and mkl ask for: managed never loads MKL (binding libmkl_rt and its self-check cost a short
    /// <c>optsuite fit</c> about a third of its wall time). <see cref="BackendPreference.Mkl"/> without MKL is an
    /// <see cref="InvalidOperationException"/> naming where the request came from and why MKL is missing.
    /// </summary>
    internal static ILinearAlgebraBackend Choose(BackendPreference preference, string source,
        Func<(ILinearAlgebraBackend? Backend, string Reason)> loadMkl, out string reason)
    {
        if (preference == BackendPreference.Managed)
        {
            reason = $"managed ({source})";
            return Managed;
        }
        var mkl = loadMkl();
        switch (preference)
        {
            case BackendPreference.Mkl:
                if (mkl.Backend is null)
                    throw new InvalidOperationException(
                        $"The MKL backend was requested ({source}) but is not available: {mkl.Reason}. " +
                        "Use auto or managed to run without MKL.");
                reason = $"mkl ({source}): {mkl.Reason}";
                return mkl.Backend;
            case BackendPreference.Auto:
                if (mkl.Backend is not null)
                {
                    reason = $"auto: MKL loaded ({mkl.Reason}); small matrices (under {SmallMatrixEntries} stored entries) use managed";
                    return mkl.Backend;
                }
                reason = $"auto: MKL unavailable ({mkl.Reason}); using managed";
                return Managed;
            default:
                throw new ArgumentOutOfRangeException(nameof(preference), preference, "Unknown backend preference.");
        }
    }

    /// <summary>Parses auto, managed or mkl (case-insensitive; empty means auto).</summary>
    public static BackendPreference ParsePreference(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return BackendPreference.Auto;
        return text.Trim().ToLowerInvariant() switch
        {
            "auto" => BackendPreference.Auto,
            "managed" => BackendPreference.Managed,
            "mkl" => BackendPreference.Mkl,
            _ => throw new ArgumentException(
                $"Unknown backend '{text}': expected auto, managed or mkl (OPTSUITE_BACKEND).", nameof(text)),
        };
    }

    private static (ILinearAlgebraBackend?, string) LoadMkl() => LoadMkl(Environment.GetEnvironmentVariable);

    /// <summary>One load attempt under the given environment (tests pass their own lookup instead of mutating the process's).</summary>
    internal static (ILinearAlgebraBackend? Backend, string Reason) LoadMkl(Func<string, string?> environment)
    {
        if (string.Equals(environment("OPTSUITE_DISABLE_MKL"), "1", StringComparison.Ordinal))
            return (null, "disabled by OPTSUITE_DISABLE_MKL=1");
        try
        {
            return OptSuite.LinearAlgebra.Mkl.MklBackend.TryCreate(environment, out var backend, out string reason)
                ? (backend, reason) : (null, reason);
        }
        catch (Exception e)
        {
            // MKL is an accelerator: whatever goes wrong while loading it, auto must still fall back to managed.
            return (null, $"loading MKL failed: {e.GetType().Name}: {e.Message}");
        }
    }
}
