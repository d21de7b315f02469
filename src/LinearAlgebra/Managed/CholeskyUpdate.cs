using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace OptSuite.LinearAlgebra.Managed;

/// <summary>
/// The trailing update of the blocked Cholesky factorisation, A₂₂ ← A₂₂ − L₂₁L₂₁ᵀ on the lower triangle (a SYRK),
/// for row-major storage.
/// </summary>
/// <remarks>
/// GotoBLAS-style (Goto &amp; van de Geijn 2008): L₂₁ᵀ is packed once into 8-column slivers (kb × 8 contiguous doubles),
/// then a 4 × 8 register block of results is accumulated over the kb inner products with 8 Vector256 accumulators,
/// two sliver loads and four broadcasts per step. Blocks on the diagonal write only their lower part. Rows are split
/// into parts of equal triangular area, each written by one thread. The kernels are compiled fully optimised at once
/// (AggressiveOptimization): a factorisation is often run once, and under tiered compilation its short, frequently
/// called kernels would spend most of that run in unoptimised tier-0 code (measured 6 vs 52 GFlop/s).
/// </remarks>
internal static unsafe class CholeskyUpdate
{
    private const int Mr = 4, Nr = 8;

    public static void Run(double* a, int n, int k0, int kb, int r0, int rest)
    {
        int slivers = (rest + Nr - 1) / Nr;
        double[] packed = ArrayPool<double>.Shared.Rent(slivers * Nr * kb);
        try
        {
            fixed (double* pk = packed)
            {
                Pack(a, n, k0, kb, r0, rest, pk);
                var job = new UpdateJob(a, n, k0, kb, r0, rest, pk);
                ParallelWorkers.Run(job, ParallelWorkers.PartsFor((long)rest * rest * kb / 2));
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(packed);
        }
    }

    /// <summary>packed[(s·kb + p)·8 + t] = L₂₁[8s + t, p], zero past the last row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Pack(double* a, int n, int k0, int kb, int r0, int rest, double* packed)
    {
        int slivers = (rest + Nr - 1) / Nr;
        for (int s = 0; s < slivers; s++)
        {
            double* dst = packed + (long)s * kb * Nr;
            for (int t = 0; t < Nr; t++)
            {
                int j = s * Nr + t;
                if (j < rest)
                {
                    double* src = a + (long)(r0 + j) * n + k0;
                    for (int p = 0; p < kb; p++) dst[p * Nr + t] = src[p];
                }
                else
                {
                    for (int p = 0; p < kb; p++) dst[p * Nr + t] = 0;
                }
            }
        }
    }

    private sealed class UpdateJob(double* a, int n, int k0, int kb, int r0, int rest, double* packed) : ParallelJob
    {
        /// <summary>Row boundaries at multiples of 4 splitting the lower triangle into parts of equal area.</summary>
        private int Boundary(int part, int parts)
        {
            if (part >= parts) return rest;
            int b = (int)(rest * Math.Sqrt((double)part / parts)) / Mr * Mr;
            return Math.Min(b, rest);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override void Run(int part, int parts)
        {
            int lo = Boundary(part, parts), hi = Boundary(part + 1, parts);
            double* tile = stackalloc double[Mr * Nr];
            int i0 = lo;
            for (; i0 + Mr <= hi; i0 += Mr) RowBlock(i0, Mr, tile);
            for (; i0 < hi; i0++) RowBlock(i0, 1, tile);
        }

        /// <summary>Rows i0 .. i0+rows−1 (relative to r0), every sliver that reaches the lower triangle.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void RowBlock(int i0, int rows, double* tile)
        {
            int last = i0 + rows - 1;
            for (int s = 0; s * Nr <= last; s++)
            {
                if (rows == Mr) Kernel4x8(i0, s, tile);
                else Kernel1x8(i0, s, tile);
                int j0 = s * Nr;
                for (int r = 0; r < rows; r++)
                {
                    int i = i0 + r;
                    double* dst = a + (long)(r0 + i) * n + r0 + j0;
                    int width = Math.Min(Math.Min(Nr, i - j0 + 1), rest - j0);
                    if (width == Nr)
                    {
                        Vector256.Store(Vector256.Load(dst) - Vector256.Load(tile + r * Nr), dst);
                        Vector256.Store(Vector256.Load(dst + 4) - Vector256.Load(tile + r * Nr + 4), dst + 4);
                    }
                    else
                    {
                        for (int t = 0; t < width; t++) dst[t] -= tile[r * Nr + t];
                    }
                }
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Kernel4x8(int i0, int s, double* tile)
        {
            double* b = packed + (long)s * kb * Nr;
            double* x0 = a + (long)(r0 + i0) * n + k0;
            double* x1 = x0 + n, x2 = x1 + n, x3 = x2 + n;
            Vector256<double> c00 = default, c01 = default, c10 = default, c11 = default;
            Vector256<double> c20 = default, c21 = default, c30 = default, c31 = default;
            for (int p = 0; p < kb; p++)
            {
                var b0 = Vector256.Load(b + p * Nr);
                var b1 = Vector256.Load(b + p * Nr + 4);
                var s0 = Vector256.Create(x0[p]);
                c00 = Vector256.MultiplyAddEstimate(s0, b0, c00);
                c01 = Vector256.MultiplyAddEstimate(s0, b1, c01);
                var s1 = Vector256.Create(x1[p]);
                c10 = Vector256.MultiplyAddEstimate(s1, b0, c10);
                c11 = Vector256.MultiplyAddEstimate(s1, b1, c11);
                var s2 = Vector256.Create(x2[p]);
                c20 = Vector256.MultiplyAddEstimate(s2, b0, c20);
                c21 = Vector256.MultiplyAddEstimate(s2, b1, c21);
                var s3 = Vector256.Create(x3[p]);
                c30 = Vector256.MultiplyAddEstimate(s3, b0, c30);
                c31 = Vector256.MultiplyAddEstimate(s3, b1, c31);
            }
            c00.Store(tile); c01.Store(tile + 4);
            c10.Store(tile + 8); c11.Store(tile + 12);
            c20.Store(tile + 16); c21.Store(tile + 20);
            c30.Store(tile + 24); c31.Store(tile + 28);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Kernel1x8(int i, int s, double* tile)
        {
            double* b = packed + (long)s * kb * Nr;
            double* x = a + (long)(r0 + i) * n + k0;
            Vector256<double> c0 = default, c1 = default;
            for (int p = 0; p < kb; p++)
            {
                var sp = Vector256.Create(x[p]);
                c0 = Vector256.MultiplyAddEstimate(sp, Vector256.Load(b + p * Nr), c0);
                c1 = Vector256.MultiplyAddEstimate(sp, Vector256.Load(b + p * Nr + 4), c1);
            }
            c0.Store(tile);
            c1.Store(tile + 4);
        }
    }
}
