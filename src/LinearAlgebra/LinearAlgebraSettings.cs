using System.Globalization;

namespace OptSuite.LinearAlgebra;

/// <summary>Process-wide settings of the linear-algebra layer.</summary>
/// <remarks>
/// Thread counts are clamped to <see cref="AvailableProcessors"/>: more kernel threads than logical processors only
/// adds fork/join waits (MKL with 10⁴ threads ran 140× slower, and 10⁵ overflowed a stack and killed the process).
/// A count below 1 is an error.
/// </remarks>
public static class LinearAlgebraSettings
{
    /// <summary>The environment variable that sets the default of <see cref="MaxThreads"/>.</summary>
    public const string ThreadsVariable = "OPTSUITE_THREADS";

    private static int s_maxThreads;   // 0 until read from the environment or set

    /// <summary>
    /// Logical processors this process may run on (<see cref="Environment.ProcessorCount"/>: affinity and container CPU
    /// limits applied); the most threads a kernel is given.
    /// </summary>
    public static int AvailableProcessors => Environment.ProcessorCount;

    /// <summary>
    /// Threads a single kernel may use (managed backend, and MKL's own thread count). Defaults to the
    /// <c>OPTSUITE_THREADS</c> environment variable, else <see cref="AvailableProcessors"/>; a larger value (set or from
    /// the environment) is clamped to <see cref="AvailableProcessors"/>.
    /// </summary>
    /// <remarks>
    /// Managed kernels split work into this many fixed parts, so for a given thread count the floating-point
    /// summation order, and hence every result, is the same on every run; it may differ between thread counts.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value below 1.</exception>
    /// <exception cref="InvalidOperationException">Read while <c>OPTSUITE_THREADS</c> holds something other than a
    /// positive whole number (and no value has been set).</exception>
    /// <seealso cref="Threads"/>
    /// <seealso cref="UseThreads"/>
    public static int MaxThreads
    {
        get
        {
            int threads = Volatile.Read(ref s_maxThreads);
            return threads > 0 ? threads : InitialiseFromEnvironment();
        }
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(MaxThreads));
            int threads = Clamp(value);
            Volatile.Write(ref s_maxThreads, threads);
            ThreadsChanged?.Invoke(threads);
        }
    }

    private static readonly AsyncLocal<int> s_scoped = new();

    /// <summary>
    /// Threads the kernels called from here may use: the innermost <see cref="UseThreads"/> scope of this call flow
    /// (it flows into tasks and <c>Parallel</c> bodies started inside it), else <see cref="MaxThreads"/>.
    /// </summary>
    public static int Threads => s_scoped.Value is > 0 and var scoped ? scoped : MaxThreads;

    /// <summary>
    /// Limits the kernels called from this call flow to <paramref name="threads"/> threads (at most
    /// <see cref="AvailableProcessors"/>) until the scope is disposed, without touching <see cref="MaxThreads"/>:
    /// concurrent fits with different thread counts do not see each other's setting. Scopes nest; disposing restores
    /// the enclosing one. Models' <c>Threads</c> property uses this.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is below 1.</exception>
    public static ThreadScope UseThreads(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1, nameof(threads));
        int previous = s_scoped.Value;
        s_scoped.Value = Clamp(threads);
        return new ThreadScope(previous);
    }

    /// <summary>A <see cref="UseThreads"/> scope; dispose it (a <c>using</c> declaration) to end it.</summary>
    public readonly struct ThreadScope : IDisposable
    {
        private readonly int _previous;
        internal ThreadScope(int previous) => _previous = previous;

        /// <summary>Restores the thread limit that held before the scope began.</summary>
        public void Dispose() => s_scoped.Value = _previous;
    }

    /// <summary>
    /// Reads a thread count written by a user (an option or <c>OPTSUITE_THREADS</c>): a positive whole number in
    /// ASCII digits, surrounding white space allowed, no sign, group separator or exponent. A number too large for an
    /// <see cref="int"/> reads as <see cref="int.MaxValue"/> (it is clamped like any other large count).
    /// </summary>
    /// <returns>False, with <paramref name="threads"/> 0, for anything else (empty, 0, negative, "abc", "2.5").</returns>
    public static bool TryParseThreads(string? text, out int threads)
    {
        threads = 0;
        ReadOnlySpan<char> digits = text.AsSpan().Trim();
        if (digits.IsEmpty || digits.ContainsAnyExceptInRange('0', '9')) return false;
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out threads)) threads = int.MaxValue;
        if (threads >= 1) return true;
        threads = 0;
        return false;
    }

    /// <summary><paramref name="threads"/> limited to <see cref="AvailableProcessors"/>.</summary>
    private static int Clamp(int threads) => Math.Min(threads, AvailableProcessors);

    /// <summary>Raised after <see cref="MaxThreads"/> changes (backends such as MKL follow it).</summary>
    internal static event Action<int>? ThreadsChanged;

    /// <summary>
    /// The default from <c>OPTSUITE_THREADS</c>. Read on first use rather than in a static constructor, so a bad value
    /// is an exception naming the variable (every time, until <see cref="MaxThreads"/> is set), not a
    /// TypeInitializationException that disables the type.
    /// </summary>
    private static int InitialiseFromEnvironment()
    {
        string? text = Environment.GetEnvironmentVariable(ThreadsVariable);
        int threads;
        if (string.IsNullOrWhiteSpace(text)) threads = AvailableProcessors;
        else if (TryParseThreads(text, out int parsed)) threads = Clamp(parsed);
        else throw new InvalidOperationException($"{ThreadsVariable} must be a positive whole number of threads; found '{text}'.");
        Interlocked.CompareExchange(ref s_maxThreads, threads, 0);
        return Volatile.Read(ref s_maxThreads);
    }
}
