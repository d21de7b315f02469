namespace OptSuite.Data;

/// <summary>Options for <see cref="SvmlightWriter"/>.</summary>
public sealed record SvmlightWriterOptions
{
    /// <summary>The defaults: one-based indices, no comment.</summary>
    public static SvmlightWriterOptions Default { get; } = new();

    /// <summary>Write column j as index j (zero-based) instead of j + 1 (LIBSVM's one-based default).</summary>
    public bool ZeroBased { get; init; }

    /// <summary>Text written first as '#' comment lines (one per line of the text), or null.</summary>
    public string? Comment { get; init; }
}
