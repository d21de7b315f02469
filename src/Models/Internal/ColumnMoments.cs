using OptSuite.LinearAlgebra;

namespace OptSuite.Models.Internal;

/// <summary>
/// Weighted column means μ_j = Σc_i x_ij / Σc_i and variances σ_j² = Σc_i (x_ij − μ_j)² / Σc_i (the 1/Σc "population"
/// variance of glmnet's <c>standardize</c> and scikit-learn's StandardScaler) of a dense, CSR or CSC matrix, without
/// densifying: the one computation behind <see cref="FeatureScaler"/> and the estimators' <see cref="Standardization"/>.
/// </summary>
/// <remarks>Two passes (the mean, then the centred squares), which stay accurate where E[x²] − E[x]² cancels; for sparse
/// storage the rows a column does not store hold zeros, each adding c_i μ_j² to the centred sum.</remarks>
internal static class ColumnMoments
{
    /// <summary>The moments of <paramref name="x"/>'s columns with weights <paramref name="weights"/> (null: uniform).</summary>
    /// <param name="x">A dense, CSR or CSC matrix.</param>
    /// <param name="weights">n weights c_i ≥ 0 with a positive sum, or null.</param>
    /// <exception cref="ArgumentException">A non-finite entry (named x[i, j]); another storage.</exception>
    public static (double[] Mean, double[] Variance) Of(ILinearMap x, double[]? weights)
    {
        int n = x.Rows, p = x.Columns;
        double total = 0;
        if (weights is null) total = n;
        else foreach (double c in weights) total += c;
        double W(int i) => weights is null ? 1.0 : weights[i];
        var mean = new double[p];
        var variance = new double[p];
        switch (x)
        {
            case DenseMatrix d:
                for (int i = 0; i < n; i++)
                    for (int j = 0; j < p; j++)
                    {
                        double v = d[i, j];
                        if (!double.IsFinite(v)) throw NonFinite(i, j, v);
                        mean[j] += W(i) * v;
                    }
                for (int j = 0; j < p; j++) mean[j] /= total;
                for (int i = 0; i < n; i++)
                    for (int j = 0; j < p; j++) { double e = d[i, j] - mean[j]; variance[j] += W(i) * e * e; }
                for (int j = 0; j < p; j++) variance[j] /= total;
                break;
            case CsrMatrix csr:
            {
                ReadOnlySpan<int> ptr = csr.RowPointers, idx = csr.ColumnIndices;
                ReadOnlySpan<double> val = csr.Values;
                var stored = new double[p];
                for (int i = 0; i < n; i++)
                    for (int k = ptr[i]; k < ptr[i + 1]; k++)
                    {
                        if (!double.IsFinite(val[k])) throw NonFinite(i, idx[k], val[k]);
                        mean[idx[k]] += W(i) * val[k];
                        stored[idx[k]] += W(i);
                    }
                for (int j = 0; j < p; j++) mean[j] /= total;
                for (int i = 0; i < n; i++)
                    for (int k = ptr[i]; k < ptr[i + 1]; k++) { double e = val[k] - mean[idx[k]]; variance[idx[k]] += W(i) * e * e; }
                for (int j = 0; j < p; j++) variance[j] = (variance[j] + Math.Max(total - stored[j], 0) * mean[j] * mean[j]) / total;
                break;
            }
            case CscMatrix csc:
            {
                ReadOnlySpan<int> ptr = csc.ColumnPointers, rows = csc.RowIndices;
                ReadOnlySpan<double> val = csc.Values;
                for (int j = 0; j < p; j++)
                {
                    double sum = 0, stored = 0;
                    for (int t = ptr[j]; t < ptr[j + 1]; t++)
                    {
                        if (!double.IsFinite(val[t])) throw NonFinite(rows[t], j, val[t]);
                        sum += W(rows[t]) * val[t];
                        stored += W(rows[t]);
                    }
                    double mu = sum / total, squares = 0;
                    for (int t = ptr[j]; t < ptr[j + 1]; t++) { double e = val[t] - mu; squares += W(rows[t]) * e * e; }
                    mean[j] = mu;
                    variance[j] = (squares + Math.Max(total - stored, 0) * mu * mu) / total;
                }
                break;
            }
            default:
                throw new ArgumentException($"Column moments need a dense, CSR or CSC matrix, not {x.GetType().Name}.", nameof(x));
        }
        return (mean, variance);
    }

    private static ArgumentException NonFinite(int i, int j, double v) => new($"x[{i}, {j}] = {v}; features must be finite.", "x");
}
