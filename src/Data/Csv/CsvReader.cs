using System.Globalization;
using OptSuite.LinearAlgebra;

namespace OptSuite.Data;

/// <summary>
/// Reads numeric CSV tables: optional header (detected), delimiter ',', ';', tab or runs of spaces (detected), double
/// quotes, '#' comment lines, CRLF or LF. Missing values (empty, NA, NaN, ?), non-finite values, text in data rows and
/// ragged rows are <see cref="DataFormatException"/>s naming file, line and column; nothing is returned on error.
/// </summary>
public static class CsvReader
{
    /// <summary>Reads a CSV file (.gz/.bz2/.xz decompressed on the fly).</summary>
    public static CsvTable Read(string path, CsvReaderOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = CompressedStreams.OpenRead(path);
        using var reader = new StreamReader(stream);
        return Read(reader, path, options);
    }

    /// <summary>Reads CSV text; <paramref name="name"/> is used in error messages.</summary>
    public static CsvTable Read(TextReader reader, string? name = null, CsvReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        options ??= CsvReaderOptions.Default;
        if (options.TargetName is not null && options.TargetIndex is not null)
            throw new ArgumentException("Set TargetName or TargetIndex, not both.", nameof(options));
        if (options.Delimiter is { } d && d is not (',' or ';' or '\t' or ' '))
            throw new ArgumentException($"Delimiter must be ',', ';', '\\t' or ' '; it is '{d}'.", nameof(options));
        string path = name ?? "<stream>";
        var fields = new List<CsvLineSplitter.Field>();
        var values = new List<double>();
        List<string>? names = null;
        char delimiter = options.Delimiter ?? '\0';
        int width = -1;
        long lineNo = 0, rows = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNo++;
            if (lineNo == 1 && line.StartsWith('\uFEFF')) line = line[1..];   // a byte order mark the reader did not remove
            var trimmed = line.AsSpan().Trim();
            if (trimmed.IsEmpty || (options.AllowComments && trimmed[0] == '#')) continue;
            if (delimiter == '\0') delimiter = CsvLineSplitter.Detect(line);
            CsvLineSplitter.Split(line, delimiter, fields, path, lineNo);
            if (width < 0)
            {
                width = fields.Count;
                bool header = options.HasHeader ?? LooksLikeHeader(fields);
                if (header)
                {
                    names = new List<string>(width);
                    foreach (var f in fields) names.Add(f.Text);
                    continue;
                }
            }
            if (fields.Count != width)
                throw new DataFormatException(path, lineNo, fields.Count > width ? fields[width].Column : line.Length + 1,
                    $"the row has {fields.Count} fields; the first row has {width}", line);
            foreach (var f in fields) values.Add(Parse(f, path, lineNo));
            rows++;
        }
        if (width < 0) throw new DataFormatException(path, 0, 0, "the file holds no data (only blank or comment lines)");
        if (rows > int.MaxValue || rows * width > Array.MaxLength)
            throw new DataFormatException(path, 0, 0, $"the table ({rows} × {width}) is too large for one array");
        return Assemble(path, values, (int)rows, width, names, options);
    }

    private static bool LooksLikeHeader(List<CsvLineSplitter.Field> fields)
    {
        foreach (var f in fields)
            if (!IsMissing(f.Span) && !double.TryParse(f.Span, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) return true;
        return false;
    }

    private static bool IsMissing(ReadOnlySpan<char> s) =>
        s.IsEmpty || s.Equals("NA", StringComparison.OrdinalIgnoreCase) || s.Equals("NaN", StringComparison.OrdinalIgnoreCase)
        || s.SequenceEqual("?") || s.Equals("N/A", StringComparison.OrdinalIgnoreCase);

    private static double Parse(CsvLineSplitter.Field f, string path, long lineNo)
    {
        var s = f.Span;
        if (IsMissing(s)) throw new DataFormatException(path, lineNo, f.Column, "missing value", s.ToString());
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
            throw new DataFormatException(path, lineNo, f.Column, "not a number", s.ToString());
        if (!double.IsFinite(v)) throw new DataFormatException(path, lineNo, f.Column, "non-finite value", s.ToString());
        return v;
    }

    private static CsvTable Assemble(string path, List<double> values, int rows, int width, List<string>? names,
        CsvReaderOptions options)
    {
        int target = -1;
        if (options.TargetName is { } tn)
        {
            if (names is null) throw new ArgumentException($"TargetName '{tn}' needs a header, and {path} has none.", nameof(options));
            target = names.IndexOf(tn);
            if (target < 0) throw new ArgumentException($"No column named '{tn}' in {path}; columns: {string.Join(", ", names)}.", nameof(options));
        }
        else if (options.TargetIndex is { } ti)
        {
            target = ti < 0 ? width + ti : ti;
            if (target < 0 || target >= width)
                throw new ArgumentOutOfRangeException(nameof(options), ti, $"TargetIndex is outside the {width} columns of {path}.");
        }
        if (names is null)
        {
            names = new List<string>(width);
            for (int j = 0; j < width; j++) names.Add("x" + (j + 1).ToString(CultureInfo.InvariantCulture));
        }
        int p = target < 0 ? width : width - 1;
        var x = new double[(long)rows * p];
        double[]? y = target < 0 ? null : new double[rows];
        for (int i = 0; i < rows; i++)
        {
            int o = 0;
            for (int j = 0; j < width; j++)
            {
                double v = values[i * width + j];
                if (j == target) y![i] = v;
                else x[(long)i * p + o++] = v;
            }
        }
        var featureNames = new List<string>(p);
        for (int j = 0; j < width; j++) if (j != target) featureNames.Add(names[j]);
        return new CsvTable(new DenseMatrix(rows, p, x, MatrixLayout.RowMajor), y, featureNames,
            target < 0 ? null : names[target]);
    }
}
