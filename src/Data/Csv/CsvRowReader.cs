namespace OptSuite.Data;

/// <summary>
/// The rows of a CSV text one at a time: comments and blank lines skipped, delimiter and header detected, every field
/// parsed and checked (missing, non-numeric, non-finite, ragged rows are <see cref="DataFormatException"/>s naming file,
/// line and column). <see cref="CsvReader"/> collects the rows into a table; the shard converter streams them.
/// </summary>
internal sealed class CsvRowReader
{
    private readonly TextReader _reader;
    private readonly CsvReaderOptions _options;
    private readonly List<CsvLineSplitter.Field> _fields = [];
    private char _delimiter;
    private double[] _row = [];
    private string? _line;
    private bool _pendingRow;   // the first line was data: MoveNext takes it before reading on

    public CsvRowReader(TextReader reader, string path, CsvReaderOptions options)
    {
        _reader = reader;
        _options = options;
        Path = path;
        if (options.Delimiter is { } d && d is not (',' or ';' or '\t' or ' '))
            throw new ArgumentException($"Delimiter must be ',', ';', '\\t' or ' '; it is '{d}'.", nameof(options));
        _delimiter = options.Delimiter ?? '\0';
    }

    /// <summary>The file named in errors.</summary>
    public string Path { get; }

    /// <summary>Fields per row, −1 before the first row (or header) was read.</summary>
    public int Width { get; private set; } = -1;

    /// <summary>The header's names, once read; null when the file has none.</summary>
    public List<string>? Names { get; private set; }

    /// <summary>Data rows read.</summary>
    public long Rows { get; private set; }

    /// <summary>The last line read (1-based).</summary>
    public long Line { get; private set; }

    /// <summary>The current row's values (valid until the next <see cref="MoveNext"/>).</summary>
    public ReadOnlySpan<double> Current => _row;

    /// <summary>
    /// Reads the header, if any, without consuming a data row, so <see cref="Names"/> and <see cref="Width"/> are known
    /// before the first row is taken (the converter resolves its label column from them); false for a file without data lines.
    /// </summary>
    public bool ReadHeader()
    {
        if (Width >= 0) return true;
        if (!NextLine()) return false;
        Width = _fields.Count;
        if (_options.HasHeader ?? LooksLikeHeader(_fields))
        {
            Names = new List<string>(Width);
            foreach (var f in _fields) Names.Add(f.Text);
            _fields.Clear();
        }
        else
        {
            _pendingRow = true;
        }
        return true;
    }

    /// <summary>Moves to the next data row; false at the end.</summary>
    public bool MoveNext()
    {
        if (Width < 0 && !ReadHeader()) return false;
        if (_pendingRow) _pendingRow = false;
        else if (!NextLine()) return false;
        if (_fields.Count != Width)
            throw new DataFormatException(Path, Line, _fields.Count > Width ? _fields[Width].Column : _line!.Length + 1,
                $"the row has {_fields.Count} fields; the first row has {Width}", _line);
        if (_row.Length != Width) _row = new double[Width];
        for (int k = 0; k < _fields.Count; k++) _row[k] = Parse(_fields[k], Path, Line);
        Rows++;
        return true;
    }

    private bool NextLine()
    {
        string? line;
        while ((line = _reader.ReadLine()) is not null)
        {
            Line++;
            if (Line == 1 && line.StartsWith('\uFEFF')) line = line[1..];   // a byte order mark the reader did not remove
            var trimmed = line.AsSpan().Trim();
            if (trimmed.IsEmpty || (_options.AllowComments && trimmed[0] == '#')) continue;
            if (_delimiter == '\0') _delimiter = CsvLineSplitter.Detect(line);
            CsvLineSplitter.Split(line, _delimiter, _fields, Path, Line);
            _line = line;
            return true;
        }
        return false;
    }

    private static bool LooksLikeHeader(List<CsvLineSplitter.Field> fields)
    {
        foreach (var f in fields)
            if (!CsvReader.IsMissing(f.Span) && !double.TryParse(f.Span, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)) return true;
        return false;
    }

    private static double Parse(CsvLineSplitter.Field f, string path, long lineNo)
    {
        var s = f.Span;
        if (CsvReader.IsMissing(s)) throw new DataFormatException(path, lineNo, f.Column, "missing value", s.ToString());
        if (!double.TryParse(s, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double v))
            throw new DataFormatException(path, lineNo, f.Column, "not a number", s.ToString());
        if (!double.IsFinite(v)) throw new DataFormatException(path, lineNo, f.Column, "non-finite value", s.ToString());
        return v;
    }
}
