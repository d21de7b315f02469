using System.Numerics;
using System.Numerics.Tensors;
using OptSuite.LinearAlgebra;

namespace OptSuite.Solvers;

/// <summary>
/// The normal-equations matrix M = X̃ᵀ diag(v) X̃ + diag(e) of an interior-point iteration, X̃ = [X 1] (the column of ones
/// only with an intercept), and its Cholesky factor, all in buffers allocated once.
/// </summary>
/// <remarks>
/// Dense data (and sparse data with more than a quarter of the columns filled per row) are processed in chunks of rows:
/// each chunk is scaled by √v_i into a column-major buffer and its Gram matrix is added — by the backend's syrk on MKL,
/// by a 4-column SIMD dot kernel on the managed backend — so the O(n q²) work runs at level-3 speed instead of n
/// rank-one updates streaming M through the cache. The managed kernel takes <see cref="ChunkRows"/> rows (cache-sized
/// columns); MKL takes chunks of up to <see cref="MklChunkValues"/> values, one or a few calls per iteration: each call
/// of MKL's threaded layer is a fork/join, and on a loaded machine a fork/join waits for a descheduled thread (256-row
/// chunks made a 20000 × 50 fit 40× slower with 2 MKL threads than with 1 at load 6). Sparse rows otherwise add their
/// outer products, O(Σ nnz_i²). Only the lower triangle is formed and factored. If the Cholesky factorisation meets a
/// non-positive pivot (rank-deficient X, or weights spanning 10¹⁶ near the optimum), the diagonal is lifted by
/// 10⁻¹⁴·max Mᵢᵢ, then 100× more, as interior-point codes do (Wright 1997, ch. 11). Data read in row blocks
/// (<see cref="IRowBlockedMap"/>: shards) are summed block by block, each block as the whole data would be: one pass per
/// factorisation, beside the iteration's products, so the method runs out of core.
/// </remarks>
internal sealed class WeightedGram
{
    public const int ChunkRows = 256;

    /// <summary>Largest chunk handed to MKL's syrk, in values (4 MB).</summary>
    public const int MklChunkValues = 1 << 19;

    private readonly DenseMatrix? _dense;      // row-major or column-major dense data
    private readonly CsrMatrix? _csr;          // sparse data, row access
    private readonly IRowBlockedMap? _blocks;  // data read in row blocks: M summed block by block, one pass per factorisation
    private readonly bool _intercept;
    private readonly int _p, _q;
    private readonly int _chunkRows;
    private readonly double[] _chunk;          // column-major _chunkRows × q
    private readonly DenseMatrix _chunkMatrix;
    private readonly double[] _tail;           // the last, shorter chunk
    private readonly DenseMatrix? _tailMatrix;
    private readonly DenseMatrix _gram;        // q × q row-major, lower triangle valid
    private readonly DenseMatrix _factor;      // its Cholesky factor
    private readonly DenseMatrix _solution;    // q × 1
    private readonly ILinearAlgebraBackend _backend;

    public WeightedGram(ILinearMap x, bool intercept)
    {
        _intercept = intercept;
        _p = x.Columns;
        _q = _p + (intercept ? 1 : 0);
        _backend = x.Backend;
        switch (x)
        {
            case DenseMatrix d: _dense = d; break;
            case CsrMatrix c: _csr = c; break;
            case CscMatrix c: _csr = c.ToCsr(); break;
            case IRowBlockedMap b: _blocks = b; break;
            default: _dense = ToDense(x); break;
        }
        int n = x.Rows;
        _chunkRows = _backend.Kind == BackendKind.Mkl ? Math.Max(ChunkRows, Math.Min(n, MklChunkValues / Math.Max(1, _q))) : ChunkRows;
        _chunk = new double[_chunkRows * _q];
        _chunkMatrix = new DenseMatrix(_chunkRows, _q, _chunk, MatrixLayout.ColumnMajor, _backend);
        int tailRows = n % _chunkRows;
        _tail = new double[tailRows * _q];
        if (tailRows > 0) _tailMatrix = new DenseMatrix(tailRows, _q, _tail, MatrixLayout.ColumnMajor, _backend);
        _gram = DenseMatrix.Zeros(_q, _q, MatrixLayout.RowMajor, _backend);
        _factor = DenseMatrix.Zeros(_q, _q, MatrixLayout.RowMajor, _backend);
        _solution = DenseMatrix.Zeros(_q, 1, MatrixLayout.RowMajor, _backend);
    }

    /// <summary>Order q of M.</summary>
    public int Size => _q;

    /// <summary>Regularisation added to the diagonal by the last <see cref="Factor"/> (0 when none was needed).</summary>
    public double Shift { get; private set; }

    /// <summary>Forms M = X̃ᵀ diag(v) X̃ + diag(e) (e of length q; may be empty for none) and factors it; false when even
    /// the lifted matrix is not positive definite.</summary>
    public bool Factor(ReadOnlySpan<double> v, ReadOnlySpan<double> e)
    {
        Span<double> m = _gram.GetWritableValues();
        m.Clear();
        if (_blocks is null) Accumulate(_dense, _csr, v, m);
        else
            foreach (RowBlock b in _blocks.ReadBlocks())
                Accumulate(b.Rows as DenseMatrix, b.Rows as CsrMatrix ?? (b.Rows as CscMatrix)?.ToCsr(), v.Slice(b.FirstRow, b.Rows.Rows), m);
        for (int k = 0; k < e.Length; k++) m[k * _q + k] += e[k];

        double diagMax = 0;
        for (int k = 0; k < _q; k++) diagMax = Math.Max(diagMax, m[k * _q + k]);
        if (!double.IsFinite(diagMax)) return false;
        Shift = 0;
        Span<double> f = _factor.GetWritableValues();
        for (int attempt = 0; attempt < 6; attempt++)
        {
            m.CopyTo(f);
            if (Shift > 0) for (int k = 0; k < _q; k++) f[k * _q + k] += Shift;
            if (_backend.CholeskyFactor(_factor) == 0) return true;
            Shift = Shift == 0 ? 1e-14 * Math.Max(diagMax, double.Epsilon) : Shift * 100;
        }
        return false;
    }

    /// <summary>Solves M·x = b with the last factor (b and x of length q; may alias).</summary>
    public void Solve(ReadOnlySpan<double> b, Span<double> x)
    {
        Span<double> s = _solution.GetWritableValues();
        b.CopyTo(s);
        _backend.CholeskySolve(_factor, _solution);
        s.CopyTo(x);
    }

    /// <summary>Adds the rows of <paramref name="dense"/> or <paramref name="csr"/> (the whole data, or one block of it with
    /// its slice of <paramref name="v"/>) to the lower triangle of M.</summary>
    private void Accumulate(DenseMatrix? dense, CsrMatrix? csr, ReadOnlySpan<double> v, Span<double> m)
    {
        if (csr is not null && (double)csr.NonZeroCount / Math.Max(1, csr.Rows) < 0.25 * _q) AccumulateSparse(csr, v, m);
        else AccumulateChunks(dense, csr, v, m);
    }

    private void AccumulateChunks(DenseMatrix? dense, CsrMatrix? csr, ReadOnlySpan<double> v, Span<double> m)
    {
        int n = v.Length;
        for (int start = 0; start < n; start += _chunkRows)
        {
            int rows = Math.Min(_chunkRows, n - start);
            bool full = rows == _chunkRows;
            // A block's last chunk is shorter than the whole data's (whose tail buffer is sized once): a buffer of its own.
            bool tail = !full && (_blocks is null || rows == _tail.Length / Math.Max(1, _q));
            double[] buffer = full ? _chunk : tail ? _tail : new double[rows * _q];
            FillChunk(dense, csr, buffer, rows, start, v);
            if (_backend.Kind == BackendKind.Mkl)
                _backend.Syrk(full ? _chunkMatrix : tail ? _tailMatrix! : new DenseMatrix(rows, _q, buffer, MatrixLayout.ColumnMajor, _backend),
                    Operation.NoTranspose, 1.0, 1.0, _gram);
            else
                ChunkGram(buffer, rows, _q, m);
        }
    }

    /// <summary>Column k of the chunk: √v_i·x_ik for its rows (and √v_i for the intercept column).</summary>
    private void FillChunk(DenseMatrix? dense, CsrMatrix? csr, double[] buffer, int rows, int start, ReadOnlySpan<double> v)
    {
        if (csr is not null) Array.Clear(buffer, 0, rows * _q);
        ReadOnlySpan<double> values = dense is not null ? dense.Values : csr!.Values;
        for (int t = 0; t < rows; t++)
        {
            int i = start + t;
            double s = Math.Sqrt(v[i]);
            if (dense is { Layout: MatrixLayout.RowMajor })
            {
                ReadOnlySpan<double> row = values.Slice(i * _p, _p);
                for (int k = 0; k < _p; k++) buffer[k * rows + t] = s * row[k];
            }
            else if (dense is not null)
            {
                int n = dense.Rows;
                for (int k = 0; k < _p; k++) buffer[k * rows + t] = s * values[k * n + i];
            }
            else
            {
                ReadOnlySpan<int> pointers = csr!.RowPointers, columns = csr.ColumnIndices;
                for (int e = pointers[i]; e < pointers[i + 1]; e++) buffer[columns[e] * rows + t] += s * values[e];
            }
            if (_intercept) buffer[_p * rows + t] = s;
        }
    }

    /// <summary>Adds the lower triangle of CᵀC for the column-major rows × q chunk C, four columns per pass.</summary>
    private static void ChunkGram(double[] c, int rows, int q, Span<double> m)
    {
        for (int k = 0; k < q; k++)
        {
            ReadOnlySpan<double> ck = c.AsSpan(k * rows, rows);
            int l = 0;
            for (; l + 3 <= k; l += 4)
            {
                Dot4(ck, c.AsSpan(l * rows, rows), c.AsSpan((l + 1) * rows, rows), c.AsSpan((l + 2) * rows, rows),
                    c.AsSpan((l + 3) * rows, rows), out double d0, out double d1, out double d2, out double d3);
                int at = k * q + l;
                m[at] += d0; m[at + 1] += d1; m[at + 2] += d2; m[at + 3] += d3;
            }
            for (; l <= k; l++) m[k * q + l] += TensorPrimitives.Dot(ck, c.AsSpan(l * rows, rows));
        }
    }

    private static void Dot4(ReadOnlySpan<double> a, ReadOnlySpan<double> b0, ReadOnlySpan<double> b1, ReadOnlySpan<double> b2,
        ReadOnlySpan<double> b3, out double d0, out double d1, out double d2, out double d3)
    {
        var s0 = Vector<double>.Zero; var s1 = Vector<double>.Zero; var s2 = Vector<double>.Zero; var s3 = Vector<double>.Zero;
        int w = Vector<double>.Count, i = 0;
        for (; i + w <= a.Length; i += w)
        {
            var va = new Vector<double>(a[i..]);
            s0 += va * new Vector<double>(b0[i..]);
            s1 += va * new Vector<double>(b1[i..]);
            s2 += va * new Vector<double>(b2[i..]);
            s3 += va * new Vector<double>(b3[i..]);
        }
        d0 = Vector.Sum(s0); d1 = Vector.Sum(s1); d2 = Vector.Sum(s2); d3 = Vector.Sum(s3);
        for (; i < a.Length; i++) { d0 += a[i] * b0[i]; d1 += a[i] * b1[i]; d2 += a[i] * b2[i]; d3 += a[i] * b3[i]; }
    }

    private void AccumulateSparse(CsrMatrix csr, ReadOnlySpan<double> v, Span<double> m)
    {
        ReadOnlySpan<int> pointers = csr.RowPointers, columns = csr.ColumnIndices;
        ReadOnlySpan<double> values = csr.Values;
        for (int i = 0; i < csr.Rows; i++)
        {
            double vi = v[i];
            if (vi == 0) continue;
            int begin = pointers[i], end = pointers[i + 1];
            for (int e = begin; e < end; e++)
            {
                int k = columns[e];
                double a = vi * values[e];
                for (int f = begin; f < end; f++)
                {
                    int l = columns[f];
                    if (l <= k) m[k * _q + l] += a * values[f];
                }
                if (_intercept) m[_p * _q + k] += a;
            }
            if (_intercept) m[_p * _q + _p] += vi;
        }
    }

    private static DenseMatrix ToDense(ILinearMap x)
    {
        var d = DenseMatrix.Zeros(x.Rows, x.Columns, MatrixLayout.RowMajor, x.Backend);
        Span<double> values = d.GetWritableValues();
        for (int i = 0; i < x.Rows; i++) x.RowAxpy(i, 1.0, values.Slice(i * x.Columns, x.Columns));
        return d;
    }
}
