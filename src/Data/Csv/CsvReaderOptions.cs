namespace OptSuite.Data;

/// <summary>Options for <see cref="CsvReader"/>; the defaults detect delimiter and header and take no target.</summary>
public sealed record CsvReaderOptions
{
    /// <summary>The defaults.</summary>
    public static CsvReaderOptions Default { get; } = new();

    /// <summary>',', ';', '\t' or ' ' (runs of spaces/tabs); null detects it from the first data line.</summary>
    public char? Delimiter { get; init; }

    /// <summary>Whether the first line is a header; null means "when any of its fields is not a number".</summary>
    public bool? HasHeader { get; init; }

    /// <summary>Name of the target column (needs a header). Set at most one of this and <see cref="TargetIndex"/>.</summary>
    public string? TargetName { get; init; }

    /// <summary>0-based index of the target column; negative counts from the end (−1 = last).</summary>
    public int? TargetIndex { get; init; }

    /// <summary>Skip lines whose first non-blank character is '#' (on by default).</summary>
    public bool AllowComments { get; init; } = true;
}
