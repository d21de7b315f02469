using System.Numerics.Tensors;
using OptSuite.LinearAlgebra;
using OptSuite.LinearAlgebra.Distributed;

namespace OptSuite.Solvers;

/// <summary>
/// G = X_cᵀAX_c, q = X_cᵀAy_c, y_cᵀAy_c and the a-weighted means of data read in row blocks, in one pass over the
/// blocks: the statistics of <see cref="CovariancePath"/> for data that never sit in memory whole.
/// </summary>
/// <remarks>
/// <para>Each chunk of rows (a block, or a part of one of about 1 MB once densified) is centred at its own weighted mean
/// and its Gram matrix added by the register-tiled <see cref="GramKernels"/>; the chunks are merged by the pairwise
/// update of Chan, Golub &amp; LeVeque (1979; Am. Stat. 1983): with W_a, x̄_a the weight and mean so far and W_b, x̄_b the
/// chunk's, G = G_a + G_b + (W_a W_b / W) δδᵀ with δ = x̄_b − x̄_a, and x̄ = x̄_a + (W_b / W) δ, W = W_a + W_b. Every term
/// added is positive semi-definite, so nothing cancels: XᵀAX − W x̄x̄ᵀ loses every digit of a column of mean 10⁶ and
/// spread 1 (entries ≈ 10¹² against a centred sum ≈ 1).</para>
/// <para>The merge is first-order in δ, so δ must be accurate to the spread, not to the mean: a mean of 10⁶ held in a
/// double is off by up to 6·10⁻¹¹, and each merge would put that error times δ into G (3·10⁻¹² relative on the column
/// above, which the duality gap, dividing by λ, magnifies a hundredfold). So the running mean is kept as an unevaluated
/// sum hi + lo (Dekker 1971; two-sum updates), each chunk is read as s = (x − hi) − lo, exact to the spread's rounding,
/// δ is the weighted mean of s, and the part of the chunk mean that δ's rounding leaves, Σa(s − δ)/W_b, goes into lo.
/// Without an intercept nothing is centred: the chunks' Gram matrices add, and the means (which the data certificate
/// centres by) are plain running means.</para>
/// <para>The work is n(p + 1)²/2 multiply-adds, split over <see cref="LinearAlgebraSettings.Threads"/> by rows of G (each
/// entry summed by one thread in a fixed order, so the result does not depend on the thread count); the memory (p + 1)²
/// doubles plus one chunk.</para>
/// </remarks>
internal static class BlockedCovariance
{
    /// <summary>Values of one densified chunk (1 MB).</summary>
    private const int ChunkDoubles = 1 << 17;

    /// <summary>Builds the statistics and the covariance-mode engine on them; <paramref name="means"/> receives the
    /// a-weighted column means (also without an intercept: the data certificate centres by them). Null when
    /// <paramref name="cancellationToken"/> or <paramref name="deadline"/> stops the pass (checked between chunks).</summary>
    /// <param name="x">The n×p data, read in row blocks.</param>
    /// <param name="y">The n targets.</param>
    /// <param name="a">The normalised sample weights (Σa = 1), length n.</param>
    /// <param name="intercept">Whether the intercept is fitted (then everything is centred).</param>
    /// <param name="means">The a-weighted means of the columns of X.</param>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <param name="deadline">A <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> at which the pass stops; 0 for none.</param>
    public static CovariancePath? Build(IRowBlockedMap x, ReadOnlySpan<double> y, ReadOnlySpan<double> a, bool intercept,
        out double[] means, CancellationToken cancellationToken, long deadline = 0)
    {
        means = [];
        if (Accumulate(x.ReadBlocks(), x.Columns, y, a, intercept, cancellationToken, deadline) is not { } part) return null;
        var (g, mean, _) = part;
        int p = x.Columns;
        means = mean[..p];
        return new CovariancePath(g, intercept ? mean[..p] : new double[p], intercept ? mean[p] : 0);
    }

    /// <summary>
    /// <see cref="Build"/> for rows split across ranks (<see cref="IDistributedMap"/>; collective): each rank forms the
    /// statistics of its rows as above (its local rows, in row blocks or stored, read as blocks), and the ranks' parts are
    /// merged as the chunks are: the weights and weighted means all-reduced (W = ΣW_r, x̄ = ΣW_r x̄_r / W), then with an
    /// intercept each rank adds W_r δ_rδ_rᵀ (δ_r = x̄_r − x̄, positive semi-definite) to its centred G_r before the
    /// (p + 1)² sums are all-reduced — the Chan–Golub–LeVeque update taken K ways at once; without one the G_r add.
    /// Every rank gets the same bits. Null on every rank when any rank's pass was stopped.
    /// </summary>
    public static CovariancePath? BuildOverRanks(IDistributedMap x, ReadOnlySpan<double> y, ReadOnlySpan<double> a, bool intercept,
        out double[] means, CancellationToken cancellationToken, long deadline = 0)
    {
        means = [];
        // This rank's rows in row blocks (shards), or stored: then one block, read where it is (no copy).
        IEnumerable<RowBlock> blocks = x.Local is IRowBlockedMap shards ? shards.ReadBlocks() : [new RowBlock(0, 0, x.Local)];
        var part = Accumulate(blocks, x.Columns, y, a, intercept, cancellationToken, deadline);
        ICommunicator ranks = x.Communicator;
        if (ranks.AllReduceMax(part is null ? 1.0 : 0.0) > 0) return null;   // every rank stops together
        var (g, mean, weight) = part!.Value;
        int p = x.Columns, k = p + 1;
        var sums = new double[k + 1];
        for (int j = 0; j < k; j++) sums[j] = weight * mean[j];
        sums[k] = weight;
        ranks.AllReduceSum(sums);
        double total = sums[k];
        var centre = new double[k];
        for (int j = 0; j < k; j++) centre[j] = total > 0 ? sums[j] / total : 0;
        if (intercept && weight > 0)
        {
            var delta = new double[k];
            for (int j = 0; j < k; j++) delta[j] = mean[j] - centre[j];
            for (int r = 0; r < k; r++)
            {
                double dr = weight * delta[r];
                if (dr != 0) TensorPrimitives.MultiplyAdd(delta, dr, g.AsSpan(r * k, k), g.AsSpan(r * k, k));
            }
        }
        ranks.AllReduceSum(g);
        means = centre[..p];
        return new CovariancePath(g, intercept ? centre[..p] : new double[p], intercept ? centre[p] : 0);
    }

    /// <summary>The pass of <see cref="Build"/> over <paramref name="blocks"/> of <paramref name="p"/> columns: G (full,
    /// symmetric), the a-weighted means of [X, y] and the weight Σa of the rows read; null when stopped.</summary>
    private static (double[] G, double[] Mean, double Weight)? Accumulate(IEnumerable<RowBlock> blocks, int p, ReadOnlySpan<double> y, ReadOnlySpan<double> a,
        bool intercept, CancellationToken cancellationToken, long deadline)
    {
        int k = p + 1;
        var g = new double[(long)k * k];
        var hi = new double[k];            // the mean so far (x̄ then ȳ) is hi + lo
        var lo = new double[k];
        var delta = new double[k];
        var rest = new double[k];
        double weight = 0;
        int chunkRows = Math.Max(1, ChunkDoubles / k);
        var buffer = new double[(long)chunkRows * k];
        var sqrtA = new double[chunkRows];
        int threads = k >= 128 ? Math.Max(1, LinearAlgebraSettings.Threads) : 1;
        foreach (RowBlock block in blocks)
        {
            var (dense, csr) = Rows(block.Rows);
            for (int r0 = 0; r0 < block.Rows.Rows; r0 += chunkRows)
            {
                if (cancellationToken.IsCancellationRequested || (deadline > 0 && System.Diagnostics.Stopwatch.GetTimestamp() >= deadline)) return null;
                int m = Math.Min(chunkRows, block.Rows.Rows - r0), first = block.FirstRow + r0;
                ReadOnlySpan<double> ab = a.Slice(first, m);
                double w = 0;
                for (int i = 0; i < m; i++)
                {
                    sqrtA[i] = Math.Sqrt(ab[i]);
                    w += ab[i];
                }
                if (!(w > 0)) continue;   // rows of weight 0 add nothing
                Span<double> c = buffer.AsSpan(0, m * k);
                // c = the chunk's rows less the mean so far, (x − hi) − lo (raw rows without an intercept).
                Fill(dense, csr, r0, m, y.Slice(first, m), intercept ? hi : default, intercept ? lo : default, c);
                for (int j = 0; j < k; j++)
                {
                    ReadOnlySpan<double> column = c.Slice(j * m, m);
                    delta[j] = TensorPrimitives.Dot(column, ab) / w;
                    double r = 0;
                    for (int i = 0; i < m; i++) r += ab[i] * (column[i] - delta[j]);
                    rest[j] = r / w;
                }
                for (int j = 0; j < k; j++)
                {
                    Span<double> column = c.Slice(j * m, m);
                    double centre = intercept ? delta[j] : 0;
                    for (int i = 0; i < m; i++) column[i] = sqrtA[i] * (column[i] - centre);
                }
                AddGram(buffer, m, k, g, threads);
                double total = weight + w, share = w / total;
                if (intercept)
                {
                    // G += (W_a W_b / W) δδᵀ on the lower triangle; then hi + lo += (W_b / W)(δ + rest).
                    double f = weight * share;
                    for (int r = 0; r < k && f > 0; r++)
                    {
                        double dr = f * delta[r];
                        if (dr != 0) TensorPrimitives.MultiplyAdd(delta.AsSpan(0, r + 1), dr, g.AsSpan(r * k, r + 1), g.AsSpan(r * k, r + 1));
                    }
                    for (int j = 0; j < k; j++) Accumulate(ref hi[j], ref lo[j], share, delta[j], rest[j]);
                }
                else
                    for (int j = 0; j < k; j++) hi[j] += share * (delta[j] + rest[j] - hi[j]);
                weight = total;
            }
        }
        for (int r = 0; r < k; r++)
            for (int s = r + 1; s < k; s++) g[r * k + s] = g[s * k + r];
        var mean = new double[k];
        for (int j = 0; j < k; j++) mean[j] = hi[j] + lo[j];
        return (g, mean, weight);
    }

    /// <summary>hi + lo += share·(δ + rest), δ's product and the sum with hi kept exactly (FMA and two-sum), so the mean
    /// stays exact to the spread's rounding however large it is.</summary>
    private static void Accumulate(ref double hi, ref double lo, double share, double delta, double rest)
    {
        double t = share * delta, tErr = Math.FusedMultiplyAdd(share, delta, -t);
        double s = hi + t, v = s - hi, sErr = (hi - (s - v)) + (t - v);
        lo += sErr + tErr + share * rest;
        hi = s + lo;
        lo -= hi - s;
    }

    private static (DenseMatrix? Dense, CsrMatrix? Csr) Rows(ILinearMap rows) => rows switch
    {
        DenseMatrix { Layout: MatrixLayout.RowMajor } d => (d, null),
        DenseMatrix d => (d.ToLayout(MatrixLayout.RowMajor), null),
        CsrMatrix c => (null, c),
        CscMatrix c => (null, c.ToCsr()),
        _ => throw new InvalidOperationException($"A row block must be a CsrMatrix or a DenseMatrix; the data gave a {rows.GetType().Name}."),
    };

    /// <summary>The column-major chunk: column j is (x_ij − hi_j) − lo_j (x_ij when <paramref name="hi"/> is empty), the last
    /// column (y_i − hi_p) − lo_p.</summary>
    private static void Fill(DenseMatrix? dense, CsrMatrix? csr, int r0, int m, ReadOnlySpan<double> y, ReadOnlySpan<double> hi,
        ReadOnlySpan<double> lo, Span<double> c)
    {
        int p = c.Length / m - 1;
        if (csr is not null)
        {
            c[..(p * m)].Clear();
            ReadOnlySpan<int> ptr = csr.RowPointers, idx = csr.ColumnIndices;
            ReadOnlySpan<double> val = csr.Values;
            for (int i = 0; i < m; i++)
                for (int e = ptr[r0 + i]; e < ptr[r0 + i + 1]; e++) c[idx[e] * m + i] += val[e];   // duplicates add
        }
        for (int j = 0; j <= p; j++)
        {
            Span<double> column = c.Slice(j * m, m);
            if (j == p) y.CopyTo(column);
            else if (dense is not null)
            {
                ReadOnlySpan<double> values = dense.Values;
                for (int i = 0; i < m; i++) column[i] = values[(r0 + i) * p + j];
            }
            if (hi.IsEmpty) continue;
            double h = hi[j], l = lo[j];
            for (int i = 0; i < m; i++) column[i] = (column[i] - h) - l;
        }
    }

    /// <summary>Adds the chunk's Gram matrix to the lower triangle of <paramref name="g"/>, rows of G split over
    /// <paramref name="threads"/> threads into ranges of equal triangle area.</summary>
    private static void AddGram(double[] chunk, int m, int k, double[] g, int threads)
    {
        if (threads <= 1)
        {
            GramKernels.AddLowerRows(chunk.AsSpan(0, m * k), m, 0, k, g, k);
            return;
        }
        var bounds = new int[threads + 1];
        for (int t = 1; t < threads; t++) bounds[t] = Math.Min(k, (int)(k * Math.Sqrt((double)t / threads)) & ~1);
        bounds[threads] = k;
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads },
            t => GramKernels.AddLowerRows(chunk.AsSpan(0, m * k), m, bounds[t], bounds[t + 1], g, k));
    }
}
