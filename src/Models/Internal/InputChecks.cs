using System.Numerics.Tensors;
using OptSuite.LinearAlgebra;

namespace OptSuite.Models.Internal;

/// <summary>
/// The checks every <c>Fit</c> makes before building a problem, with exceptions naming the caller's parameters (x, y,
/// sampleWeight) rather than those of the objectives underneath.
/// </summary>
/// <remarks>
/// Beyond finiteness, the features' column and row squared norms must be finite: every solver uses them (step sizes,
/// coordinate curvatures, Lipschitz constants), so data whose squares overflow (|x| ≳ 1e154) cannot be solved in double
/// precision, and the honest answer is to ask for rescaled data rather than to return an infinite objective. Likewise
/// squared-loss targets must have a finite sum of squares.
/// </remarks>
internal static class InputChecks
{
    /// <summary>Bytes a fit keeps per column of X whatever its entries: coefficients, column norms, the column map, scores.</summary>
    internal const long BytesPerColumn = 32;

    /// <summary>
    /// Refuses a matrix whose column count alone needs more memory than the process may use (an svmlight index of
    /// 2·10⁹ in a tiny file): the model is dense in its p coefficients, so this is an error naming x, not an
    /// OutOfMemoryException or a machine swapping.
    /// </summary>
    internal static void ColumnMemory(int columns, long available)
    {
        long needed = BytesPerColumn * columns;
        if (needed > available)
            throw new ArgumentException($"X has {columns} columns: a fit keeps about {BytesPerColumn} bytes per column (a dense model), " +
                $"{needed / 1e9:F1} GB, more than the {available / 1e9:F1} GB this process may use. Columns that never occur still " +
                "count (one large feature index makes them all): renumber the features.", "x");
    }

    /// <summary>At least one row, finite values, and finite column and row squared norms (for rows split across ranks:
    /// collective, and a rank may hold no rows while the ranks together hold one).</summary>
    public static void Features(ILinearMap x)
    {
        if (Ranks.Samples(x) == 0) throw new ArgumentException("X has no rows; a fit needs at least one sample.", nameof(x));
        ColumnMemory(x.Columns, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
        if (x is IRowBlockedMap blocks)
        {
            BlockedFeatures(blocks);
            return;
        }
        // One vectorised pass over the stored values: their largest magnitude is NaN or ∞ exactly when one is not
        // finite (then the scan names it). With every entry finite and |x_ij|²·max(n, p) finite no row or column squared
        // norm can overflow, so the two norm passes below could only confirm it (they were two of the three validation
        // passes of every sparse fit).
        double largest = x switch { DenseMatrix d => d.LargestMagnitude(), CompressedMatrix s => s.LargestMagnitude(), _ => double.NaN };
        if (!double.IsFinite(largest))
        {
            switch (x)
            {
                case DenseMatrix d when d.NonFiniteIndex() is var at and >= 0:
                    long i = d.Layout == MatrixLayout.RowMajor ? at / Math.Max(1, d.Columns) : at % Math.Max(1, d.Rows);
                    long j = d.Layout == MatrixLayout.RowMajor ? at % Math.Max(1, d.Columns) : at / Math.Max(1, d.Rows);
                    throw new ArgumentException($"X[{i}, {j}] is {d.Values[(int)at]}; features must be finite (impute or drop missing values).", nameof(x));
                case CompressedMatrix s when s.NonFiniteIndex() is var k and >= 0:
                    throw new ArgumentException($"X holds a non-finite value ({s.Values[k]}, stored entry {k}); features must be finite.", nameof(x));
            }
        }
        else if (double.IsFinite(largest * largest * Math.Max(x.Rows, x.Columns))) return;
        // Any NaN or ±∞ entry makes its column's and row's squared norm NaN or ∞, so these checks also cover maps that are
        // not dense or compressed (whose entries cannot be scanned): the error then names the column or row.
        var norms = new double[x.Columns];
        x.ColumnSquaredNorms(norms);
        for (int c = 0; c < norms.Length; c++)
            if (double.IsNaN(norms[c]))
                throw new ArgumentException($"Column {c} of X contains a NaN; features must be finite (impute or drop missing values).", nameof(x));
            else if (!double.IsFinite(norms[c]))
                throw new ArgumentException($"Column {c} of X has an infinite squared norm: an infinite value, or values whose squares overflow double precision (near 1e154 or larger); rescale the features.", nameof(x));
        norms = new double[x.Rows];
        x.RowSquaredNorms(norms);
        for (int r = 0; r < norms.Length; r++)
            if (double.IsNaN(norms[r]))
                throw new ArgumentException($"Row {Ranks.GlobalRow(x, r)} of X contains a NaN; features must be finite (impute or drop missing values).", nameof(x));
            else if (!double.IsFinite(norms[r]))
                throw new ArgumentException($"Row {Ranks.GlobalRow(x, r)} of X has an infinite squared norm: an infinite value, or values whose squares overflow double precision; rescale the features.", nameof(x));
    }

    /// <summary>
    /// The checks of <see cref="Features"/> on data read in row blocks, in one pass: each block's entries scanned for a
    /// non-finite value (the error names its row and column in X), its row squared norms checked, its column squared norms
    /// summed and checked at the end.
    /// </summary>
    private static void BlockedFeatures(IRowBlockedMap x)
    {
        var columns = new double[x.Columns];
        var part = new double[x.Columns];
        double[] rows = [];
        foreach (RowBlock b in x.ReadBlocks())
        {
            ILinearMap block = b.Rows;
            switch (block)
            {
                case DenseMatrix d when d.NonFiniteIndex() is var at and >= 0:
                    long i = d.Layout == MatrixLayout.RowMajor ? at / Math.Max(1, d.Columns) : at % Math.Max(1, d.Rows);
                    long j = d.Layout == MatrixLayout.RowMajor ? at % Math.Max(1, d.Columns) : at / Math.Max(1, d.Rows);
                    throw new ArgumentException($"X[{b.FirstRow + i}, {j}] is {d.Values[(int)at]} (row block {b.Index}); features must be finite (impute or drop missing values).", "x");
                case CsrMatrix c when c.NonFiniteIndex() is var k and >= 0:
                    int row = 0;
                    while (c.RowPointers[row + 1] <= k) row++;
                    throw new ArgumentException($"X[{b.FirstRow + row}, {c.ColumnIndices[k]}] is {c.Values[k]} (row block {b.Index}); features must be finite (impute or drop missing values).", "x");
            }
            if (rows.Length < block.Rows) rows = new double[block.Rows];
            block.RowSquaredNorms(rows.AsSpan(0, block.Rows));
            for (int r = 0; r < block.Rows; r++)
                if (!double.IsFinite(rows[r]))
                    throw new ArgumentException($"Row {b.FirstRow + r} of X has an infinite squared norm: values whose squares overflow double precision; rescale the features.", "x");
            block.ColumnSquaredNorms(part);
            TensorPrimitives.Add(columns, part, columns);
        }
        for (int c = 0; c < columns.Length; c++)
            if (!double.IsFinite(columns[c]))
                throw new ArgumentException($"Column {c} of X has an infinite squared norm: values whose squares overflow double precision (near 1e154 or larger); rescale the features.", "x");
    }

    /// <summary>Finite targets.</summary>
    public static void Targets(double[] y)
    {
        for (int i = 0; i < y.Length; i++)
            if (!double.IsFinite(y[i])) throw new ArgumentException($"y[{i}] is {y[i]}; targets must be finite.", nameof(y));
    }

    /// <summary>Targets whose squares sum to a finite number (squared and Huber losses evaluate ½(y − z)² at the start).</summary>
    public static void SquaredTargets(double[] y)
    {
        double sum = 0;
        foreach (double v in y) sum += v * v;
        if (!double.IsFinite(sum))
            throw new ArgumentException("The targets' sum of squares overflows double precision; rescale y (values near 1e154 or larger cannot be fitted).", nameof(y));
    }

    /// <summary>Finite weights ≥ 0 with a finite positive sum.</summary>
    public static void Weights(double[]? sampleWeight)
    {
        if (sampleWeight is null) return;
        double sum = 0;
        for (int i = 0; i < sampleWeight.Length; i++)
        {
            double c = sampleWeight[i];
            if (!(c >= 0 && double.IsFinite(c)))
                throw new ArgumentException($"sampleWeight[{i}] is {c}; weights must be finite and ≥ 0.", nameof(sampleWeight));
            sum += c;
        }
        if (!(sum > 0 && double.IsFinite(sum)))
            throw new ArgumentException($"The sample weights sum to {sum}; they need a finite positive sum.", nameof(sampleWeight));
    }
}
