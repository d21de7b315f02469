using System.Numerics.Tensors;

namespace OptSuite.LinearAlgebra.Managed;

/// <summary>Managed matrix–matrix products (i-k-j order on row-major operands, SIMD along rows of B).</summary>
internal static class DenseProducts
{
    public static void Gemm(DenseMatrix a, Operation opA, DenseMatrix b, Operation opB, double alpha, double beta, DenseMatrix c)
    {
        int m = opA == Operation.NoTranspose ? a.Rows : a.Columns;
        int k = opA == Operation.NoTranspose ? a.Columns : a.Rows;
        int kb = opB == Operation.NoTranspose ? b.Rows : b.Columns;
        int n = opB == Operation.NoTranspose ? b.Columns : b.Rows;
        if (k != kb) throw new ArgumentException($"Inner dimensions differ: op(A) is {m}×{k}, op(B) is {kb}×{n}.", nameof(b));
        if (c.Rows != m || c.Columns != n) throw new ArgumentException($"C must be {m}×{n}; it is {c.Rows}×{c.Columns}.", nameof(c));

        double[] ar = RowMajorOf(a, opA);
        double[] br = RowMajorOf(b, opB);
        bool cRowMajor = c.Layout == MatrixLayout.RowMajor;
        double[] cr = cRowMajor ? c.Data : c.ToLayout(MatrixLayout.RowMajor).Data;

        int parts = LinearAlgebraSettings.Threads;
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts },
            part =>
            {
                var (start, end) = DenseKernels.Range(m, part, parts);
                for (int i = start; i < end; i++)
                {
                    var ci = cr.AsSpan(i * n, n);
                    if (beta == 0) ci.Clear();
                    else if (beta != 1) TensorPrimitives.Multiply(ci, beta, ci);
                    for (int p = 0; p < k; p++)
                    {
                        double s = alpha * ar[(long)i * k + p];
                        if (s != 0) TensorPrimitives.MultiplyAdd(br.AsSpan(p * n, n), s, ci, ci);
                    }
                }
            });

        if (!cRowMajor)
        {
            var back = new DenseMatrix(m, n, cr, MatrixLayout.RowMajor).ToLayout(MatrixLayout.ColumnMajor);
            back.Data.CopyTo(c.Data, 0);
        }
    }

    /// <summary>op(X) as a row-major array, shared when it already is one.</summary>
    private static double[] RowMajorOf(DenseMatrix x, Operation op)
    {
        var view = op == Operation.NoTranspose ? x : x.TransposeDense();
        return view.Layout == MatrixLayout.RowMajor ? view.Data : view.ToLayout(MatrixLayout.RowMajor).Data;
    }
}
