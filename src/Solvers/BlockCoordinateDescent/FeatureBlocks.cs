using OptSuite.LinearAlgebra;
using OptSuite.Prox;

namespace OptSuite.Solvers;

/// <summary>
/// The blocks of a block-separable regulariser on a p×k row-major W seen as sets of features (whole rows of W), and
/// each block's Lipschitz constant L_g = L_ℓ·λ_max(X_gᵀDX_g) + μ; with column means m_j = Σa_i x_ij (an intercept
/// eliminated exactly, see <see cref="BlockCoordinateDescent"/>) the centred L_g = L_ℓ·λ_max(X_gᵀDX_g − m_g m_gᵀ) + μ,
/// and for blocks marked exact the eigendecomposition X_gᵀDX_g (− m_g m_gᵀ) = QΛQᵀ.
/// </summary>
/// <remarks>
/// Block g's entries, in the order of <see cref="BlockPartition.Indices"/>, must be whole rows: runs of k indices
/// j·k, j·k + 1, …, j·k + k − 1. Then the block's coefficients form an m×k row-major matrix over its m features and its
/// Hessian is (X_gᵀDX_g) ⊗ I_k (+ μ), so the task dimension never enters the constant. Blocks of one feature get
/// Σa_i x_ij² exactly; up to <see cref="JacobiLimit"/> features, the m×m Gram matrix is formed and its top eigenvalue
/// found by Jacobi rotations (exact to rounding); larger blocks use power iteration on X_gᵀDX_g, inflated by 1 % as the
/// objectives' global constants are, because power iteration approaches λ_max from below. Exact blocks (2 to
/// <see cref="ExactLimit"/> features, at most <see cref="ExactStorage"/> stored values in all) keep Λ and Q.
/// </remarks>
internal sealed class FeatureBlocks
{
    public const int JacobiLimit = 256;

    /// <summary>The largest block whose eigendecomposition is kept for exact steps.</summary>
    public const int ExactLimit = 64;

    /// <summary>The most eigenvector entries kept over all exact blocks (64 MB); further blocks take prox steps.</summary>
    public const long ExactStorage = 1 << 23;

    private FeatureBlocks(int[] starts, int[] features, double[] lipschitz, double[] eigenvalues, double[] eigenvectors, int[] vectorStarts)
    {
        Starts = starts;
        Features = features;
        Lipschitz = lipschitz;
        Eigenvalues = eigenvalues;
        Eigenvectors = eigenvectors;
        VectorStarts = vectorStarts;
        int largest = 0;
        for (int g = 0; g + 1 < starts.Length; g++) largest = Math.Max(largest, starts[g + 1] - starts[g]);
        LargestBlock = largest;
    }

    /// <summary>Block g covers Features[Starts[g] .. Starts[g+1]].</summary>
    public int[] Starts { get; }

    /// <summary>Feature indices grouped by block.</summary>
    public int[] Features { get; }

    /// <summary>L_g per block.</summary>
    public double[] Lipschitz { get; }

    /// <summary>Λ of the exact blocks, at the block's feature positions (Starts[g] ..); empty when none is exact.</summary>
    public double[] Eigenvalues { get; }

    /// <summary>Q of the exact blocks (m×m row-major each, from <see cref="VectorStarts"/>[g]).</summary>
    public double[] Eigenvectors { get; }

    /// <summary>Where block g's Q starts in <see cref="Eigenvectors"/>; −1 for a block without one.</summary>
    public int[] VectorStarts { get; }

    /// <summary>Whether block g keeps its eigendecomposition (exact steps).</summary>
    public bool IsExact(int g) => VectorStarts[g] >= 0;

    /// <summary>The most features in one block.</summary>
    public int LargestBlock { get; }

    public int Count => Starts.Length - 1;

    /// <summary>Validates the partition against W's shape and computes the constants.</summary>
    /// <param name="blocks">The regulariser's blocks over the p·k entries.</param>
    /// <param name="x">The data, column-major.</param>
    /// <param name="tasks">k.</param>
    /// <param name="a">Sample weights a_i (summing to 1).</param>
    /// <param name="smoothness">L_ℓ.</param>
    /// <param name="ridge">μ.</param>
    /// <param name="means">Column means m_j = Σa_i x_ij to centre by (an eliminated intercept); empty for none.</param>
    /// <param name="exact">Keep the eigendecompositions of blocks of 2 to <see cref="ExactLimit"/> features.</param>
    /// <param name="parameter">The parameter to name in errors.</param>
    public static FeatureBlocks Build(BlockPartition blocks, CscMatrix x, int tasks, ReadOnlySpan<double> a, double smoothness, double ridge,
        ReadOnlySpan<double> means, bool exact, string parameter)
    {
        int p = x.Columns, k = tasks;
        if (blocks.Dimension != (long)p * k)
            throw new ArgumentException($"The regulariser's blocks cover {blocks.Dimension} coordinates; the weights have {p}×{k} = {(long)p * k}.", parameter);
        var starts = new int[blocks.Count + 1];
        var features = new int[p];
        ReadOnlySpan<int> bs = blocks.Starts, idx = blocks.Indices;
        int count = 0;
        for (int g = 0; g < blocks.Count; g++)
        {
            int size = bs[g + 1] - bs[g];
            if (size % k != 0)
                throw new ArgumentException($"Block {g} has {size} entries, not a whole number of rows of {k} (block coordinate descent needs blocks made of whole rows of W).", parameter);
            for (int m = bs[g]; m < bs[g + 1]; m += k)
            {
                int e0 = idx[m];
                if (e0 % k != 0) throw RowError(g, parameter, k);
                for (int c = 1; c < k; c++) if (idx[m + c] != e0 + c) throw RowError(g, parameter, k);
                features[count++] = e0 / k;
            }
            starts[g + 1] = count;
        }
        var lipschitz = new double[blocks.Count];
        var dense = new double[x.Rows];
        int largest = 0;
        for (int g = 0; g < blocks.Count; g++) largest = Math.Max(largest, starts[g + 1] - starts[g]);
        var gram = largest > 1 ? new double[Math.Min(largest, JacobiLimit) * Math.Min(largest, JacobiLimit)] : [];
        var vectorStarts = new int[blocks.Count];
        long stored = 0;
        for (int g = 0; g < blocks.Count; g++)
        {
            int m = starts[g + 1] - starts[g];
            bool keep = exact && m >= 2 && m <= ExactLimit && stored + (long)m * m <= ExactStorage;
            vectorStarts[g] = keep ? (int)stored : -1;
            if (keep) stored += (long)m * m;
        }
        double[] eigenvalues = stored > 0 ? new double[p] : [], eigenvectors = new double[stored];
        for (int g = 0; g < blocks.Count; g++)
        {
            ReadOnlySpan<int> f = features.AsSpan(starts[g], starts[g + 1] - starts[g]);
            int m = f.Length;
            double top;
            if (vectorStarts[g] >= 0)
            {
                Gram(x, f, a, means, dense, gram);
                Span<double> values = eigenvalues.AsSpan(starts[g], m);
                SymmetricEigen.Decompose(gram.AsSpan(0, m * m), m, values, eigenvectors.AsSpan(vectorStarts[g], m * m));
                top = 0;
                foreach (double v in values) top = Math.Max(top, v);
            }
            else top = m == 1 ? CentredSquaredNorm(x, f[0], a, means)
                : m <= JacobiLimit ? GramTop(x, f, a, means, dense, gram)
                : 1.01 * PowerTop(x, f, a, means, dense);
            lipschitz[g] = smoothness * Math.Max(top, 0) + ridge;
        }
        return new FeatureBlocks(starts, features, lipschitz, eigenvalues, eigenvectors, vectorStarts);
    }

    private static ArgumentException RowError(int g, string parameter, int k) =>
        new($"Block {g} is not made of whole rows of W (runs of {k} consecutive entries j·{k} … j·{k} + {k - 1}); block coordinate descent needs such blocks.", parameter);

    /// <summary>Σa_i x_ij² − m_j² (the variance about the weighted mean when centred; clamped at 0 against rounding).</summary>
    private static double CentredSquaredNorm(CscMatrix x, int j, ReadOnlySpan<double> a, ReadOnlySpan<double> means)
    {
        ReadOnlySpan<int> ptr = x.ColumnPointers, rows = x.RowIndices;
        ReadOnlySpan<double> val = x.Values;
        double s = 0;
        for (int t = ptr[j]; t < ptr[j + 1]; t++) s += a[rows[t]] * val[t] * val[t];
        return means.IsEmpty ? s : Math.Max(0, s - means[j] * means[j]);
    }

    /// <summary>λ_max of the Gram matrix X_fᵀDX_f (− m_f m_fᵀ).</summary>
    private static double GramTop(CscMatrix x, ReadOnlySpan<int> f, ReadOnlySpan<double> a, ReadOnlySpan<double> means, double[] dense, double[] gram)
    {
        Gram(x, f, a, means, dense, gram);
        return SymmetricEigen.Largest(gram.AsSpan(0, f.Length * f.Length), f.Length);
    }

    /// <summary>The Gram matrix X_fᵀDX_f (− m_f m_fᵀ) into <paramref name="gram"/>, formed column by column through a dense
    /// scatter of length n.</summary>
    private static void Gram(CscMatrix x, ReadOnlySpan<int> f, ReadOnlySpan<double> a, ReadOnlySpan<double> means, double[] dense, double[] gram)
    {
        ReadOnlySpan<int> ptr = x.ColumnPointers, rows = x.RowIndices;
        ReadOnlySpan<double> val = x.Values;
        int m = f.Length;
        for (int q = 0; q < m; q++)
        {
            int j = f[q];
            for (int t = ptr[j]; t < ptr[j + 1]; t++) dense[rows[t]] = a[rows[t]] * val[t];
            for (int r = q; r < m; r++)
            {
                int l = f[r];
                double s = 0;
                for (int t = ptr[l]; t < ptr[l + 1]; t++) s += val[t] * dense[rows[t]];
                if (!means.IsEmpty) s -= means[j] * means[l];
                gram[q * m + r] = s;
                gram[r * m + q] = s;
            }
            for (int t = ptr[j]; t < ptr[j + 1]; t++) dense[rows[t]] = 0;
        }
    }

    /// <summary>Power iteration on v ↦ X_fᵀD X_f v (− m_f m_fᵀv) (large blocks only).</summary>
    private static double PowerTop(CscMatrix x, ReadOnlySpan<int> f, ReadOnlySpan<double> a, ReadOnlySpan<double> means, double[] dense)
    {
        ReadOnlySpan<int> ptr = x.ColumnPointers, rows = x.RowIndices;
        ReadOnlySpan<double> val = x.Values;
        int m = f.Length;
        var v = new double[m];
        var next = new double[m];
        var rng = new Random(20260101);
        for (int q = 0; q < m; q++) v[q] = 0.5 + rng.NextDouble();
        double norm = Math.Sqrt(Vec.Dot(v, v)), lambda = 0;
        Vec.Scale(v, 1 / norm);
        for (int it = 0; it < 1000; it++)
        {
            Array.Clear(dense);
            for (int q = 0; q < m; q++)
                for (int t = ptr[f[q]]; t < ptr[f[q] + 1]; t++) dense[rows[t]] += val[t] * v[q];
            for (int i = 0; i < dense.Length; i++) dense[i] *= a[i];
            for (int q = 0; q < m; q++)
            {
                double s = 0;
                for (int t = ptr[f[q]]; t < ptr[f[q] + 1]; t++) s += val[t] * dense[rows[t]];
                next[q] = s;
            }
            if (!means.IsEmpty)
            {
                double mv = 0;
                for (int q = 0; q < m; q++) mv += means[f[q]] * v[q];
                for (int q = 0; q < m; q++) next[q] -= means[f[q]] * mv;
            }
            double estimate = Vec.Dot(v, next);
            norm = Vec.Norm2(next);
            if (!(norm > 0)) return 0;
            for (int q = 0; q < m; q++) v[q] = next[q] / norm;
            bool done = Math.Abs(estimate - lambda) <= 1e-12 * Math.Abs(estimate);
            lambda = estimate;
            if (done) break;
        }
        Array.Clear(dense);
        return lambda;
    }
}
