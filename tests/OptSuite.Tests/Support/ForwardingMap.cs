using OptSuite.LinearAlgebra;

namespace OptSuite.Tests.Support;

/// <summary>A linear map of a user's own type: forwards everything to a dense matrix, which code that needs stored entries
/// (coordinate methods, column appends) cannot see through.</summary>
internal sealed class ForwardingMap(DenseMatrix inner) : ILinearMap
{
    public int Rows => inner.Rows;
    public int Columns => inner.Columns;
    public long StoredCount => inner.StoredCount;
    public ILinearAlgebraBackend Backend => inner.Backend;
    public void Apply(ReadOnlySpan<double> x, Span<double> y, double alpha = 1, double beta = 0) => inner.Apply(x, y, alpha, beta);
    public void ApplyTranspose(ReadOnlySpan<double> u, Span<double> g, double alpha = 1, double beta = 0) => inner.ApplyTranspose(u, g, alpha, beta);
    public double ColumnDot(int j, ReadOnlySpan<double> u) => inner.ColumnDot(j, u);
    public void ColumnAxpy(int j, double alpha, Span<double> y) => inner.ColumnAxpy(j, alpha, y);
    public void ColumnSquaredNorms(Span<double> destination) => inner.ColumnSquaredNorms(destination);
    public double RowDot(int i, ReadOnlySpan<double> w) => inner.RowDot(i, w);
    public void RowAxpy(int i, double alpha, Span<double> g) => inner.RowAxpy(i, alpha, g);
    public void RowSquaredNorms(Span<double> destination) => inner.RowSquaredNorms(destination);
    public ILinearMap Transpose() => inner.Transpose();
}
