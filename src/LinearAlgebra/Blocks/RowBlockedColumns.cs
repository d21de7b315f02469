namespace OptSuite.LinearAlgebra;

/// <summary>
/// The columns <see cref="Kept"/> of a row-blocked X, in that order: every block keeps those columns as it is read.
/// Models use it to leave out the columns a fit does not need (empty ones, and constant ones beside an intercept) when
/// the data are read in blocks and cannot be copied.
/// </summary>
public sealed class RowBlockedColumns : RowBlockedView
{
    private readonly int[] _kept;
    private readonly int[] _position;   // source column → kept position, or −1
    private long _stored = -1;

    /// <param name="source">X, read in blocks; not changed.</param>
    /// <param name="kept">The source columns to keep, strictly increasing (copied).</param>
    public RowBlockedColumns(IRowBlockedMap source, ReadOnlySpan<int> kept) : base(source)
    {
        _kept = kept.ToArray();
        _position = new int[source.Columns];
        Array.Fill(_position, -1);
        for (int t = 0; t < _kept.Length; t++)
        {
            int j = _kept[t];
            Checks.Index(j, source.Columns, nameof(kept), "column");
            if (t > 0 && j <= _kept[t - 1])
                throw new ArgumentException($"The kept columns must increase strictly; kept[{t}] = {j} follows {_kept[t - 1]}.", nameof(kept));
            _position[j] = t;
        }
    }

    /// <summary>The source column of each column of this map.</summary>
    public ReadOnlySpan<int> Kept => _kept;

    /// <inheritdoc />
    public override int Columns => _kept.Length;

    /// <inheritdoc />
    /// <remarks>Counted by one pass over the blocks the first time it is asked for.</remarks>
    public override long StoredCount
    {
        get
        {
            if (_stored < 0)
            {
                long count = 0;
                foreach (RowBlock b in ReadBlocks()) count += b.Rows.StoredCount;
                _stored = count;
            }
            return _stored;
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{_kept.Length} of the {Source.Columns} columns of {Source}";

    private protected override ILinearMap Rewrite(ILinearMap rows, BlockBuffers buffers)
    {
        int n = rows.Rows, q = _kept.Length, p = Source.Columns;
        switch (Stored(rows))
        {
            case CsrMatrix csr:
            {
                ReadOnlySpan<int> ptr = csr.RowPointers, col = csr.ColumnIndices;
                ReadOnlySpan<double> val = csr.Values;
                int[] pointers = buffers.Pointers(n), indices = buffers.Indices(col.Length);
                double[] values = buffers.Values(col.Length);
                int t = 0;
                for (int i = 0; i < n; i++)
                {
                    pointers[i] = t;
                    for (int e = ptr[i]; e < ptr[i + 1]; e++)
                    {
                        int at = _position[col[e]];
                        if (at < 0) continue;
                        indices[t] = at;
                        values[t++] = val[e];
                    }
                }
                pointers[n] = t;
                return new CsrMatrix(n, q, pointers, indices, values, csr.Backend);
            }
            case DenseMatrix d:
            {
                double[] data = buffers.Dense((long)n * q);
                ReadOnlySpan<double> source = d.Values;
                for (int i = 0; i < n; i++)
                {
                    ReadOnlySpan<double> row = source.Slice(i * p, p);
                    Span<double> to = data.AsSpan(i * q, q);
                    for (int t = 0; t < q; t++) to[t] = row[_kept[t]];
                }
                return new DenseMatrix(n, q, data, MatrixLayout.RowMajor, d.Backend);
            }
            default:
                throw new InvalidOperationException("Unreachable: Stored returns CSR or dense.");
        }
    }
}
