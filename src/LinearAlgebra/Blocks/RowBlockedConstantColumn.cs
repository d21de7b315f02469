namespace OptSuite.LinearAlgebra;

/// <summary>
/// [X, c·1] for a row-blocked X: every block gains a last column of value c as it is read (one stored entry per row of
/// a CSR block). Models use it for a penalised bias (LIBLINEAR's <c>-B</c>) on data read in blocks, where
/// <see cref="LinearMapExtensions.AppendConstantColumn"/> cannot copy the matrix.
/// </summary>
public sealed class RowBlockedConstantColumn : RowBlockedView
{
    /// <param name="source">X, read in blocks; not changed.</param>
    /// <param name="value">The constant c; must be finite.</param>
    public RowBlockedConstantColumn(IRowBlockedMap source, double value) : base(source)
    {
        Checks.Finite(value, nameof(value));
        if (source.Columns == int.MaxValue) throw new InvalidOperationException("The matrix already has int.MaxValue columns.");
        Value = value;
    }

    /// <summary>The constant c.</summary>
    public double Value { get; }

    /// <inheritdoc />
    public override int Columns => Source.Columns + 1;

    /// <inheritdoc />
    public override long StoredCount => Source.StoredCount + Rows;

    /// <inheritdoc />
    public override string ToString() => $"[{Source}, {Value}·1]";

    private protected override ILinearMap Rewrite(ILinearMap rows, BlockBuffers buffers)
    {
        int n = rows.Rows, p = Source.Columns;
        switch (Stored(rows))
        {
            case CsrMatrix csr:
            {
                int stored = csr.ColumnIndices.Length;
                int[] pointers = buffers.Pointers(n), indices = buffers.Indices(stored + n);
                double[] values = buffers.Values(stored + n);
                CsrMatrix.WriteWithConstantColumn(csr, Value, pointers, indices, values);
                return new CsrMatrix(n, p + 1, pointers, indices, values, csr.Backend);
            }
            case DenseMatrix d:
            {
                double[] data = buffers.Dense((long)n * (p + 1));
                ReadOnlySpan<double> source = d.Values;
                for (int i = 0; i < n; i++)
                {
                    source.Slice(i * p, p).CopyTo(data.AsSpan(i * (p + 1), p));
                    data[i * (p + 1) + p] = Value;
                }
                return new DenseMatrix(n, p + 1, data, MatrixLayout.RowMajor, d.Backend);
            }
            default:
                throw new InvalidOperationException("Unreachable: Stored returns CSR or dense.");
        }
    }
}
