using OptSuite.LinearAlgebra;
using OptSuite.LinearAlgebra.Managed;
using OptSuite.Tests.LinearAlgebra.Dense;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.LinearAlgebra.Managed;

/// <summary>The blocked managed Cholesky equals the unblocked one for every block size, edge and layout.</summary>
public class DenseCholeskyTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(13, 1)]
    [InlineData(13, 4)]
    [InlineData(50, 8)]
    [InlineData(50, 7)]   // panel and trailing sizes not multiples of the 4 × 8 register block
    [InlineData(130, 96)]
    [InlineData(300, 64)]
    [InlineData(301, 96)]
    public void BlockedMatchesUnblocked(int n, int blockSize)
    {
        var g = CholeskyFactorizationTests.RidgeGram(new Random(n * 3 + blockSize), n);
        foreach (var layout in new[] { MatrixLayout.RowMajor, MatrixLayout.ColumnMajor })
        {
            var blocked = new DenseMatrix(n, n, (double[])g.Clone(), MatrixLayout.RowMajor, LinearAlgebraBackends.Managed).ToLayout(layout);
            var unblocked = new DenseMatrix(n, n, blocked.Values.ToArray(), layout, LinearAlgebraBackends.Managed);
            Assert.Equal(0, DenseCholesky.Factor(blocked, blockSize));
            Assert.Equal(0, DenseCholesky.Factor(unblocked, blockSize: n));
            Parity.Equal(unblocked.Values, blocked.Values, $"n = {n}, nb = {blockSize}, {layout}");
            // LLᵀ reproduces A.
            var l = blocked.ToLayout(MatrixLayout.RowMajor);
            var llt = DenseMatrix.Zeros(n, n, backend: LinearAlgebraBackends.Managed);
            LinearAlgebraBackends.Managed.Gemm(l, Operation.NoTranspose, l, Operation.Transpose, 1, 0, llt);
            Parity.Equal(g, llt.Values, $"LLᵀ, n = {n}, nb = {blockSize}, {layout}");
        }
    }

    [Theory]
    [InlineData(8)]
    [InlineData(96)]
    public void FailingPivotIsTheSameForEveryBlockSize(int blockSize)
    {
        const int n = 200;
        var g = CholeskyFactorizationTests.RidgeGram(new Random(9), n);
        g[150 * n + 150] = -1e6;
        var a = new DenseMatrix(n, n, g, MatrixLayout.RowMajor, LinearAlgebraBackends.Managed);
        Assert.Equal(151, DenseCholesky.Factor(a, blockSize));
    }
}
