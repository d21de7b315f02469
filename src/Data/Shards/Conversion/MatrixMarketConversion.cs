namespace OptSuite.Data.Shards;

/// <summary>
/// Matrix Market to shards in two passes over the file. The first (<see cref="MatrixMarketScan"/>) checks every entry
/// and counts them; the second writes the rows — straight from the file when its entries are in row order (as files
/// written from CSR are), else through an external bucket sort (<see cref="MatrixMarketScatter"/>) in bounded memory.
/// Duplicates are summed and symmetric entries mirrored as the reader does, so the shards hold the reader's matrix.
/// Labels come from a column of the matrix (removed from the features; 0 where a row has no entry there) or from a
/// labels file. Coordinate files keep explicit zeros as the reader's CSR does; array files are dense, and sparse
/// storage of one keeps its non-zeros.
/// </summary>
internal sealed class MatrixMarketConversion
{
    private readonly ShardWriter _writer;
    private readonly ConversionInput _input;
    private readonly MatrixMarketHeader _h;
    private readonly int _labelColumn;
    private readonly double[]? _labels;
    private readonly bool _dropZeros;
    private readonly double[]? _dense;
    private int[] _columns = new int[16];
    private double[] _values = new double[16];
    private int _nextRow;

    private MatrixMarketConversion(ShardWriter writer, ConversionInput input, MatrixMarketHeader h, ShardStorage storage, int labelColumn, double[]? labels)
    {
        _writer = writer;
        _input = input;
        _h = h;
        _labelColumn = labelColumn;
        _labels = labels;
        _dropZeros = h.Format == MatrixMarketFormat.Array;
        if (storage == ShardStorage.Dense) _dense = new double[FeatureColumns];
    }

    private int FeatureColumns => _h.Columns - (_labelColumn >= 0 ? 1 : 0);

    /// <summary>Converts into a new dataset at <paramref name="directory"/>; returns its manifest, the notes and the passes.</summary>
    public static (ShardManifest Manifest, List<string> Notes) Run(ConversionInput input, string directory, ShardConverterOptions options)
    {
        var h = MatrixMarketScan.ReadHeader(input);
        int labelColumn = -1;
        double[]? labels = null;
        if (options.MatrixMarketLabelColumn is { } lc)
        {
            labelColumn = lc < 0 ? h.Columns + lc : lc;
            if (labelColumn < 0 || labelColumn >= h.Columns)
                throw new ArgumentOutOfRangeException(nameof(options), lc, $"The label column {lc} is outside the {h.Columns} columns of {input.Path}.");
        }
        else if (options.LabelsFile is { } file)
        {
            labels = LabelsFile.Read(file, h.Rows);
        }
        else
        {
            throw new ArgumentException($"{input.Path}: a Matrix Market file holds no labels; name the column that does (ShardConverterOptions.MatrixMarketLabelColumn, --label-column) or a labels file (LabelsFile, --labels).", nameof(options));
        }
        var storage = options.Storage ?? (h.Format == MatrixMarketFormat.Array ? ShardStorage.Dense : ShardStorage.Sparse);
        using var writer = ShardConverter.CreateWriter(directory, options, storage, input, DataFormat.MatrixMarket);
        var scan = MatrixMarketScan.Run(input, MatrixMarketReaderOptions.Default);
        var conversion = new MatrixMarketConversion(writer, input, scan.Header, storage, labelColumn, labels);
        var notes = new List<string>();
        using var text = input.Open("pass 2 of 2: writing");
        var c = ByteLineCursor.Streaming(text, input.Path);
        var entries = new MatrixMarketEntries(c, MatrixMarketParser.ReadHeader(c), MatrixMarketReaderOptions.Default);
        if (scan.RowOrdered)
        {
            conversion.WriteInOrder(entries);
        }
        else
        {
            string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
            string scratch = Path.Combine(options.TemporaryDirectory ?? Path.GetDirectoryName(full)!,
                $".{Path.GetFileName(full)}.scatter-{Guid.NewGuid().ToString("N")[..12]}");
            using var scatter = new MatrixMarketScatter(scratch, scan, options.ScatterEntries);
            bool mirror = scan.Header.Symmetry != MatrixMarketSymmetry.General;
            double sign = scan.Header.Symmetry == MatrixMarketSymmetry.SkewSymmetric ? -1 : 1;
            long n = 0;
            while (entries.Next(out int i, out int j, out double v))
            {
                scatter.Add(i, j, v, mirror: false);
                if (mirror && i != j) scatter.Add(j, i, sign * v, mirror: true);
                if ((++n & 0xFFFF) == 0) input.Report();
            }
            scatter.Complete();
            input.Stage($"sorting {scatter.Buckets} bucket(s) by row and writing");
            scatter.Rows(conversion.Row);
            notes.Add($"the entries were not in row order{(mirror ? " (a symmetric file is mirrored)" : "")}: they were sorted by row through {scatter.Buckets} temporary bucket file(s), {scatter.Bytes / 1e6:F1} MB");
        }
        conversion.Finish();
        writer.SetSource(new ShardSource(input.Path, DataFormats.Name(DataFormat.MatrixMarket), null, input.FileBytes));
        return (writer.Complete(conversion.FeatureColumns), notes);
    }

    private void WriteInOrder(MatrixMarketEntries entries)
    {
        int row = -1, k = 0;
        while (entries.Next(out int i, out int j, out double v))
        {
            if (i != row)
            {
                if (row >= 0) Row(row, _columns.AsSpan(0, k), _values.AsSpan(0, k));
                row = i;
                k = 0;
            }
            if (k > 0 && _columns[k - 1] == j)
            {
                _values[k - 1] += v;   // a duplicate: summed in file order, as the reader sums it
                continue;
            }
            if (k == _columns.Length)
            {
                Array.Resize(ref _columns, 2 * k);
                Array.Resize(ref _values, 2 * k);
            }
            _columns[k] = j;
            _values[k++] = v;
        }
        if (row >= 0) Row(row, _columns.AsSpan(0, k), _values.AsSpan(0, k));
    }

    /// <summary>Writes row <paramref name="i"/> (after any empty rows before it): columns ascending, duplicates summed.</summary>
    private void Row(int i, Span<int> columns, Span<double> values)
    {
        while (_nextRow < i) Empty();
        double label = _labels?[i] ?? 0;
        int w = 0;
        for (int k = 0; k < columns.Length; k++)
        {
            int j = columns[k];
            if (j == _labelColumn) { label = values[k]; continue; }
            if (_dropZeros && values[k] == 0) continue;
            columns[w] = j > _labelColumn && _labelColumn >= 0 ? j - 1 : j;
            values[w++] = values[k];
        }
        Append(label, columns[..w], values[..w]);
    }

    private void Empty() => Append(_labels?[_nextRow] ?? 0, [], []);

    private void Append(double label, ReadOnlySpan<int> columns, ReadOnlySpan<double> values)
    {
        if (_dense is null)
        {
            _writer.AppendRow(label, columns, values);
        }
        else
        {
            Array.Clear(_dense);
            for (int k = 0; k < columns.Length; k++) _dense[columns[k]] = values[k];
            _writer.AppendDenseRow(label, _dense);
        }
        _nextRow++;
        _input.Rows = _nextRow;
        _input.Report();
    }

    private void Finish()
    {
        while (_nextRow < _h.Rows) Empty();
    }
}
