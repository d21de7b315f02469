namespace OptSuite.LinearAlgebra;

/// <summary>Process-wide settings of the linear-algebra layer.</summary>
public static class LinearAlgebraSettings
{
    private static int s_maxThreads = ReadThreadsFromEnvironment();

    /// <summary>
    /// Threads a single kernel may use (managed backend, and MKL's own thread count). Defaults to the
    /// <c>OPTSUITE_THREADS</c> environment variable, else the processor count. At least 1.
    /// </summary>
    /// <remarks>
    /// Managed kernels split work into this many fixed parts, so for a given thread count the floating-point
    /// summation order, and hence every result, is the same on every run; it may differ between thread counts.
    /// </remarks>
    /// <seealso cref="Threads"/>
    /// <seealso cref="UseThreads"/>
    public static int MaxThreads
    {
        get => s_maxThreads;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(MaxThreads));
            s_maxThreads = value;
            ThreadsChanged?.Invoke(value);
        }
    }

    private static readonly AsyncLocal<int> s_scoped = new();

    /// <summary>
    /// Threads the kernels called from here may use: the innermost <see cref="UseThreads"/> scope of this call flow
    /// (it flows into tasks and <c>Parallel</c> bodies started inside it), else <see cref="MaxThreads"/>.
    /// </summary>
    public static int Threads => s_scoped.Value is > 0 and var scoped ? scoped : s_maxThreads;

    /// <summary>
    /// Limits the kernels called from this call flow to <paramref name="threads"/> threads until the scope is disposed,
    /// without touching <see cref="MaxThreads"/>: concurrent fits with different thread counts do not see each other's
    /// setting. Scopes nest; disposing restores the enclosing one. Models' <c>Threads</c> property uses this.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is below 1.</exception>
    public static ThreadScope UseThreads(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1, nameof(threads));
        int previous = s_scoped.Value;
        s_scoped.Value = threads;
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

    /// <summary>Raised after <see cref="MaxThreads"/> changes (backends such as MKL follow it).</summary>
    internal static event Action<int>? ThreadsChanged;

    private static int ReadThreadsFromEnvironment()
    {
        string? text = Environment.GetEnvironmentVariable("OPTSUITE_THREADS");
        if (string.IsNullOrWhiteSpace(text)) return Environment.ProcessorCount;
        if (int.TryParse(text, out int n) && n >= 1) return n;
        throw new InvalidOperationException(
            $"OPTSUITE_THREADS must be a positive integer; found '{text}'.");
    }
}
