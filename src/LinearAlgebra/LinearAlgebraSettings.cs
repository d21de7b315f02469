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
