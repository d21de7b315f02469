using System.Globalization;
using System.Text;

namespace OptSuite.Data;

/// <summary>Error reporting for <see cref="SvmlightChunkParser"/>: classify the bad token, point at it, quote it.</summary>
internal static unsafe partial class SvmlightChunkParser
{
    /// <summary>The problem text for a comma in a label when single labels were asked for (the CLI keys on it).</summary>
    internal const string MultiLabelProblem = "multi-label line (comma-separated labels); read it with SvmlightReader.ReadMultiLabel";

    private const int MaxQuoted = 200;

    internal static SvmlightSyntaxException Error(byte* token, byte* lineStart, long line, string problem) =>
        new(line, token - lineStart + 1, problem, TokenText(token));

    private static string TokenText(byte* token)
    {
        byte* e = token;
        while (!IsSeparator(*e) && e - token < MaxQuoted) e++;
        return Encoding.UTF8.GetString(token, (int)(e - token));
    }

    internal static string LineText(byte* lineStart)
    {
        byte* e = lineStart;
        while (*e != '\n' && e - lineStart < MaxQuoted) e++;
        while (e > lineStart && e[-1] == '\r') e--;
        return Encoding.UTF8.GetString(lineStart, (int)(e - lineStart));
    }

    private static SvmlightSyntaxException LabelError(byte* token, byte* lineStart, long line)
    {
        string text = TokenText(token);
        string problem;
        if (text.Contains(':')) problem = "the line does not start with a label (expected 'label index:value ...')";
        else if (text.Contains(',')) problem = MultiLabelProblem;
        else if (IsNonFinite(text)) problem = "the label is not a finite number (NaN and infinities are not allowed)";
        else problem = "the label is not a number";
        return new SvmlightSyntaxException(line, token - lineStart + 1, problem, text);
    }

    private static SvmlightSyntaxException FeatureError(byte* token, byte* stop, byte* lineStart, long line)
    {
        string text = TokenText(token);
        string problem;
        if (text.StartsWith("qid:", StringComparison.Ordinal)) problem = "qid: must come right after the label";
        else if (token[0] == '-' && (uint)(token[1] - '0') <= 9) problem = "negative feature index";
        else if (stop == token) problem = "malformed feature; expected index:value";
        else if (IsSeparator(*stop)) problem = "missing ':' in feature; expected index:value";
        else problem = "the feature index is not a non-negative integer";
        return new SvmlightSyntaxException(line, token - lineStart + 1, problem, text);
    }

    private static SvmlightSyntaxException OrderError(byte* token, byte* lineStart, long line, long index, long previous) =>
        Error(token, lineStart, line, index == previous
            ? $"duplicate feature index {index} on one line"
            : $"feature indices must increase along a line; {index} follows {previous}");

    private static SvmlightSyntaxException ValueError(byte* token, byte* lineStart, long line)
    {
        string text = TokenText(token);
        string value = text[(text.IndexOf(':') + 1)..];
        string problem = value.Length == 0 ? "missing value after ':'"
            : IsNonFinite(value) ? "the feature value is not a finite number (NaN and infinities are not allowed)"
            : "the feature value is not a number";
        return new SvmlightSyntaxException(line, token - lineStart + 1, problem, text);
    }

    private static bool IsNonFinite(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && !double.IsFinite(v)
        || text.TrimStart('+', '-').StartsWith("inf", StringComparison.OrdinalIgnoreCase);

    private static SvmlightSyntaxException RangeError(byte* lineStart, long line, long limit, in SvmlightParseSettings s)
    {
        bool zeroBased = s.IndexBase == SvmlightIndexBase.ZeroBased;
        string what = s.FeatureCount is null ? "feature index too large" : "feature index out of range";
        return Error(FindIndexAbove(lineStart, limit), lineStart, line, $"{what}: {s.LimitDescription(zeroBased)}");
    }

    private static SvmlightSyntaxException EdgeError(byte* lineStart, long line, long limit, in SvmlightParseSettings s) =>
        Error(FindIndexAbove(lineStart, limit - 1), lineStart, line,
            $"feature index out of range for this zero-based file (it has an index 0): {s.LimitDescription(true)}");

    /// <summary>The first feature token of the line whose index exceeds <paramref name="limit"/>.</summary>
    private static byte* FindIndexAbove(byte* lineStart, long limit)
    {
        byte* p = lineStart;
        bool label = true;
        while (*p != '\n' && *p != '#')
        {
            while (*p == ' ' || *p == '\t' || *p == '\r') p++;
            byte* token = p;
            ulong raw = 0;
            uint d;
            while ((d = (uint)(*p - '0')) <= 9)
            {
                raw = raw < IndexCap ? raw * 10 + d : raw;
                p++;
            }
            if (!label && *p == ':' && p != token && (long)raw > limit) return token;
            label = false;
            while (!IsSeparator(*p)) p++;
        }
        return lineStart;
    }
}
