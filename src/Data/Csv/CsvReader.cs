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
        string path = name ?? "<stream>";
        var rows = new CsvRowReader(reader, path, options);
        var values = new List<double>();
        while (rows.MoveNext())
            foreach (double v in rows.Current) values.Add(v);
        int width = rows.Width;
        if (width < 0) throw new DataFormatException(path, 0, 0, "the file holds no data (only blank or comment lines)");
        if (rows.Rows > int.MaxValue || rows.Rows * width > Array.MaxLength)
            throw new DataFormatException(path, 0, 0, $"the table ({rows.Rows} × {width}) is too large for one array");
        return Assemble(path, values, (int)rows.Rows, width, rows.Names, options);
    }

    internal static bool IsMissing(ReadOnlySpan<char> s) =>
        s.IsEmpty || s.Equals("NA", StringComparison.OrdinalIgnoreCase) || s.Equals("NaN", StringComparison.OrdinalIgnoreCase)
        || s.SequenceEqual("?") || s.Equals("N/A", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The 0-based target column the options name among <paramref name="width"/> columns (−1 when they name none):
    /// <see cref="CsvReaderOptions.TargetName"/> in the header, or <see cref="CsvReaderOptions.TargetIndex"/>, negative
    /// counting from the end.
    /// </summary>
    internal static int TargetColumn(CsvReaderOptions options, List<string>? names, int width, string path)
    {
        if (options.TargetName is { } tn)
        {
            if (names is null) throw new ArgumentException($"TargetName '{tn}' needs a header, and {path} has none.", nameof(options));
            int target = names.IndexOf(tn);
            if (target < 0) throw new ArgumentException($"No column named '{tn}' in {path}; columns: {string.Join(", ", names)}.", nameof(options));
            return target;
        }
        if (options.TargetIndex is { } ti)
        {
            int target = ti < 0 ? width + ti : ti;
            if (target < 0 || target >= width)
                throw new ArgumentOutOfRangeException(nameof(options), ti, $"TargetIndex is outside the {width} columns of {path}.");
            return target;
        }
        return -1;
    }

    private static CsvTable Assemble(string path, List<double> values, int rows, int width, List<string>? names,
        CsvReaderOptions options)
    {
        int target = TargetColumn(options, names, width, path);
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
