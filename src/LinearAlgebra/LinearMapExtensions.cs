namespace OptSuite.LinearAlgebra;

/// <summary>Operations on any <see cref="ILinearMap"/> that need its storage: they dispatch to the storage type.</summary>
public static class LinearMapExtensions
{
    /// <summary>
    /// [X, c·1]: a copy of <paramref name="x"/> with one more column, every entry <paramref name="value"/>, in x's storage
    /// kind, layout and backend (<see cref="DenseMatrix.AppendConstantColumn"/>, <see cref="CsrMatrix.AppendConstantColumn"/>,
    /// <see cref="CscMatrix.AppendConstantColumn"/>); for data read in row blocks (<see cref="IRowBlockedMap"/>), which
    /// cannot be copied, a view whose blocks gain the column as they are read (<see cref="RowBlockedConstantColumn"/>); for
    /// rows split across ranks (<see cref="Distributed.DistributedRows"/>; collective) each rank's rows gain it.
    /// Models use it for a penalised bias (LIBLINEAR's <c>-B</c>).
    /// </summary>
    /// <param name="x">A dense, CSR or CSC matrix (transposed views included: they are one of those), or a row-blocked map.</param>
    /// <param name="value">The constant c; must be finite.</param>
    /// <exception cref="ArgumentException"><paramref name="x"/> is an <see cref="ILinearMap"/> of another type, whose
    /// entries cannot be copied.</exception>
    public static ILinearMap AppendConstantColumn(this ILinearMap x, double value)
    {
        ArgumentNullException.ThrowIfNull(x);
        return x switch
        {
            DenseMatrix dense => dense.AppendConstantColumn(value),
            CsrMatrix csr => csr.AppendConstantColumn(value),
            CscMatrix csc => csc.AppendConstantColumn(value),
            IRowBlockedMap blocks => new RowBlockedConstantColumn(blocks, value),
            // Collective: every rank appends the column to its rows and wraps them again.
            Distributed.DistributedRows rows => new Distributed.DistributedRows(rows.Local.AppendConstantColumn(value), rows.Communicator),
            _ => throw new ArgumentException(
                $"A constant column can be appended to a DenseMatrix, CsrMatrix, CscMatrix or row-blocked map; {x.GetType().Name} is another ILinearMap, " +
                "whose entries cannot be copied. Convert it to one of those types first.", nameof(x)),
        };
    }
}
