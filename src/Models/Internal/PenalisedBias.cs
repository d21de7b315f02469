using OptSuite.LinearAlgebra;

namespace OptSuite.Models.Internal;

/// <summary>
/// LIBLINEAR's bias term (<c>-B</c>; scikit-learn's <c>intercept_scaling</c>): the data gain a constant column of value B,
/// whose coefficient w_B is penalised like the others, and the intercept is b = B·w_B. The augmented problem has no
/// unpenalised intercept, so the dual solvers apply to it.
/// </summary>
internal static class PenalisedBias
{
    /// <summary>
    /// The bias B a fit uses: the caller's, else B = 1 (LIBLINEAR's <c>-B 1</c>, LinearSVC's intercept_scaling = 1) for the
    /// hinge and Crammer–Singer losses, else none (an unpenalised intercept). Those two losses are not differentiable, so
    /// only their dual methods solve them, and the dual cannot carry an unpenalised intercept's equality constraint
    /// (Σ α_i y_i = 0 couples every coordinate): without this default their default estimators had no solver at all.
    /// </summary>
    public static double? Effective(double? scaling, bool nonsmoothLoss) => scaling ?? (nonsmoothLoss ? 1.0 : null);

    /// <summary>The problem on [X, B·1], marked so the runner turns its last row of W into the intercepts.</summary>
    public static FitProblem With(FitProblem augmented, double scaling)
    {
        augmented.BiasScaling = scaling;
        return augmented;
    }

    /// <summary>Whether the fit uses a penalised bias: an intercept is asked for and a scaling is set (checked here).</summary>
    public static bool Applies(bool fitIntercept, double? scaling)
    {
        if (scaling is { } b && !(b > 0 && double.IsFinite(b)))
            throw new ArgumentOutOfRangeException("InterceptScaling", b, "InterceptScaling must be finite and > 0 (or null for an unpenalised intercept).");
        return fitIntercept && scaling is not null;
    }

    /// <summary>[X, B·1] in X's storage kind (dense keeps its layout; CSR gains one entry per row; CSC one column).</summary>
    public static ILinearMap Append(ILinearMap x, double scaling)
    {
        int n = x.Rows, p = x.Columns;
        switch (x)
        {
            case DenseMatrix d:
            {
                var data = new double[(long)n * (p + 1)];
                ReadOnlySpan<double> v = d.Values;
                if (d.Layout == MatrixLayout.RowMajor)
                {
                    for (int i = 0; i < n; i++)
                    {
                        v.Slice(i * p, p).CopyTo(data.AsSpan(i * (p + 1), p));
                        data[(long)i * (p + 1) + p] = scaling;
                    }
                }
                else
                {
                    v.CopyTo(data);
                    data.AsSpan((int)((long)n * p), n).Fill(scaling);
                }
                return new DenseMatrix(n, p + 1, data, d.Layout, d.Backend);
            }
            case CsrMatrix csr:
            {
                ReadOnlySpan<int> ptr = csr.RowPointers, col = csr.ColumnIndices;
                ReadOnlySpan<double> val = csr.Values;
                var pointers = new int[n + 1];
                var indices = new int[col.Length + n];
                var values = new double[col.Length + n];
                int t = 0;
                for (int i = 0; i < n; i++)
                {
                    pointers[i] = t;
                    for (int q = ptr[i]; q < ptr[i + 1]; q++) { indices[t] = col[q]; values[t++] = val[q]; }
                    indices[t] = p;
                    values[t++] = scaling;
                }
                pointers[n] = t;
                return new CsrMatrix(n, p + 1, pointers, indices, values, csr.Backend);
            }
            case CscMatrix csc:
            {
                ReadOnlySpan<int> ptr = csc.ColumnPointers, row = csc.RowIndices;
                ReadOnlySpan<double> val = csc.Values;
                int nnz = ptr[p];
                var pointers = new int[p + 2];
                ptr.CopyTo(pointers);
                pointers[p + 1] = nnz + n;
                var indices = new int[nnz + n];
                var values = new double[nnz + n];
                row[..nnz].CopyTo(indices);
                val[..nnz].CopyTo(values);
                for (int i = 0; i < n; i++) { indices[nnz + i] = i; values[nnz + i] = scaling; }
                return new CscMatrix(n, p + 1, pointers, indices, values, csc.Backend);
            }
            default:
                throw new ArgumentException(
                    $"InterceptScaling needs dense, CSR or CSC data to append its constant column; got {x.GetType().Name}.", nameof(x));
        }
    }

    /// <summary>A warm start (p×m coefficients, then m intercepts) for the augmented problem: w_B = b/B as row p.</summary>
    public static double[]? Start(double[]? x0, int p, int m, double scaling)
    {
        if (x0 is null) return null;
        var start = new double[(p + 1) * m];
        x0.AsSpan(0, p * m).CopyTo(start);
        for (int k = 0; k < m; k++) start[p * m + k] = x0[p * m + k] / scaling;
        return start;
    }

    /// <summary>Maps a solve of the augmented problem back: row p of W becomes the intercepts b = B·w_B.</summary>
    public static FitOutcome Split(FitOutcome augmented, int p, double scaling)
    {
        int m = augmented.Coefficients.Length / (p + 1);
        var intercepts = new double[m];
        for (int k = 0; k < m; k++) intercepts[k] = scaling * augmented.Coefficients[p * m + k];
        return augmented with { Coefficients = augmented.Coefficients[..(p * m)], Intercepts = intercepts };
    }
}
