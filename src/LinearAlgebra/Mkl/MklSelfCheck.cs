namespace OptSuite.LinearAlgebra.Mkl;

/// <summary>
/// A load-time sanity check of the MKL binding: small ddot, dgemv (both layouts and both operations), a dgemm and a
/// sparse product in both directions, each compared with the managed backend. It catches a wrong calling convention, a wrong
/// interface layer (ILP64 would misread every int) or a broken library before any matrix uses MKL.
/// </summary>
internal static class MklSelfCheck
{
    private const double Tolerance = 1e-12;

    /// <summary>Null when every check passes, else a description of the first failure.</summary>
    public static string? Run(MklBackend mkl)
    {
        var managed = ManagedBackend.Instance;
        double[] x = Fill(37, 1), y = Fill(37, 2);
        double dm = managed.Dot(x, y), dk = mkl.Dot(x, y);
        if (!Close(dk, dm, Math.Abs(dm) + 1)) return $"ddot gave {dk}, managed {dm}";

        const int m = 7, n = 5;
        double[] a = Fill(m * n, 3);
        foreach (var layout in new[] { MatrixLayout.RowMajor, MatrixLayout.ColumnMajor })
        {
            var ma = new DenseMatrix(m, n, a, layout, managed);
            var ka = ma.WithBackend(mkl);
            foreach (var op in new[] { Operation.NoTranspose, Operation.Transpose })
            {
                int inLen = op == Operation.NoTranspose ? n : m, outLen = op == Operation.NoTranspose ? m : n;
                double[] v = Fill(inLen, 4), ym = Fill(outLen, 5), yk = (double[])ym.Clone();
                managed.Gemv(ma, op, 0.5, v, 2.0, ym);
                mkl.Gemv(ka, op, 0.5, v, 2.0, yk);
                string? bad = Compare(yk, ym);
                if (bad is not null) return $"dgemv ({layout}, {op}) {bad}";
            }
        }

        // Large enough for MKL to start its OpenMP threads, so a broken threading layer shows up here and not mid-solve.
        const int g = 96;
        var ga = new DenseMatrix(g, g, Fill(g * g, 9), MatrixLayout.RowMajor, managed);
        var gb = new DenseMatrix(g, g, Fill(g * g, 10), MatrixLayout.ColumnMajor, managed);
        var gm = DenseMatrix.Zeros(g, g, MatrixLayout.RowMajor, managed);
        var gk = DenseMatrix.Zeros(g, g, MatrixLayout.RowMajor, mkl);
        managed.Gemm(ga, Operation.NoTranspose, gb, Operation.Transpose, 1.0, 0.0, gm);
        mkl.Gemm(ga.WithBackend(mkl), Operation.NoTranspose, gb.WithBackend(mkl), Operation.Transpose, 1.0, 0.0, gk);
        string? gemm = Compare(gk.Data, gm.Data);
        if (gemm is not null) return $"dgemm {gemm}";

        // A 6 × 5 CSR with an empty row and an empty column.
        int[] ptr = [0, 2, 3, 3, 5, 7, 8];
        int[] idx = [0, 3, 1, 0, 4, 1, 3, 4];
        double[] val = Fill(8, 6);
        var csr = new CsrMatrix(6, 5, ptr, idx, val, mkl);
        try
        {
            foreach (var op in new[] { Operation.NoTranspose, Operation.Transpose })
            {
                int inLen = op == Operation.NoTranspose ? 5 : 6, outLen = op == Operation.NoTranspose ? 6 : 5;
                double[] v = Fill(inLen, 7), ym = Fill(outLen, 8), yk = (double[])ym.Clone();
                managed.SparseMv(csr, op, -1.5, v, 0.25, ym);
                mkl.SparseMv(csr, op, -1.5, v, 0.25, yk);
                string? bad = Compare(yk, ym);
                if (bad is not null) return $"mkl_sparse_d_mv ({op}) {bad}";
            }
        }
        finally
        {
            (csr.Storage.BackendCache as IDisposable)?.Dispose();
            (csr.Storage.CompanionIfBuilt?.BackendCache as IDisposable)?.Dispose();
        }
        return null;
    }

    private static string? Compare(double[] got, double[] expected)
    {
        double num = 0, den = 0;
        for (int i = 0; i < got.Length; i++)
        {
            num += (got[i] - expected[i]) * (got[i] - expected[i]);
            den += expected[i] * expected[i];
        }
        double rel = Math.Sqrt(num) / Math.Max(Math.Sqrt(den), 1e-300);
        return rel <= Tolerance ? null : $"differs from managed by {rel:E2} (relative, normwise)";
    }

    private static bool Close(double a, double b, double scale) => Math.Abs(a - b) <= Tolerance * scale;

    /// <summary>Deterministic values in (−1, 1) without a random generator (reproducible failure messages).</summary>
    private static double[] Fill(int length, int seed)
    {
        var v = new double[length];
        for (int i = 0; i < length; i++) v[i] = Math.Sin(1.0 + seed * 0.7 + i * 1.3);
        return v;
    }
}
