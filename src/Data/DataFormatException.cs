namespace OptSuite.Data;

/// <summary>
/// Malformed input in a data file: says which file, line and column, and shows the offending text.
/// </summary>
public sealed class DataFormatException : FormatException
{
    /// <summary>Creates the exception; <paramref name="line"/> and <paramref name="column"/> are 1-based (0 when unknown).</summary>
    public DataFormatException(string? path, long line, long column, string problem, string? offendingText = null,
        Exception? inner = null)
        : base(Compose(path, line, column, problem, offendingText), inner)
    {
        FilePath = path;
        Line = line;
        Column = column;
        Problem = problem;
        OffendingText = offendingText;
    }

    /// <summary>The file (or a stream name such as "&lt;stream&gt;").</summary>
    public string? FilePath { get; }

    /// <summary>1-based line number, 0 when the problem is not tied to a line (e.g. a truncated stream).</summary>
    public long Line { get; }

    /// <summary>1-based column (character position in the line), 0 when unknown.</summary>
    public long Column { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    /// <summary>The offending text, shortened to at most 80 characters.</summary>
    public string? OffendingText { get; }

    private static string Compose(string? path, long line, long column, string problem, string? text)
    {
        var where = path ?? "<stream>";
        if (line > 0) where += $":{line}";
        if (line > 0 && column > 0) where += $":{column}";
        var message = $"{where}: {TerminalText.Escape(problem)}";
        if (!string.IsNullOrEmpty(text))
            message += $" (found '{TerminalText.Escape(text.Length > 80 ? text[..77] + "..." : text)}')";
        return message;
    }
}
