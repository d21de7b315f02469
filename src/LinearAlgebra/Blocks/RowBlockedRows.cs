namespace OptSuite.LinearAlgebra;

/// <summary>
/// The rows <see cref="Kept"/> of a row-blocked X, in that order: a block for every source block that holds one of them,
/// gathered as it is read. Cross-validation uses it for a fold's training and held-out rows when the data are read in
/// blocks and cannot be copied; each pass over it reads the source blocks it touches (for random folds, all of them).
/// </summary>
public sealed class RowBlockedRows : RowBlockedMap
{
    private readonly IRowBlockedMap _source;
    private readonly int[] _kept;
    private readonly int[] _blocks;   // the source block of each block of this map
    private readonly int[] _starts;   // the first kept position of each block, then Rows

    /// <param name="source">X, read in blocks; not changed.</param>
    /// <param name="kept">The source rows to keep, strictly increasing (copied).</param>
    public RowBlockedRows(IRowBlockedMap source, ReadOnlySpan<int> kept)
    {
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _kept = kept.ToArray();
        var blocks = new List<int>();
        var starts = new List<int>();
        int block = 0;
        for (int t = 0; t < _kept.Length; t++)
        {
            int i = _kept[t];
            Checks.Index(i, source.Rows, nameof(kept), "row");
            if (t > 0 && i <= _kept[t - 1])
                throw new ArgumentException($"The kept rows must increase strictly; kept[{t}] = {i} follows {_kept[t - 1]}.", nameof(kept));
            while (source.BlockStart(block + 1) <= i) block++;
            if (blocks.Count == 0 || blocks[^1] != block)
            {
                blocks.Add(block);
                starts.Add(t);
            }
        }
        starts.Add(_kept.Length);
        _blocks = [.. blocks];
        _starts = [.. starts];
    }

    /// <summary>The source row of each row of this map.</summary>
    public ReadOnlySpan<int> Kept => _kept;

    /// <inheritdoc />
    public override int Rows => _kept.Length;

    /// <inheritdoc />
    public override int Columns => _source.Columns;

    /// <inheritdoc />
    /// <remarks>An estimate from the source's density (an exact count would read the data).</remarks>
    public override long StoredCount => _source.Rows == 0 ? 0 : (long)((double)_source.StoredCount * _kept.Length / _source.Rows);

    /// <inheritdoc />
    public override ILinearAlgebraBackend Backend => _source.Backend;

    /// <inheritdoc />
    public override int BlockCount => _blocks.Length;

    /// <inheritdoc />
    public override int BlockStart(int block)
    {
        Checks.Index(block, _blocks.Length + 1, nameof(block), "block");
        return _starts[block];
    }

    /// <inheritdoc />
    public override IEnumerable<RowBlock> ReadBlocks(IReadOnlyList<int>? order = null)
    {
        int count = order?.Count ?? _blocks.Length;
        var sources = new int[count];
        for (int k = 0; k < count; k++)
        {
            int b = order is null ? k : order[k];
            Checks.Index(b, _blocks.Length, nameof(order), "block");
            sources[k] = _blocks[b];
        }
        var buffers = new BlockBuffers();
        int visit = 0;
        foreach (RowBlock source in _source.ReadBlocks(sources))
        {
            int b = order is null ? visit : order[visit];
            visit++;
            yield return new RowBlock(b, _starts[b], Gather(source, _starts[b], _starts[b + 1], buffers));
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{_kept.Length} of the {_source.Rows} rows of {_source}";

    /// <summary>The kept rows [from, to) of this map, all in <paramref name="source"/>, as CSR or row-major dense.</summary>
    private ILinearMap Gather(RowBlock source, int from, int to, BlockBuffers buffers)
    {
        int n = to - from, p = Columns;
        switch (source.Rows)
        {
            case CsrMatrix csr:
            {
                ReadOnlySpan<int> ptr = csr.RowPointers, col = csr.ColumnIndices;
                ReadOnlySpan<double> val = csr.Values;
                int[] pointers = buffers.Pointers(n);
                int total = 0;
                for (int t = 0; t < n; t++)
                {
                    int r = _kept[from + t] - source.FirstRow;
                    total += ptr[r + 1] - ptr[r];
                }
                int[] indices = buffers.Indices(total);
                double[] values = buffers.Values(total);
                int at = 0;
                for (int t = 0; t < n; t++)
                {
                    int r = _kept[from + t] - source.FirstRow, length = ptr[r + 1] - ptr[r];
                    pointers[t] = at;
                    col.Slice(ptr[r], length).CopyTo(indices.AsSpan(at));
                    val.Slice(ptr[r], length).CopyTo(values.AsSpan(at));
                    at += length;
                }
                pointers[n] = at;
                return new CsrMatrix(n, p, pointers, indices, values, csr.Backend);
            }
            case DenseMatrix d:
            {
                var rows = d.Layout == MatrixLayout.RowMajor ? d : d.ToLayout(MatrixLayout.RowMajor);
                double[] data = buffers.Dense((long)n * p);
                for (int t = 0; t < n; t++) rows.Row(_kept[from + t] - source.FirstRow).CopyTo(data.AsSpan(t * p, p));
                return new DenseMatrix(n, p, data, MatrixLayout.RowMajor, d.Backend);
            }
            case CscMatrix c:
                return Gather(source with { Rows = c.ToCsr() }, from, to, buffers);
            default:
                throw new InvalidOperationException($"A row block must be a CsrMatrix or a DenseMatrix; the source gave a {source.Rows.GetType().Name}.");
        }
    }
}
