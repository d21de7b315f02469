using OptSuite.LinearAlgebra;
using OptSuite.LinearAlgebra.Mkl;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.LinearAlgebra.Mkl;

/// <summary>
/// MKL inspector–executor products agree with the managed kernels for CSR and CSC, plain and transposed, and every
/// <see cref="ILinearMap"/> built on the MKL backend agrees with the same map on the managed backend.
/// </summary>
public class MklSparseParityTests
{
    public static TheoryData<int, int, double> Shapes => new()
    {
        { 0, 4, 1.0 },
        { 4, 0, 1.0 },
        { 5, 6, 0.0 },      // no stored entries
        { 1, 1, 1.0 },
        { 9, 1, 0.6 },
        { 1, 9, 0.6 },
        { 300, 200, 0.05 }, // empty rows and columns likely
        { 2000, 50, 0.3 },  // tall
        { 40, 3000, 0.02 }, // wide
        { 2000, 700, 0.1 }, // large enough for threads
    };

    private static readonly (double Alpha, double Beta)[] Scalars = [(1, 0), (-0.5, 1), (2, -3), (0, 0.5)];

    [MklTheory]
    [MemberData(nameof(Shapes))]
    public void SparseMvCsrAndCscBothOperations(int m, int n, double density)
    {
        var rng = new Random(m * 7 + n);
        var a = RandomMatrices.Dense(rng, m, n, density);
        var csr = RandomMatrices.Csr(a, Parity.Managed);
        var csc = csr.ToCsc();
        foreach (var strategy in new[] { MklBackend.SparseStrategy.Direct, MklBackend.SparseStrategy.Optimized, MklBackend.SparseStrategy.Companion })
        {
            // Fresh storage per strategy: the handle is cached per storage with the strategy's hints.
            var mkl = ((MklBackend)Parity.Mkl).WithSparseStrategy(strategy);
            var csrK = RandomMatrices.Csr(a, mkl);
            var cscK = RandomMatrices.Csr(a, Parity.Managed).ToCsc().WithBackend(mkl);
            foreach (var op in new[] { Operation.NoTranspose, Operation.Transpose })
            {
                int inLen = op == Operation.NoTranspose ? n : m, outLen = op == Operation.NoTranspose ? m : n;
                foreach (var (alpha, beta) in Scalars)
                {
                    var x = RandomMatrices.Vector(rng, inLen);
                    var y0 = beta == 0 ? Parity.NaNs(outLen) : RandomMatrices.Vector(rng, outLen);
                    double[] ym = (double[])y0.Clone(), yr = (double[])y0.Clone(), yc = (double[])y0.Clone();
                    Parity.Managed.SparseMv(csr, op, alpha, x, beta, ym);
                    mkl.SparseMv(csrK, op, alpha, x, beta, yr);
                    mkl.SparseMv(cscK, op, alpha, x, beta, yc);
                    string what = $"{m}×{n} {op} α={alpha} β={beta} {strategy}";
                    Parity.Equal(ym, yr, "csr " + what);
                    Parity.Equal(ym, yc, "csc " + what);
                    double[] ycm = (double[])y0.Clone();
                    Parity.Managed.SparseMv(csc, op, alpha, x, beta, ycm);
                    Parity.Equal(ym, ycm, "managed csc " + what);
                }
            }
        }
    }

    [MklFact]
    public void UnsortedIndicesAndDuplicatesActAsASum()
    {
        // Row 0: (0, 3) twice and (0, 1), out of order; row 2: (2, 0), (2, 2) reversed; row 1 empty.
        int[] ptr = [0, 3, 3, 5];
        int[] idx = [3, 1, 3, 2, 0];
        double[] val = [1.5, -2, 0.25, 4, 3];
        var managed = new CsrMatrix(3, 4, ptr, idx, val, Parity.Managed);
        var mkl = new CsrMatrix(3, 4, ptr, idx, val, Parity.Mkl);
        Assert.False(mkl.HasSortedIndices);
        double[] x = [1, 2, 3, 4], u = [1, -1, 2];
        double[] ym = new double[3], yk = new double[3], gm = new double[4], gk = new double[4];
        managed.Apply(x, ym);
        mkl.Apply(x, yk);
        managed.ApplyTranspose(u, gm);
        mkl.ApplyTranspose(u, gk);
        Assert.Equal(new double[] { 3, 0, 15 }, ym);
        Parity.Equal(ym, yk, "unsorted Apply");
        Parity.Equal(gm, gk, "unsorted ApplyTranspose");
    }

    [MklFact]
    public void HandleIsCreatedOnceAndSharedAcrossThreadsAndViews()
    {
        var rng = new Random(5);
        var a = RandomMatrices.Dense(rng, 400, 300, 0.05);
        var csr = RandomMatrices.Csr(a, Parity.Mkl);
        var reference = RandomMatrices.Csr(a, Parity.Managed);
        var x = RandomMatrices.Vector(rng, 300);
        var expected = new double[400];
        reference.Apply(x, expected);
        var results = new double[16][];
        Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 8 }, t =>
        {
            results[t] = new double[400];
            csr.Apply(x, results[t]);
        });
        foreach (var r in results) Parity.Equal(expected, r, "concurrent first use");
        var handle = Assert.IsType<MklSparseHandle>(csr.Storage.BackendCache);
        Assert.False(handle.IsInvalid);
        // The transposed CSC view shares the storage and therefore the handle.
        var g = new double[400];
        csr.TransposeCsc().ApplyTranspose(x, g);
        Parity.Equal(expected, g, "transposed view");
        Assert.Same(handle, csr.Storage.BackendCache);
    }

    [MklFact]
    public void ProductsDoNotAllocateAfterWarmUp()
    {
        var rng = new Random(12);
        var a = RandomMatrices.Dense(rng, 500, 300, 0.1);
        var x = RandomMatrices.Vector(rng, 300);
        var u = RandomMatrices.Vector(rng, 500);
        double[] y = new double[500], g = new double[300];
        foreach (var (name, _, map) in Maps(a))
        {
            // Past the tiering call-count threshold (30), so tier-up bookkeeping cannot land inside the measurement.
            for (int t = 0; t < 40; t++)
            {
                map.Apply(x, y);
                map.ApplyTranspose(u, g, 0.5, 1);
            }
            long allocated = Allocations.Least(() =>
            {
                for (int t = 0; t < 20; t++)
                {
                    map.Apply(x, y);
                    map.ApplyTranspose(u, g, 0.5, 1);
                }
            });
            Assert.True(allocated == 0, $"{name}: {allocated} bytes allocated by 40 products");
        }
    }

    [MklFact]
    public void HandlesOfUnreachableMatricesAreReleased()
    {
        var rng = new Random(13);
        var x = RandomMatrices.Vector(rng, 40);
        for (int k = 0; k < 200; k++)
        {
            var csr = RandomMatrices.Csr(RandomMatrices.Dense(rng, 30, 40, 0.2), Parity.Mkl);
            var y = new double[30];
            csr.Apply(x, y);
        }
        // Finalisers destroy the MKL handles and unpin the arrays; this must neither crash nor leak pins.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    [MklTheory]
    [MemberData(nameof(Shapes))]
    public void LinearMapsAgreeAcrossBackends(int m, int n, double density)
    {
        var rng = new Random(m * 13 + n);
        var a = RandomMatrices.Dense(rng, m, n, density);
        var x = RandomMatrices.Vector(rng, n);
        var u = RandomMatrices.Vector(rng, m);
        foreach (var (name, managed, mkl) in Maps(a))
        {
            Assert.Equal(BackendKind.Mkl, mkl.Backend.Kind);
            foreach (var (alpha, beta) in Scalars)
            {
                var y0 = beta == 0 ? Parity.NaNs(m) : RandomMatrices.Vector(rng, m);
                var g0 = beta == 0 ? Parity.NaNs(n) : RandomMatrices.Vector(rng, n);
                double[] ym = (double[])y0.Clone(), yk = (double[])y0.Clone(), gm = (double[])g0.Clone(), gk = (double[])g0.Clone();
                managed.Apply(x, ym, alpha, beta);
                mkl.Apply(x, yk, alpha, beta);
                managed.ApplyTranspose(u, gm, alpha, beta);
                mkl.ApplyTranspose(u, gk, alpha, beta);
                Parity.Equal(ym, yk, $"{name} Apply α={alpha} β={beta}");
                Parity.Equal(gm, gk, $"{name} ApplyTranspose α={alpha} β={beta}");
            }
            var tk = mkl.Transpose();
            var yt = new double[n];
            var gt = new double[n];
            tk.Apply(u, yt);
            managed.ApplyTranspose(u, gt);
            Parity.Equal(gt, yt, $"{name} Transpose().Apply");
        }
    }

    private static IEnumerable<(string, ILinearMap, ILinearMap)> Maps(double[,] a)
    {
        var dense = DenseMatrix.FromArray(a, Parity.Managed);
        var denseCm = dense.ToLayout(MatrixLayout.ColumnMajor);
        yield return ("dense row-major", dense, dense.WithBackend(Parity.Mkl));
        yield return ("dense column-major", denseCm, denseCm.WithBackend(Parity.Mkl));
        var csr = RandomMatrices.Csr(a, Parity.Managed);
        yield return ("csr", csr, RandomMatrices.Csr(a, Parity.Mkl));
        yield return ("csc", csr.ToCsc(), RandomMatrices.Csr(a, Parity.Managed).ToCsc().WithBackend(Parity.Mkl));
    }
}
