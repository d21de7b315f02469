namespace OptSuite.Solvers;

/// <summary>
/// Anderson extrapolation of the iterates of a fixed-point map (here: one coordinate-descent sweep over a working set),
/// without allocation once sized: the last K + 1 iterates x₀ … x_K are kept, and the extrapolated point is
/// Σ_k c_k x_k (k = 1 … K) with c = z/Σz, (UᵀU)z = 1, U = [x₁ − x₀, …, x_K − x_{K−1}].
/// </summary>
/// <remarks>
/// Anderson (1965); for coordinate descent: Bertrand &amp; Massias, "Anderson acceleration of coordinate descent"
/// (AISTATS 2021), as skglm and celer use it — K = 5, non-overlapping windows, and the extrapolated point kept only
/// when it lowers the objective (the caller's test), so convergence is never worse than plain sweeps. UᵀU is
/// regularised by 1e-10·trace before its Cholesky factorisation; a window whose system is still not positive definite
/// gives no extrapolation.
/// </remarks>
internal sealed class AndersonExtrapolation
{
    private readonly int _depth;
    private double[] _iterates = [];   // (K + 1) × capacity, iterate k in row k
    private readonly double[] _gram, _z;
    private int _length, _stored;

    /// <param name="depth">K, the number of differences combined (≥ 1).</param>
    public AndersonExtrapolation(int depth)
    {
        _depth = depth;
        _gram = new double[depth * depth];
        _z = new double[depth];
    }

    /// <summary>K, the number of differences combined.</summary>
    public int Depth => _depth;

    /// <summary>Forgets the stored iterates and sets their length (growing the storage when needed).</summary>
    /// <param name="length">The length of the coming iterates.</param>
    public void Reset(int length)
    {
        _stored = 0;
        _length = length;
        if (_iterates.Length < (_depth + 1) * length) _iterates = new double[(_depth + 1) * Math.Max(length, 2 * _iterates.Length / (_depth + 1))];
    }

    /// <summary>The slot for the next iterate (write it, then call <see cref="Push"/>).</summary>
    public Span<double> Next => _iterates.AsSpan(_stored * _length, _length);

    /// <summary>Stores the iterate just written to <see cref="Next"/>; true when the window is full (K + 1 iterates).</summary>
    public bool Push() => ++_stored > _depth;

    /// <summary>
    /// The extrapolated point of the full window into <paramref name="result"/>; false (result unspecified) when the
    /// window's system is degenerate. Either way the window is emptied.
    /// </summary>
    public bool Extrapolate(Span<double> result)
    {
        int k = _depth, m = _length;
        _stored = 0;
        // U's columns are differences of successive rows of _iterates.
        double trace = 0;
        for (int a = 0; a < k; a++)
        {
            for (int b = 0; b <= a; b++)
            {
                double s = 0;
                ReadOnlySpan<double> a1 = _iterates.AsSpan((a + 1) * m, m), a0 = _iterates.AsSpan(a * m, m);
                ReadOnlySpan<double> b1 = _iterates.AsSpan((b + 1) * m, m), b0 = _iterates.AsSpan(b * m, m);
                for (int i = 0; i < m; i++) s += (a1[i] - a0[i]) * (b1[i] - b0[i]);
                _gram[a * k + b] = s;
            }
            trace += _gram[a * k + a];
        }
        if (!(trace > 0) || !double.IsFinite(trace)) return false;
        for (int a = 0; a < k; a++) _gram[a * k + a] += 1e-10 * trace;
        // Cholesky in place (lower triangle), then solve L Lᵀ z = 1.
        for (int a = 0; a < k; a++)
        {
            for (int b = 0; b <= a; b++)
            {
                double s = _gram[a * k + b];
                for (int t = 0; t < b; t++) s -= _gram[a * k + t] * _gram[b * k + t];
                if (a == b)
                {
                    if (!(s > 0)) return false;
                    _gram[a * k + a] = Math.Sqrt(s);
                }
                else _gram[a * k + b] = s / _gram[b * k + b];
            }
        }
        for (int a = 0; a < k; a++)
        {
            double s = 1;
            for (int t = 0; t < a; t++) s -= _gram[a * k + t] * _z[t];
            _z[a] = s / _gram[a * k + a];
        }
        for (int a = k - 1; a >= 0; a--)
        {
            double s = _z[a];
            for (int t = a + 1; t < k; t++) s -= _gram[t * k + a] * _z[t];
            _z[a] = s / _gram[a * k + a];
        }
        double sum = 0;
        for (int a = 0; a < k; a++) sum += _z[a];
        if (!(Math.Abs(sum) > 0) || !double.IsFinite(sum)) return false;
        result[..m].Clear();
        for (int a = 0; a < k; a++)
        {
            double c = _z[a] / sum;
            ReadOnlySpan<double> x = _iterates.AsSpan((a + 1) * m, m);
            for (int i = 0; i < m; i++) result[i] += c * x[i];
        }
        for (int i = 0; i < m; i++)
            if (!double.IsFinite(result[i])) return false;
        return true;
    }
}
