namespace OptSuite.Data.Shards;

/// <summary>
/// svmlight to shards through <see cref="SvmlightRowStream"/> (the reader's pipeline and parser, in bounded memory):
/// sparse rows go to the writer as parsed, a chunk at a time. Under the auto index base they are written one-based
/// until an index 0 appears, and then what was written is shifted (<see cref="ShardWriter.ShiftColumns"/>); dense
/// storage needs the column count and the index base before the first row, so it reads the file twice.
/// </summary>
internal sealed class SvmlightConversion : ISvmlightRowConsumer
{
    /// <summary>Parsing threads unless the options name a number.</summary>
    private const int MaxParsers = 4;

    private readonly ShardWriter _writer;
    private readonly ConversionInput _input;
    private readonly double[]? _dense;

    private SvmlightConversion(ShardWriter writer, ConversionInput input, int? denseColumns)
    {
        _writer = writer;
        _input = input;
        if (denseColumns is { } p) _dense = new double[p];
    }

    /// <summary>Converts; returns the columns, the passes made and the notes.</summary>
    public static (int Columns, int Passes, List<string> Notes) Run(ConversionInput input, ShardWriter writer, ShardStorage storage,
        SvmlightReaderOptions options)
    {
        // The writer takes rows on one thread, so parsers beyond a few only add chunks in flight (about 7 MB each).
        if (options.MaxDegreeOfParallelism == 0) options = options with { MaxDegreeOfParallelism = Math.Min(Environment.ProcessorCount, MaxParsers) };
        var notes = new List<string>();
        int passes = 1;
        if (storage == ShardStorage.Dense && (options.FeatureCount is null || options.IndexBase == SvmlightIndexBase.Auto))
        {
            // A dense row needs p and the index base before it is written: a first pass reads them (and checks the file).
            var scan = new SvmlightRowStream(input.Path, options, NoRows.Instance);
            using (var text = input.Open("pass 1 of 2: reading the column count and index base")) scan.Read(text, input.Compressed);
            options = options with
            {
                FeatureCount = scan.Columns,
                IndexBase = scan.ZeroBased ? SvmlightIndexBase.ZeroBased : SvmlightIndexBase.OneBased,
            };
            passes = 2;
        }
        var consumer = new SvmlightConversion(writer, input, storage == ShardStorage.Dense ? options.FeatureCount : null);
        var rows = new SvmlightRowStream(input.Path, options, consumer);
        using (var text = input.Open(passes == 2 ? "pass 2 of 2: writing" : "writing")) rows.Read(text, input.Compressed);
        writer.SetSource(new ShardSource(input.Path, DataFormats.Name(DataFormat.Svmlight), rows.ZeroBased ? 0 : 1, input.FileBytes));
        if (rows.HasQueryIds) notes.Add("the rows' qid: values were dropped: the shard format stores features, labels and weights, not query ids");
        return (rows.Columns, passes, notes);
    }

    public void Rows(SvmlightChunk c)
    {
        int start = 0;
        for (int r = 0; r < c.Rows; r++)
        {
            int end = c.RowEnds[r];
            var columns = c.Indices.AsSpan(start, end - start);
            var values = c.Values.AsSpan(start, end - start);
            if (_dense is null)
            {
                _writer.AppendRow(c.Labels[r], columns, values);
            }
            else
            {
                Array.Clear(_dense);
                for (int k = 0; k < columns.Length; k++) _dense[columns[k]] = values[k];
                _writer.AppendDenseRow(c.Labels[r], _dense);
            }
            start = end;
        }
        _input.Rows += c.Rows;
        _input.Report();
    }

    public void BecameZeroBased() => _writer.ShiftColumns(1);

    /// <summary>The consumer of a first pass, which wants the index base and the column count only.</summary>
    private sealed class NoRows : ISvmlightRowConsumer
    {
        public static readonly NoRows Instance = new();

        public void Rows(SvmlightChunk c) { }

        public void BecameZeroBased() { }
    }
}
