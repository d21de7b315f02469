using OptSuite.LinearAlgebra;

namespace OptSuite.Models.Internal;

/// <summary>
/// glmnet's <c>standardize = TRUE</c>: each column scaled by its weighted standard deviation s_j (weights normalised to sum
/// 1, so the 1/n variance), the penalty applied to the scaled coefficients w̃_j = s_j w_j, and the coefficients returned
/// on the original scale. The solver sees a scaled copy X/s — never the caller's matrix, and a sparse X stays sparse with
/// its pattern: the centring glmnet does is implicit, since the unpenalised intercept absorbs it (x·w + b = (x/s)·w̃ + b),
/// so the intercept needs no correction either. Without an intercept glmnet still scales by the centred deviation
/// (its Fortran <c>standard</c>: xs = sqrt(Σv x² − (Σv x)²)), and so does this (<see cref="ColumnMoments"/>, in two passes).
/// </summary>
/// <remarks>A column of zero deviation (constant, or empty) keeps s_j = 1: a constant column is left out with an intercept
/// (<see cref="FittedColumns"/>), and an empty one has w_j = 0 whatever its scale.</remarks>
internal sealed class Standardization
{
    private Standardization(double[] scales, ILinearMap scaled) => (Scales, Scaled) = (scales, scaled);

    /// <summary>s_j for each column of the fitted map.</summary>
    public double[] Scales { get; }

    /// <summary>X with column j divided by s_j, in X's storage.</summary>
    public ILinearMap Scaled { get; }

    /// <summary>The scales and scaled copy of <paramref name="x"/> with sample weights <paramref name="weights"/> (null: uniform).</summary>
    public static Standardization Of(ILinearMap x, double[]? weights)
    {
        if (x is not (DenseMatrix or CsrMatrix or CscMatrix))
            throw new ArgumentException($"Standardize needs X stored as a dense, CSR or CSC matrix in this process, not {x.GetType().Name} (data read in row blocks or split across ranks are not scaled).", nameof(LinearEstimator.Standardize));
        int p = x.Columns;
        var (_, square) = ColumnMoments.Of(x, weights);
        var scales = new double[p];
        for (int j = 0; j < p; j++) scales[j] = square[j] > 0 ? Math.Sqrt(square[j]) : 1.0;
        return new Standardization(scales, Scale(x, scales));
    }

    private static ILinearMap Scale(ILinearMap x, double[] s)
    {
        switch (x)
        {
            case DenseMatrix d:
            {
                var data = d.Values.ToArray();
                int n = d.Rows, p = d.Columns;
                if (d.Layout == MatrixLayout.RowMajor)
                    for (int i = 0; i < n; i++) for (int j = 0; j < p; j++) data[(long)i * p + j] /= s[j];
                else
                    for (int j = 0; j < p; j++) for (int i = 0; i < n; i++) data[(long)j * n + i] /= s[j];
                return new DenseMatrix(n, p, data, d.Layout, d.Backend);
            }
            case CsrMatrix csr:
            {
                var values = csr.Values.ToArray();
                ReadOnlySpan<int> idx = csr.ColumnIndices;
                for (int k = 0; k < values.Length; k++) values[k] /= s[idx[k]];
                return new CsrMatrix(csr.Rows, csr.Columns, csr.RowPointers.ToArray(), idx.ToArray(), values, csr.Backend);
            }
            default:
            {
                var csc = (CscMatrix)x;
                var values = csc.Values.ToArray();
                ReadOnlySpan<int> ptr = csc.ColumnPointers;
                for (int j = 0; j < csc.Columns; j++) for (int k = ptr[j]; k < ptr[j + 1]; k++) values[k] /= s[j];
                return new CscMatrix(csc.Rows, csc.Columns, ptr.ToArray(), csc.RowIndices.ToArray(), values, csc.Backend);
            }
        }
    }

    /// <summary>A warm start on the original scale (w row-major p×m, then intercepts) on the scaled one: w̃ = s·w.</summary>
    public double[]? Start(double[]? x0, int outputs)
    {
        if (x0 is null) return null;
        var start = (double[])x0.Clone();
        for (int j = 0; j < Scales.Length; j++) for (int c = 0; c < outputs; c++) start[j * outputs + c] *= Scales[j];
        return start;
    }

    /// <summary>A solve of the scaled problem on the original scale: w = w̃/s (the intercepts are the same).</summary>
    public FitOutcome Unscale(FitOutcome o)
    {
        var w = (double[])o.Coefficients.Clone();
        int m = w.Length / Scales.Length;
        for (int j = 0; j < Scales.Length; j++) for (int c = 0; c < m; c++) w[j * m + c] /= Scales[j];
        return o with { Coefficients = w };
    }

    /// <summary>Bounds on the original coefficients as bounds on the scaled ones (glmnet's limits are on the original scale).</summary>
    public double[]? ScaleBounds(double[]? bounds)
    {
        if (bounds is null) return null;
        var b = new double[bounds.Length];
        for (int j = 0; j < b.Length; j++) b[j] = bounds[j] * Scales[j];
        return b;
    }
}
