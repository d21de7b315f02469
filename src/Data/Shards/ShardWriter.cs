using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace OptSuite.Data.Shards;

/// <summary>
/// Writes a shard dataset a row at a time in bounded memory (one shard's rows): shard files as each fills, the
/// manifest last and atomically by <see cref="Complete"/>. Disposing a writer that was not completed deletes what it
/// wrote, and a killed process leaves shard files without a manifest, which no reader takes for a dataset.
/// </summary>
/// <remarks>The directory must not exist or be empty: nothing that is there is overwritten.</remarks>
public sealed class ShardWriter : IDisposable
{
    private readonly string _directory;
    private readonly bool _createdDirectory;
    private readonly ShardWriterOptions _options;
    private readonly List<ShardInfo> _shards = [];
    private readonly LabelTally _labels = new();
    private double[] _y = new double[1024], _c = new double[1024], _values = new double[4096];
    private int[] _pointers = new int[1025], _indices = new int[4096];
    private int _rows, _columns = -1, _maxColumn = -1;
    private long _nnz, _totalRows, _totalNnz;
    private bool _completed, _disposed;

    private ShardWriter(string directory, bool created, ShardWriterOptions options)
    {
        _directory = directory;
        _createdDirectory = created;
        _options = options;
    }

    /// <summary>Starts a dataset in <paramref name="directory"/>, which must not exist or be empty.</summary>
    /// <exception cref="IOException">The directory holds files, or names a file.</exception>
    public static ShardWriter Create(string directory, ShardWriterOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ShardLayout.RequireLittleEndian();
        options ??= new ShardWriterOptions();
        options.Validate();
        if (File.Exists(directory)) throw new IOException($"{directory} is a file; a shard dataset is a directory.");
        bool created = !System.IO.Directory.Exists(directory);
        if (!created && System.IO.Directory.EnumerateFileSystemEntries(directory).Any())
            throw new IOException($"{directory} exists and is not empty; a shard dataset is written into a new or empty directory (nothing is overwritten).");
        System.IO.Directory.CreateDirectory(directory);
        return new ShardWriter(directory, created, options);
    }

    /// <summary>The directory being written.</summary>
    public string Directory => _directory;

    /// <summary>Rows written so far.</summary>
    public long RowCount => _totalRows + _rows;

    /// <summary>Entries written so far.</summary>
    public long NonZeroCount => _totalNnz + _nnz;

    /// <summary>Shard files finished so far.</summary>
    public int ShardCount => _shards.Count;

    /// <summary>Adds a sparse row: zero-based, strictly increasing column indices and their values.</summary>
    public void AppendRow(double label, ReadOnlySpan<int> indices, ReadOnlySpan<double> values, double weight = 1)
    {
        Usable();
        if (_options.Storage != ShardStorage.Sparse) throw new InvalidOperationException("This writer makes dense shards; use AppendDenseRow.");
        if (indices.Length != values.Length) throw new ArgumentException($"indices has {indices.Length} entries and values {values.Length}.", nameof(values));
        for (int k = 0; k < indices.Length; k++)
            if (indices[k] < 0 || (k > 0 && indices[k] <= indices[k - 1]))
                throw new ArgumentException($"Row {RowCount}: column indices must be non-negative and strictly increasing; index {k} is {indices[k]}.", nameof(indices));
        CheckRow(label, values, weight);
        MakeRoom(indices.Length);
        indices.CopyTo(_indices.AsSpan((int)_nnz));
        values.CopyTo(_values.AsSpan((int)_nnz));
        if (indices.Length > 0) _maxColumn = Math.Max(_maxColumn, indices[^1]);
        Commit(label, weight, indices.Length);
    }

    /// <summary>Adds a dense row; every row must have the first row's length.</summary>
    public void AppendDenseRow(double label, ReadOnlySpan<double> values, double weight = 1)
    {
        Usable();
        if (_options.Storage != ShardStorage.Dense) throw new InvalidOperationException("This writer makes sparse shards; use AppendRow.");
        if (_columns < 0) _columns = values.Length;
        else if (values.Length != _columns) throw new ArgumentException($"Every dense row has {_columns} values; this one has {values.Length}.", nameof(values));
        CheckRow(label, values, weight);
        MakeRoom(values.Length);
        values.CopyTo(_values.AsSpan((int)_nnz));
        Commit(label, weight, values.Length);
    }

    /// <summary>
    /// Writes the last shard and the manifest (atomically, last) and returns it. <paramref name="columns"/> sets p when
    /// the data has trailing all-zero features; by default p = 1 + the largest column index seen (dense: the row length).
    /// </summary>
    public ShardManifest Complete(int? columns = null)
    {
        Usable();
        if (_rows > 0) Flush();
        int seen = _options.Storage == ShardStorage.Dense ? Math.Max(_columns, 0) : _maxColumn + 1;
        int p = columns ?? seen;
        if (p < seen) throw new ArgumentOutOfRangeException(nameof(columns), columns, $"columns must be at least {seen} (the largest column index written + 1).");
        if (_options.Storage == ShardStorage.Dense && columns is { } c && c != seen && _totalRows > 0)
            throw new ArgumentOutOfRangeException(nameof(columns), columns, $"Dense rows have {seen} values.");
        var manifest = new ShardManifest
        {
            Rows = checked((int)_totalRows),
            Columns = p,
            NonZeros = _totalNnz,
            Storage = _options.Storage,
            HasWeights = _options.Weights,
            Labels = _labels.Summary(),
            Source = _options.Source,
            Writer = $"OptSuite {typeof(ShardWriter).Assembly.GetName().Version?.ToString(3)}",
            Shards = _shards.ToArray(),
        };
        IO.AtomicFile.Write(Path.Combine(_directory, ShardManifest.FileName), manifest.WriteTo);
        _completed = true;
        return manifest;
    }

    /// <summary>Deletes the shard files and the directory (when this writer created it) unless <see cref="Complete"/> ran.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (_completed) return;
        foreach (var s in _shards) TryDelete(Path.Combine(_directory, s.File));
        TryDelete(Path.Combine(_directory, ShardName(_shards.Count)));
        if (_createdDirectory)
        {
            try { if (!System.IO.Directory.EnumerateFileSystemEntries(_directory).Any()) System.IO.Directory.Delete(_directory); }
            catch (IOException) { }
        }
    }

    internal static string ShardName(int index) => $"shard-{index:D5}.bin";

    private void Usable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed) throw new InvalidOperationException("The dataset is complete.");
    }

    private void CheckRow(double label, ReadOnlySpan<double> values, double weight)
    {
        if (!double.IsFinite(label)) throw new ArgumentOutOfRangeException(nameof(label), label, $"Row {RowCount}: the label must be finite.");
        if (!double.IsFinite(weight) || weight < 0) throw new ArgumentOutOfRangeException(nameof(weight), weight, $"Row {RowCount}: the weight must be finite and non-negative.");
        if (!_options.Weights && weight != 1) throw new ArgumentException($"Row {RowCount}: a weight was given to a writer without weights (set ShardWriterOptions.Weights).", nameof(weight));
        for (int k = 0; k < values.Length; k++)
            if (!double.IsFinite(values[k])) throw new ArgumentException($"Row {RowCount}: value {k} is {values[k]}; features must be finite.", nameof(values));
    }

    private void MakeRoom(int entries)
    {
        long bytes = ShardLayout.Estimate(_options.Storage, _rows + 1, _nnz + entries, _options.Weights);
        if (_rows > 0 && bytes > _options.ShardBytes) Flush();
        if (_nnz + entries > Array.MaxLength) throw new InvalidOperationException("A shard's entries outgrew one array; lower ShardBytes.");
        if (_rows + 1 >= _y.Length)
        {
            Array.Resize(ref _y, _y.Length * 2);
            Array.Resize(ref _c, _c.Length * 2);
            Array.Resize(ref _pointers, _y.Length + 1);
        }
        if (_nnz + entries > _values.Length)
        {
            long size = Math.Min(Array.MaxLength, Math.Max(_nnz + entries, 2L * _values.Length));
            Array.Resize(ref _values, (int)size);
            if (_options.Storage == ShardStorage.Sparse) Array.Resize(ref _indices, (int)size);
        }
    }

    private void Commit(double label, double weight, int entries)
    {
        _y[_rows] = label;
        _c[_rows] = weight;
        _nnz += entries;
        _rows++;
        _pointers[_rows] = (int)_nnz;
    }

    private void Flush()
    {
        int columns = _options.Storage == ShardStorage.Dense ? _columns : _maxColumn + 1;
        var layout = new ShardLayout(_options.Storage, _rows, Math.Max(columns, 0), _nnz, _options.Weights, _totalRows);
        string name = ShardName(_shards.Count);
        var hash = new XxHash3();
        using (var f = new FileStream(Path.Combine(_directory, name), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
        {
            Span<byte> header = stackalloc byte[ShardLayout.HeaderBytes];
            layout.Write(header);
            long at = 0;
            void Put(ReadOnlySpan<byte> bytes, long offset)
            {
                Span<byte> zeros = stackalloc byte[ShardLayout.Alignment];
                while (at < offset) { int pad = (int)Math.Min(zeros.Length, offset - at); f.Write(zeros[..pad]); hash.Append(zeros[..pad]); at += pad; }
                f.Write(bytes);
                hash.Append(bytes);
                at += bytes.Length;
            }
            Put(header, 0);
            Put(MemoryMarshal.AsBytes(_y.AsSpan(0, _rows)), layout.LabelsOffset);
            if (_options.Weights) Put(MemoryMarshal.AsBytes(_c.AsSpan(0, _rows)), layout.WeightsOffset);
            if (_options.Storage == ShardStorage.Sparse)
            {
                Put(MemoryMarshal.AsBytes(_pointers.AsSpan(0, _rows + 1)), layout.PointersOffset);
                Put(MemoryMarshal.AsBytes(_indices.AsSpan(0, (int)_nnz)), layout.IndicesOffset);
            }
            Put(MemoryMarshal.AsBytes(_values.AsSpan(0, (int)_nnz)), layout.ValuesOffset);
            f.Flush(flushToDisk: true);
        }
        _labels.Add(_y.AsSpan(0, _rows));
        _shards.Add(new ShardInfo(name, _totalRows, _rows, _nnz, layout.FileBytes, Hex(hash.GetCurrentHashAsUInt64())));
        _totalRows += _rows;
        _totalNnz += _nnz;
        _rows = 0;
        _nnz = 0;
    }

    internal static string Hex(ulong h) => h.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
