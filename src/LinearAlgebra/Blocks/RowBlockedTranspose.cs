namespace OptSuite.LinearAlgebra;

/// <summary>Aᵀ of a <see cref="RowBlockedMap"/>: its products swapped, its random access refused as the original's.</summary>
internal sealed class RowBlockedTranspose(RowBlockedMap a) : ILinearMap
{
    public int Rows => a.Columns;
    public int Columns => a.Rows;
    public long StoredCount => a.StoredCount;
    public ILinearAlgebraBackend Backend => a.Backend;
    public void Apply(ReadOnlySpan<double> x, Span<double> y, double alpha = 1, double beta = 0) => a.ApplyTranspose(x, y, alpha, beta);
    public void ApplyTranspose(ReadOnlySpan<double> u, Span<double> g, double alpha = 1, double beta = 0) => a.Apply(u, g, alpha, beta);
    public double ColumnDot(int j, ReadOnlySpan<double> u) => a.RowDot(j, u);
    public void ColumnAxpy(int j, double alpha, Span<double> y) => a.RowAxpy(j, alpha, y);
    public void ColumnSquaredNorms(Span<double> destination) => a.RowSquaredNorms(destination);
    public double RowDot(int i, ReadOnlySpan<double> w) => a.ColumnDot(i, w);
    public void RowAxpy(int i, double alpha, Span<double> g) => a.ColumnAxpy(i, alpha, g);
    public void RowSquaredNorms(Span<double> destination) => a.ColumnSquaredNorms(destination);
    public ILinearMap Transpose() => a;
    public override string ToString() => $"transpose of {a}";
}
