namespace OptSuite.LinearAlgebra.Distributed;

/// <summary>
/// The rows of X split across the ranks of a communicator (see <see cref="IDistributedMap"/>): each rank wraps its own
/// rows — a stored matrix or a shard directory — and the products reduce their feature-space part with one all-reduce.
/// </summary>
/// <remarks>
/// Building it is collective: every rank calls the constructor; the column counts are checked equal on every rank, and
/// the global row count and this rank's first row come from one all-reduce of the ranks' row counts. One p-long scratch
/// vector is kept for the reductions, so one instance must not be used from two threads at once (as the objectives).
/// Column access (<see cref="ColumnDot"/>) needs an all-reduce per call and is refused: coordinate descent does not run
/// on distributed rows (covariance mode reduces XᵀWX instead). Row access is local.
/// </remarks>
public sealed class DistributedRows : IDistributedMap
{
    private readonly double[] _scratch;

    /// <summary>Wraps this rank's rows (collective: every rank calls it).</summary>
    /// <param name="local">This rank's rows (may have none; all ranks must have the same number of columns).</param>
    /// <param name="communicator">The ranks; rank r holds the r-th range of rows.</param>
    public DistributedRows(ILinearMap local, ICommunicator communicator)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(communicator);
        Local = local;
        Communicator = communicator;
        int size = communicator.Size;
        Span<long> counts = size <= 64 ? stackalloc long[size + 2] : new long[size + 2];
        counts[communicator.Rank] = local.Rows;
        counts[size] = local.Columns;
        counts[size + 1] = (long)local.Columns * local.Columns;   // Σp² = K·p² only when every p is the same
        communicator.AllReduceSum(counts);
        long p = local.Columns;
        if (counts[size] != size * p || counts[size + 1] != size * p * p)
            throw new ArgumentException($"The ranks' row blocks have different column counts (rank {communicator.Rank} has {p}); every rank must hold all {p} features (pad narrower data with the global feature count).", nameof(local));
        for (int r = 0; r < size; r++)
        {
            if (r < communicator.Rank) FirstRow += counts[r];
            GlobalRows += counts[r];
        }
        _scratch = new double[local.Columns];
    }

    /// <inheritdoc/>
    public ILinearMap Local { get; }

    /// <inheritdoc/>
    public ICommunicator Communicator { get; }

    /// <inheritdoc/>
    public long GlobalRows { get; }

    /// <inheritdoc/>
    public long FirstRow { get; }

    /// <summary>This rank's rows.</summary>
    public int Rows => Local.Rows;

    /// <inheritdoc/>
    public int Columns => Local.Columns;

    /// <summary>This rank's stored entries.</summary>
    public long StoredCount => Local.StoredCount;

    /// <inheritdoc/>
    public ILinearAlgebraBackend Backend => Local.Backend;

    /// <summary>y = αA_kx + βy on this rank's rows (no communication).</summary>
    public void Apply(ReadOnlySpan<double> x, Span<double> y, double alpha = 1, double beta = 0) => Local.Apply(x, y, alpha, beta);

    /// <summary>g = αAᵀu + βg: this rank's part, then one all-reduce of p doubles.</summary>
    public void ApplyTranspose(ReadOnlySpan<double> u, Span<double> g, double alpha = 1, double beta = 0)
    {
        Checks.Length(g.Length, Columns, nameof(g), "columns");
        Local.ApplyTranspose(u, _scratch, alpha, 0);
        Combine(g, beta);
    }

    /// <summary>Adds the ranks' parts in the scratch vector (one all-reduce) into <paramref name="g"/> = part + βg.</summary>
    internal void Combine(Span<double> g, double beta)
    {
        Communicator.AllReduceSum(_scratch);
        if (beta == 0) _scratch.CopyTo(g);
        else for (int j = 0; j < g.Length; j++) g[j] = _scratch[j] + beta * g[j];
    }

    /// <summary>The p-long scratch vector that <see cref="Combine"/> reduces.</summary>
    internal Span<double> Scratch => _scratch;

    /// <summary>Refused: one column's dot product over all ranks would be an all-reduce per call.</summary>
    public double ColumnDot(int j, ReadOnlySpan<double> u) =>
        throw new NotSupportedException("Column access on rows distributed across ranks needs an all-reduce per column; solvers that use it (coordinate descent) do not run distributed — L-BFGS, OWL-QN, FISTA, trust-region Newton and covariance-mode coordinate descent do.");

    /// <summary>y += α·(column j) on this rank's rows.</summary>
    public void ColumnAxpy(int j, double alpha, Span<double> y) => Local.ColumnAxpy(j, alpha, y);

    /// <summary>‖A_{:,j}‖² over all ranks (one all-reduce).</summary>
    public void ColumnSquaredNorms(Span<double> destination)
    {
        Checks.Length(destination.Length, Columns, nameof(destination), "columns");
        Local.ColumnSquaredNorms(_scratch);
        Combine(destination, 0);
    }

    /// <inheritdoc/>
    public double RowDot(int i, ReadOnlySpan<double> w) => Local.RowDot(i, w);

    /// <summary>g += α·(row i) for a row of this rank: local, not reduced.</summary>
    public void RowAxpy(int i, double alpha, Span<double> g) => Local.RowAxpy(i, alpha, g);

    /// <inheritdoc/>
    public void RowSquaredNorms(Span<double> destination) => Local.RowSquaredNorms(destination);

    /// <summary>Refused: the transpose of row-distributed data is column-distributed, which no solver here uses.</summary>
    public ILinearMap Transpose() =>
        throw new NotSupportedException("Rows distributed across ranks have no transposed view.");

    /// <inheritdoc/>
    public override string ToString() => $"rows {FirstRow}…{FirstRow + Rows - 1} of {GlobalRows} × {Columns} on rank {Communicator.Rank} of {Communicator.Size} ({Local})";
}
