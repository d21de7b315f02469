namespace OptSuite.Data;

/// <summary>Splits one CSV line into fields (start, length, 1-based column), honouring double quotes.</summary>
internal static class CsvLineSplitter
{
    /// <summary>A field: its unquoted text and where it starts in the line.</summary>
    internal readonly record struct Field(string Line, int Start, int Length, int Column, bool Quoted)
    {
        public ReadOnlySpan<char> Span => Line.AsSpan(Start, Length);
        public string Text => Quoted ? Line.Substring(Start, Length).Replace("\"\"", "\"") : Line.Substring(Start, Length);
    }

    public static char Detect(string line)
    {
        if (line.Contains('\t') && !line.Contains(',') && !line.Contains(';')) return '\t';
        if (line.Contains(';')) return ';';
        if (line.Contains(',')) return ',';
        return ' ';
    }

    public static void Split(string line, char delimiter, List<Field> fields, string path, long lineNo)
    {
        fields.Clear();
        int p = 0, n = line.Length;
        bool whitespace = delimiter == ' ';
        if (whitespace) { while (p < n && (line[p] == ' ' || line[p] == '\t')) p++; if (p == n) return; }
        while (true)
        {
            while (!whitespace && p < n && line[p] == ' ') p++;
            int start = p;
            if (p < n && line[p] == '"')
            {
                int q = p + 1;
                while (true)
                {
                    if (q >= n) throw new DataFormatException(path, lineNo, start + 1, "unterminated quoted field", line[start..]);
                    if (line[q] == '"') { if (q + 1 < n && line[q + 1] == '"') { q += 2; continue; } break; }
                    q++;
                }
                fields.Add(new Field(line, start + 1, q - start - 1, start + 1, true));
                p = q + 1;
                while (p < n && line[p] == ' ' && !whitespace) p++;
                if (p < n && !IsDelimiter(line[p], delimiter))
                    throw new DataFormatException(path, lineNo, p + 1, "text after a closing quote", line[start..]);
            }
            else
            {
                while (p < n && !IsDelimiter(line[p], delimiter)) p++;
                int end = p;
                while (end > start && line[end - 1] == ' ') end--;
                fields.Add(new Field(line, start, end - start, start + 1, false));
            }
            if (p >= n) return;
            if (whitespace)
            {
                while (p < n && (line[p] == ' ' || line[p] == '\t')) p++;
                if (p == n) return;   // trailing blanks are not an empty last field
            }
            else
            {
                p++;
                if (p == n) { fields.Add(new Field(line, n, 0, n + 1, false)); return; }
            }
        }
    }

    private static bool IsDelimiter(char c, char delimiter) => delimiter == ' ' ? c == ' ' || c == '\t' : c == delimiter;
}
