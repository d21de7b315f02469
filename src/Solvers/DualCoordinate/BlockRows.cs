using OptSuite.LinearAlgebra;

namespace OptSuite.Solvers;

/// <summary>
/// The rows of one <see cref="RowBlock"/> as CSR arrays for the <see cref="SparseRows"/> kernels: a CSR block as it is,
/// a row-major dense block by its non-zeros gathered into buffers that are reused from block to block (they grow to the
/// largest block and stay), so a round allocates nothing per block.
/// </summary>
internal sealed class BlockRows
{
    private int[] _ptr = [0], _idx = [];
    private double[] _val = [];
    private CsrMatrix? _csr;
    private int _rows;

    /// <summary>Takes <paramref name="block"/>'s rows; valid until the next call (and as long as the block is).</summary>
    public void Load(ILinearMap block)
    {
        switch (block)
        {
            case CsrMatrix csr:
                _csr = csr;
                return;
            case DenseMatrix { Layout: MatrixLayout.RowMajor } dense:
                _csr = null;
                Gather(dense);
                return;
            default:
                throw new NotSupportedException($"A row block must be a CSR or row-major dense matrix; {block.GetType().Name} is neither.");
        }
    }

    /// <summary>The rows of the last loaded block.</summary>
    public SparseRows Rows => _csr is { } csr ? new SparseRows(csr) : new SparseRows(_ptr.AsSpan(0, _rows + 1), _idx, _val);

    private void Gather(DenseMatrix dense)
    {
        int n = dense.Rows, p = dense.Columns;
        _rows = n;
        if (_ptr.Length < n + 1) _ptr = new int[n + 1];
        ReadOnlySpan<double> values = dense.Values;
        int nnz = 0;
        for (int t = 0; t < n * p; t++) if (values[t] != 0) nnz++;
        if (_idx.Length < nnz) { _idx = new int[nnz]; _val = new double[nnz]; }
        int k = 0;
        for (int i = 0; i < n; i++)
        {
            _ptr[i] = k;
            ReadOnlySpan<double> row = values.Slice(i * p, p);
            for (int j = 0; j < p; j++)
                if (row[j] != 0) { _idx[k] = j; _val[k] = row[j]; k++; }
        }
        _ptr[n] = k;
    }
}
