using System.Numerics.Tensors;
using OptSuite.LinearAlgebra;
using OptSuite.Objectives;
using OptSuite.Prox;

namespace OptSuite.Solvers;

/// <summary>
/// The duality gap of a covariance-mode point recomputed from the data — z = Xw + b, the objective's dual point at z,
/// its correlations Xᵀ(a⊙u), then the objective's own gap from them — because the p-space gap of
/// <see cref="CovariancePath"/> rests on ‖u‖²_a = wᵀg − wᵀq + y_cᵀAy_c, a difference of nearly equal numbers when the
/// fit is good. Stored data take one product and one transposed product.
/// </summary>
/// <remarks>
/// Data read in row blocks take one pass, and are centred as the Gram matrix was: with r_ij = x_ij − μ_j (μ the
/// weighted column means of the Gram pass), z_i = β + Σ_j r_ij w_j with β = b + μᵀw — which the caller gives without
/// forming b: with the optimal intercept b = ȳ − μᵀw, β = ȳ, where b + μᵀw would carry b's rounding (b ≈ −10⁶w_j
/// beside a column of mean 10⁶, so ~10⁻¹⁰ in every score) — and, with d_i = a_iℓ′(y_i, z_i) and D = Σd_i,
/// the correlations of the intercept-balanced dual point (a shift by D, the loss's conjugate having the whole line as
/// domain, as the squared loss's has) are c_j = Σ_i r_ij d_i − D Σ_i a_i r_ij, or Σ_i r_ij d_i + μ_j D without an
/// intercept. Both equal Xᵀ(a⊙u) in exact arithmetic; the uncentred sums lose what the Gram matrix kept: a column of
/// mean 10⁶ and spread 1 puts rounding of 10⁶·ε·Σa|u| into c_j, and since an active feature has |c_j| = λ_j at the
/// optimum, the dual point's rescaling turns that into a gap of ~10⁻⁸·F. Each row is densified (O(p) per row, against
/// the Gram pass's O(p²)). The buffers (two of length n, four of length p) are kept for the next certificate.
/// </remarks>
internal sealed class DataCertificate(int samples, int features)
{
    private readonly double[] _scores = new double[samples], _dual = new double[samples];
    private readonly double[] _correlations = new double[features], _sums = new double[features];
    private readonly double[] _row = new double[features];

    /// <summary>F − D at <paramref name="point"/> (w, then b) and F there (<paramref name="value"/>).</summary>
    /// <param name="f">The objective.</param>
    /// <param name="point">w, then b.</param>
    /// <param name="centre">μ, the weighted column means, for data read in row blocks (ignored for stored data).</param>
    /// <param name="shift">β = b + μᵀw, for data read in row blocks (ignored for stored data).</param>
    /// <param name="value">F at the point.</param>
    public double Gap<TLoss, TReg>(LinearObjective<TLoss, TReg> f, ReadOnlySpan<double> point, ReadOnlySpan<double> centre, double shift,
        out double value)
        where TLoss : struct, ILoss
        where TReg : struct, IRegularizer
    {
        int p = f.Features;
        Span<double> z = _scores;
        if (f.Data is IRowBlockedMap blocks && (!f.FitIntercept || f.BalancesDualByShift)) OnePass(f, blocks, point, centre, shift);
        else
        {
            z.Fill(f.FitIntercept ? point[p] : 0.0);
            if (f.Data is CscMatrix x) ColumnKernels.AddNonZeroColumns(x, point[..p], z);
            else f.Data.Apply(point[..p], z, 1, 1);
            f.WeightedDualPoint(z, _dual);
            f.Data.ApplyTranspose(_dual, _correlations);
        }
        return f.DualityGapFromCorrelations(point, z, _correlations, out value);
    }

    private void OnePass<TLoss, TReg>(LinearObjective<TLoss, TReg> f, IRowBlockedMap x, ReadOnlySpan<double> point, ReadOnlySpan<double> centre,
        double shifted)
        where TLoss : struct, ILoss
        where TReg : struct, IRegularizer
    {
        int p = f.Features;
        ReadOnlySpan<double> w = point[..p], y = f.Labels, a = f.SampleWeights;
        double uniform = 1.0 / f.Samples, total = 0;
        TLoss loss = f.Loss;
        Span<double> row = _row;
        Array.Clear(_correlations);
        Array.Clear(_sums);
        foreach (RowBlock block in x.ReadBlocks())
        {
            var dense = block.Rows as DenseMatrix;
            var csr = block.Rows as CsrMatrix ?? (block.Rows as CscMatrix)?.ToCsr();
            if (dense is { Layout: MatrixLayout.ColumnMajor }) dense = dense.ToLayout(MatrixLayout.RowMajor);
            for (int r = 0; r < block.Rows.Rows; r++)
            {
                int i = block.FirstRow + r;
                if (dense is not null) dense.Row(r).CopyTo(row);
                else
                {
                    row.Clear();
                    ReadOnlySpan<int> ptr = csr!.RowPointers, idx = csr.ColumnIndices;
                    ReadOnlySpan<double> val = csr.Values;
                    for (int e = ptr[r]; e < ptr[r + 1]; e++) row[idx[e]] += val[e];
                }
                TensorPrimitives.Subtract(row, centre, row);
                double zi = shifted + TensorPrimitives.Dot(row, w);
                double ai = a.IsEmpty ? uniform : a[i];
                double di = ai * loss.Derivative(y[i], zi);
                _scores[i] = zi;
                total += di;
                TensorPrimitives.MultiplyAdd(row, di, _correlations, _correlations);
                if (f.FitIntercept) TensorPrimitives.MultiplyAdd(row, ai, _sums, _sums);
            }
        }
        if (f.FitIntercept) TensorPrimitives.MultiplyAdd(_sums, -total, _correlations, _correlations);
        else TensorPrimitives.MultiplyAdd(centre, total, _correlations, _correlations);
    }
}
