using System.Globalization;
using OptSuite.LinearAlgebra;

namespace OptSuite.Data;

/// <summary>
/// Reads survival data from a CSV file with a header: the columns named <c>time</c> and <c>status</c> (by default) are the
/// survival time and the event indicator, every other column a feature. A time that is not finite and &gt; 0, or a status
/// other than 0 or 1, is a <see cref="DataFormatException"/> naming the file, line and column; so are the CSV reader's own
/// errors (missing values, text, ragged rows).
/// </summary>
public static class SurvivalCsvReader
{
    /// <summary>Reads a file (.gz/.bz2/.xz decompressed on the fly).</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="timeColumn">The header name of the time column.</param>
    /// <param name="statusColumn">The header name of the status column.</param>
    public static SurvivalTable Read(string path, string timeColumn = "time", string statusColumn = "status")
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = CompressedStreams.OpenRead(path);
        using var reader = new StreamReader(stream);
        return Read(reader, path, timeColumn, statusColumn);
    }

    /// <summary>Reads CSV text; <paramref name="name"/> is used in error messages.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="name">The source's name for messages.</param>
    /// <param name="timeColumn">The header name of the time column.</param>
    /// <param name="statusColumn">The header name of the status column.</param>
    public static SurvivalTable Read(TextReader reader, string? name = null, string timeColumn = "time", string statusColumn = "status")
    {
        ArgumentNullException.ThrowIfNull(reader);
        string path = name ?? "<stream>";
        var rows = new CsvRowReader(reader, path, new CsvReaderOptions { HasHeader = true });
        if (!rows.ReadHeader()) throw new DataFormatException(path, 0, 0, "the file holds no data (only blank or comment lines)");
        var names = rows.Names!;
        int t = Column(names, timeColumn, path), s = Column(names, statusColumn, path);
        int width = names.Count, p = width - 2;
        var x = new List<double>();
        var time = new List<double>();
        var status = new List<int>();
        while (rows.MoveNext())
        {
            var v = rows.Current;
            if (!(v[t] > 0))
                throw new DataFormatException(path, rows.Line, 0, $"column '{timeColumn}' (field {t + 1}): the survival time must be > 0", v[t].ToString("R", CultureInfo.InvariantCulture));
            if (v[s] is not (0 or 1))
                throw new DataFormatException(path, rows.Line, 0, $"column '{statusColumn}' (field {s + 1}): the status must be 1 (event) or 0 (censored)", v[s].ToString("R", CultureInfo.InvariantCulture));
            time.Add(v[t]);
            status.Add((int)v[s]);
            for (int j = 0; j < width; j++)
                if (j != t && j != s) x.Add(v[j]);
        }
        if (time.Count == 0) throw new DataFormatException(path, rows.Line, 0, "the file has a header but no data rows");
        var features = new List<string>(p);
        for (int j = 0; j < width; j++)
            if (j != t && j != s) features.Add(names[j]);
        return new SurvivalTable(new DenseMatrix(time.Count, p, [.. x], MatrixLayout.RowMajor), [.. time], [.. status], features);
    }

    private static int Column(List<string> names, string column, string path)
    {
        int k = names.IndexOf(column);
        if (k < 0)
            throw new DataFormatException(path, 1, 0, $"no column named '{column}'; survival data need '{column}' in the header (columns: {string.Join(", ", names)})");
        return k;
    }
}
