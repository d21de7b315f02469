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
        var message = $"{where}: {Escape(problem)}";
        if (!string.IsNullOrEmpty(text))
            message += $" (found '{Escape(text.Length > 80 ? text[..77] + "..." : text)}')";
        return message;
    }

    /// <summary>
    /// Text from a data file made safe for a one-line message on a terminal: control characters (C0, DEL, C1) become
    /// <c>\n</c>, <c>\t</c>, <c>\r</c> or <c>\xNN</c>, and bidirectional overrides <c>\uNNNN</c>, so a file cannot
    /// split the message, move the cursor or recolour the terminal.
    /// </summary>
    internal static string Escape(string text)
    {
        int i = 0;
        while (i < text.Length && !NeedsEscape(text[i])) i++;
        if (i == text.Length) return text;
        var sb = new System.Text.StringBuilder(text.Length + 16).Append(text, 0, i);
        for (; i < text.Length; i++)
        {
            char ch = text[i];
            if (!NeedsEscape(ch)) sb.Append(ch);
            else if (ch == '\n') sb.Append("\\n");
            else if (ch == '\t') sb.Append("\\t");
            else if (ch == '\r') sb.Append("\\r");
            else if (ch <= 0xFF) sb.Append("\\x").Append(((int)ch).ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            else sb.Append("\\u").Append(((int)ch).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    private static bool NeedsEscape(char ch) => char.IsControl(ch) || ch is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
}
