namespace OptSuite.Data;

/// <summary>Takes the rows of an svmlight file a chunk at a time from <see cref="SvmlightRowStream"/>.</summary>
internal interface ISvmlightRowConsumer
{
    /// <summary>
    /// The rows of one chunk, in file order: <c>c.Rows</c> rows with labels <c>c.Labels</c>, entries ending at
    /// <c>c.RowEnds</c>, and <c>c.Indices</c> already turned into zero-based columns under the index base as decided so
    /// far. The chunk is the consumer's only during the call.
    /// </summary>
    void Rows(SvmlightChunk c);

    /// <summary>
    /// Under <see cref="SvmlightIndexBase.Auto"/>: the rows delivered so far were read one-based (column = index − 1),
    /// and an index 0 has now shown the file to be zero-based; their columns must be raised by one. Called at most once,
    /// before the rows of the chunk that holds the first index 0.
    /// </summary>
    void BecameZeroBased();
}

/// <summary>
/// Reads svmlight text in bounded memory through the reader's own pipeline and chunk parser, and hands the rows to a
/// consumer in file order, doing across chunks what <see cref="SvmlightAssembler.Check"/> does across a whole file:
/// the first parse error with its file line, qid on every line or none, the index base, the column count.
/// </summary>
/// <remarks>
/// The index base follows <see cref="SvmlightParseSettings.IsZeroBased"/>, applied to the rows read so far: under Auto
/// rows are read one-based until an index 0 appears, and the consumer is told then (<see
/// cref="ISvmlightRowConsumer.BecameZeroBased"/>), so the result is what the reader decides over the whole file while
/// the common one-based file is read once. Multi-label lines are the reader's error.
/// </remarks>
internal sealed class SvmlightRowStream(string path, SvmlightReaderOptions options, ISvmlightRowConsumer consumer)
{
    private readonly SvmlightParseSettings _settings = new(options, multiLabel: false);
    private long _line, _rows, _minIndex = long.MaxValue, _maxIndex = -1, _textBytes;
    private int _qidState;
    private bool _zeroBased;
    private DataFormatException? _edge;

    /// <summary>Whether the indices were read as zero-based (final once <see cref="Read"/> returned).</summary>
    public bool ZeroBased => _zeroBased;

    /// <summary>Whether the rows carry <c>qid:</c>.</summary>
    public bool HasQueryIds => _qidState == 1;

    /// <summary>Rows read.</summary>
    public long Rows => _rows;

    /// <summary>Text bytes parsed.</summary>
    public long TextBytes => Interlocked.Read(ref _textBytes);

    /// <summary>Columns: the feature count of the options, else the largest index (+1 when zero-based), as the reader sets them.</summary>
    public int Columns => options.FeatureCount ?? (int)(_maxIndex < 0 ? 0 : _zeroBased ? _maxIndex + 1 : _maxIndex);

    /// <summary>Reads <paramref name="text"/> (decompressed already; <paramref name="compressed"/> when it came from a decoder) to its end.</summary>
    /// <exception cref="DataFormatException">Malformed text, naming <c>path</c>, line and column; what the consumer threw is rethrown.</exception>
    public void Read(Stream text, bool compressed)
    {
        _zeroBased = _settings.IsZeroBased(long.MaxValue);
        var pipeline = new SvmlightPipeline(options, multiLabel: false, Take);
        try
        {
            pipeline.ParseStream(text, compressed);
        }
        catch (SvmlightSyntaxException e)
        {
            throw new DataFormatException(path, 0, 0, e.Problem, e.Text, e);
        }
    }

    private void Take(SvmlightChunk c)
    {
        if (c.Failure is { } f) throw f.ToDataFormatException(path, _line);
        SvmlightAssembler.CheckQid(ref _qidState, c, path, _line);
        if (_rows + c.Rows > int.MaxValue)
            throw new DataFormatException(path, _line + c.Lines, 0, $"the file has more than {int.MaxValue} rows, more than a dataset holds");
        _minIndex = Math.Min(_minIndex, c.MinIndex);
        _maxIndex = Math.Max(_maxIndex, c.MaxIndex);
        bool zeroBased = _settings.IsZeroBased(_minIndex);
        if (zeroBased && !_zeroBased)
        {
            if (_edge is not null) throw _edge;
            consumer.BecameZeroBased();
            _zeroBased = true;
        }
        if (c.Edge is { } edge)
        {
            // An index equal to the one-based limit is out of range only if the file is zero-based: an error now if it
            // is, else kept in case an index 0 turns up later (the reader, too, reports it only then).
            var error = edge.ToDataFormatException(path, _line);
            if (zeroBased) throw error;
            _edge ??= error;
        }
        if (!_zeroBased) SvmlightAssembler.AddTo(c.Indices.AsSpan(0, c.Count), -1, c.Indices.AsSpan(0, c.Count));
        consumer.Rows(c);
        _line += c.Lines;
        _rows += c.Rows;
        Interlocked.Add(ref _textBytes, c.Bytes);
    }
}
