using System.Globalization;
using System.Text;

namespace OptSuite.Data;

/// <summary>
/// Text from files, file names or data made safe for a one-line message on a terminal: control characters (C0, DEL, C1)
/// become <c>\n</c>, <c>\r</c>, <c>\t</c> or <c>\xNN</c>; line and paragraph separators and bidirectional overrides
/// become <c>\uNNNN</c>. So a message stays one line and cannot move the cursor, recolour the terminal or reorder what
/// follows. Used by <see cref="DataFormatException"/> and by the command line's error lines.
/// </summary>
public static class TerminalText
{
    /// <summary><paramref name="text"/> with every unsafe character escaped (the text itself when there is none).</summary>
    /// <param name="text">Any text.</param>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int i = 0;
        while (i < text.Length && !NeedsEscape(text[i])) i++;
        if (i == text.Length) return text;
        var sb = new StringBuilder(text.Length + 16).Append(text, 0, i);
        for (; i < text.Length; i++)
        {
            char ch = text[i];
            if (!NeedsEscape(ch)) sb.Append(ch);
            else if (ch == '\n') sb.Append("\\n");
            else if (ch == '\t') sb.Append("\\t");
            else if (ch == '\r') sb.Append("\\r");
            else if (ch <= 0xFF) sb.Append("\\x").Append(((int)ch).ToString("X2", CultureInfo.InvariantCulture));
            else sb.Append("\\u").Append(((int)ch).ToString("X4", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    private static bool NeedsEscape(char ch) =>
        char.IsControl(ch) || ch is '\u2028' or '\u2029' or >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
}
