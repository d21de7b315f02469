using System.Globalization;
using System.Text;

namespace OptSuite.Data;

/// <summary>Writes numeric tables that <see cref="CsvReader"/> reads back bit for bit (values in "R" format).</summary>
public static class CsvWriter
{
    /// <summary>Writes <paramref name="table"/> with a header; the target, if any, becomes the last column.</summary>
    public static void Write(string path, CsvTable table, char delimiter = ',')
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var w = new StreamWriter(path, false, new UTF8Encoding(false));
        Write(w, table, delimiter);
    }

    /// <summary>Writes to a text writer (left open).</summary>
    public static void Write(TextWriter writer, CsvTable table, char delimiter = ',')
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(table);
        if (delimiter is not (',' or ';' or '\t'))
            throw new ArgumentException($"delimiter must be ',', ';' or '\\t'; it is '{delimiter}'.", nameof(delimiter));
        var x = table.Features;
        var header = new List<string>(table.FeatureNames);
        if (table.Target is not null) header.Add(table.TargetName ?? "y");
        for (int j = 0; j < header.Count; j++)
        {
            if (j > 0) writer.Write(delimiter);
            writer.Write(Quote(header[j], delimiter));
        }
        writer.Write('\n');
        Span<char> buf = stackalloc char[64];
        for (int i = 0; i < x.Rows; i++)
        {
            for (int j = 0; j < x.Columns; j++)
            {
                if (j > 0) writer.Write(delimiter);
                x[i, j].TryFormat(buf, out int n, "R", CultureInfo.InvariantCulture);
                writer.Write(buf[..n]);
            }
            if (table.Target is { } y)
            {
                if (x.Columns > 0) writer.Write(delimiter);
                y[i].TryFormat(buf, out int n, "R", CultureInfo.InvariantCulture);
                writer.Write(buf[..n]);
            }
            writer.Write('\n');
        }
    }

    private static string Quote(string name, char delimiter)
    {
        // A header name that looks like a number would make the reader take the header for data; quoting does not
        // change that, so such names are written as they are and callers should pass HasHeader = true when reading.
        bool needs = name.Contains(delimiter) || name.Contains('"') || name.Contains('#') || name != name.Trim() || name.Length == 0;
        return needs ? "\"" + name.Replace("\"", "\"\"") + "\"" : name;
    }
}
