using System.Numerics.Tensors;

namespace OptSuite.LinearAlgebra;

/// <summary>
/// The products and norms of an <see cref="IRowBlockedMap"/> as one pass over its blocks, and the refusal of random
/// column and row access; a subclass says how many blocks there are and how to read them.
/// </summary>
/// <remarks>
/// Aᵀu is summed block by block in storage order, so the result is the same on every call and for every read-ahead
/// timing; it differs from the product of the whole matrix in memory only by the grouping of the sums (≈ 1e-16
/// relative).
/// </remarks>
public abstract class RowBlockedMap : IRowBlockedMap
{
    /// <inheritdoc />
    public abstract int Rows { get; }

    /// <inheritdoc />
    public abstract int Columns { get; }

    /// <inheritdoc />
    public abstract long StoredCount { get; }

    /// <inheritdoc />
    public abstract ILinearAlgebraBackend Backend { get; }

    /// <inheritdoc />
    public abstract int BlockCount { get; }

    /// <inheritdoc />
    public abstract int BlockStart(int block);

    /// <inheritdoc />
    public abstract IEnumerable<RowBlock> ReadBlocks(IReadOnlyList<int>? order = null);

    /// <summary>What a refusal of random access calls this data, e.g. "the shard directory /data/url".</summary>
    protected virtual string Description => $"a {Rows}×{Columns} matrix read in {BlockCount} row blocks";

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<double> x, Span<double> y, double alpha = 1, double beta = 0)
    {
        Checks.Length(x.Length, Columns, nameof(x), "columns");
        Checks.Length(y.Length, Rows, nameof(y), "rows");
        foreach (RowBlock b in ReadBlocks())
            b.Rows.Apply(x, y.Slice(b.FirstRow, b.Rows.Rows), alpha, beta);
    }

    /// <inheritdoc />
    public void ApplyTranspose(ReadOnlySpan<double> u, Span<double> g, double alpha = 1, double beta = 0)
    {
        Checks.Length(u.Length, Rows, nameof(u), "rows");
        Checks.Length(g.Length, Columns, nameof(g), "columns");
        if (beta == 0) g.Clear();
        else if (beta != 1) TensorPrimitives.Multiply(g, beta, g);
        foreach (RowBlock b in ReadBlocks())
            b.Rows.ApplyTranspose(u.Slice(b.FirstRow, b.Rows.Rows), g, alpha, 1);
    }

    /// <inheritdoc />
    public void ColumnSquaredNorms(Span<double> destination)
    {
        Checks.Length(destination.Length, Columns, nameof(destination), "columns");
        destination.Clear();
        double[] part = new double[Columns];
        foreach (RowBlock b in ReadBlocks())
        {
            b.Rows.ColumnSquaredNorms(part);
            TensorPrimitives.Add(destination, part, destination);
        }
    }

    /// <inheritdoc />
    public void RowSquaredNorms(Span<double> destination)
    {
        Checks.Length(destination.Length, Rows, nameof(destination), "rows");
        foreach (RowBlock b in ReadBlocks())
            b.Rows.RowSquaredNorms(destination.Slice(b.FirstRow, b.Rows.Rows));
    }

    /// <inheritdoc />
    public double ColumnDot(int j, ReadOnlySpan<double> u) => throw RandomAccess("column");

    /// <inheritdoc />
    public void ColumnAxpy(int j, double alpha, Span<double> y) => throw RandomAccess("column");

    /// <inheritdoc />
    public double RowDot(int i, ReadOnlySpan<double> w) => throw RandomAccess("row");

    /// <inheritdoc />
    public void RowAxpy(int i, double alpha, Span<double> g) => throw RandomAccess("row");

    /// <inheritdoc />
    public ILinearMap Transpose() => new RowBlockedTranspose(this);

    private NotSupportedException RandomAccess(string what) =>
        new($"Reading one {what} of {Description} would read all of it: solvers that need {what} access work block by block (block-minimisation dual coordinate descent, covariance-mode coordinate descent) or by products (L-BFGS, OWL-QN, trust-region Newton, FISTA); load the data into memory for the others.");
}
