using OptSuite.LinearAlgebra;

namespace OptSuite.Solvers;

/// <summary>
/// Weighted column sums of the data for <see cref="CoordinateDescent"/>: Σ a_i x_ij² (the squared loss's curvatures
/// and the Newton floor), its root ‖x_j‖_a (screening radii and celer's priorities) and, when the gap's dual point is
/// balanced by a shift, k_j = Σ a_i x_ij. Immutable once built, so the states of one path (same data, labels, weights)
/// share one instance.
/// </summary>
internal sealed class ColumnStatistics
{
    private readonly double[] _squared, _norms, _sums;
    private readonly int[] _empty;

    /// <param name="x">The data in column storage.</param>
    /// <param name="a">The normalised sample weights.</param>
    /// <param name="sums">Whether to form k_j = Σ a_i x_ij as well.</param>
    public ColumnStatistics(CscMatrix x, ReadOnlySpan<double> a, bool sums)
    {
        int p = x.Columns;
        ReadOnlySpan<int> ptr = x.ColumnPointers, idx = x.RowIndices;
        ReadOnlySpan<double> val = x.Values;
        _squared = new double[p];
        _sums = sums ? new double[p] : [];
        for (int j = 0; j < p; j++)
        {
            double s = 0, k = 0;
            for (int t = ptr[j]; t < ptr[j + 1]; t++)
            {
                double av = a[idx[t]] * val[t];
                s += av * val[t];
                k += av;
            }
            _squared[j] = s;
            if (sums) _sums[j] = k;
        }
        _norms = new double[p];
        int empty = 0;
        for (int j = 0; j < p; j++)
        {
            _norms[j] = Math.Sqrt(_squared[j]);
            if (_squared[j] == 0) empty++;
        }
        _empty = new int[empty];
        for (int j = 0, k = 0; j < p; j++)
            if (_squared[j] == 0) _empty[k++] = j;
    }

    /// <summary>Σ a_i x_ij² per column.</summary>
    public ReadOnlySpan<double> SquaredNorms => _squared;

    /// <summary>‖x_j‖_a = √(Σ a_i x_ij²) per column.</summary>
    public ReadOnlySpan<double> Norms => _norms;

    /// <summary>The columns with Σ a_i x_ij² = 0 (no data under positive weights), in index order.</summary>
    public ReadOnlySpan<int> EmptyColumns => _empty;

    /// <summary>k_j = Σ a_i x_ij per column; empty unless asked for.</summary>
    public ReadOnlySpan<double> Sums => _sums;
}
