using System.Numerics;
using System.Numerics.Tensors;
using OptSuite.LinearAlgebra.Managed;

namespace OptSuite.LinearAlgebra;

/// <summary>
/// The pure .NET backend: TensorPrimitives for BLAS-1, SIMD dense kernels and gather/scatter sparse kernels split
/// over <see cref="LinearAlgebraSettings.MaxThreads"/> threads for large products. Always available; the reference
/// against which the MKL backend is tested.
/// </summary>
public sealed class ManagedBackend : ILinearAlgebraBackend
{
    /// <summary>The single instance.</summary>
    public static ManagedBackend Instance { get; } = new();

    private ManagedBackend() { }

    /// <inheritdoc/>
    public BackendKind Kind => BackendKind.Managed;

    /// <inheritdoc/>
    public string Description =>
        $"managed (.NET {Environment.Version}, SIMD {Vector<double>.Count}×double, {LinearAlgebraSettings.Threads} threads)";

    /// <inheritdoc/>
    public double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y) => TensorPrimitives.Dot(x, y);

    /// <inheritdoc/>
    public void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y) => TensorPrimitives.MultiplyAdd(x, alpha, y, y);

    /// <inheritdoc/>
    public double Norm2(ReadOnlySpan<double> x)
    {
        double ss = TensorPrimitives.SumOfSquares(x);
        // Plain sum of squares is exact enough unless it overflowed or sank into the subnormal range.
        if (double.IsFinite(ss) && ss > 1e-280) return Math.Sqrt(ss);
        if (x.Length == 0) return 0;
        double scale = TensorPrimitives.MaxMagnitude(x);
        scale = Math.Abs(scale);
        if (scale == 0 || !double.IsFinite(scale)) return scale;
        double acc = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double t = x[i] / scale;
            acc += t * t;
        }
        return scale * Math.Sqrt(acc);
    }

    /// <inheritdoc/>
    public void Gemv(DenseMatrix a, Operation op, double alpha, ReadOnlySpan<double> x, double beta, Span<double> y)
    {
        bool rowMajor = a.Layout == MatrixLayout.RowMajor;
        int lines = rowMajor ? a.Rows : a.Columns, length = rowMajor ? a.Columns : a.Rows;
        // Row-major A·x and column-major Aᵀ·u are dot products with the stored lines; the other two are axpys.
        if (rowMajor == (op == Operation.NoTranspose)) DenseKernels.DotLines(a.Data, lines, length, x, y, alpha, beta);
        else DenseKernels.AxpyLines(a.Data, lines, length, x, y, alpha, beta);
    }

    /// <inheritdoc/>
    public void Gemm(DenseMatrix a, Operation opA, DenseMatrix b, Operation opB, double alpha, double beta, DenseMatrix c)
        => DenseProducts.Gemm(a, opA, b, opB, alpha, beta, c);

    /// <inheritdoc/>
    public void Syrk(DenseMatrix a, Operation op, double alpha, double beta, DenseMatrix c)
        => DenseProducts.Gemm(a, op == Operation.NoTranspose ? Operation.Transpose : Operation.NoTranspose,
            a, op, alpha, beta, c);

    /// <inheritdoc/>
    public void SparseMv(CsrMatrix a, Operation op, double alpha, ReadOnlySpan<double> x, double beta, Span<double> y)
    {
        if (op == Operation.NoTranspose) SparseKernels.Gather(a.Storage, x, y, alpha, beta);
        else SparseKernels.Scatter(a.Storage, x, y, alpha, beta);
    }

    /// <inheritdoc/>
    public void SparseMv(CscMatrix a, Operation op, double alpha, ReadOnlySpan<double> x, double beta, Span<double> y)
    {
        if (op == Operation.NoTranspose) SparseKernels.Scatter(a.Storage, x, y, alpha, beta);
        else SparseKernels.Gather(a.Storage, x, y, alpha, beta);
    }

    /// <inheritdoc/>
    public int CholeskyFactor(DenseMatrix a) => DenseCholesky.Factor(a);

    /// <inheritdoc/>
    public void CholeskySolve(DenseMatrix factor, DenseMatrix b) => DenseCholesky.Solve(factor, b);

    /// <inheritdoc/>
    public override string ToString() => Description;
}
