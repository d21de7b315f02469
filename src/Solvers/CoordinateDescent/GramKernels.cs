using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace OptSuite.Solvers;

/// <summary>
/// Dense kernels of the Gram engine: C[a, b] += Σ_i B[i, a]·B[i, b] for a block of rows of a column-major B, on the
/// lower triangle of a range of rows of C.
/// </summary>
/// <remarks>
/// A 2×4 register tile (eight SIMD accumulators, six loads per eight fused multiply-adds) along the rows of the block,
/// the shape of BLAS dsyrk's inner kernel (Goto &amp; van de Geijn 2008). Single-threaded with a fixed summation order,
/// so a Gram matrix — and the coordinate-descent run built on it — is bit-identical from run to run and for any thread
/// count (MKL's dsyrk is not: its threads split the row sum).
/// </remarks>
internal static class GramKernels
{
    /// <summary>
    /// For a ∈ [<paramref name="from"/>, <paramref name="to"/>) and b ≤ a: c[a·ldc + b] += ⟨B_a, B_b⟩ over the
    /// <paramref name="rows"/> rows of the column-major block <paramref name="block"/> (column a at a·rows). Entries
    /// with b &gt; a in those rows may also be written (with partial sums); the caller mirrors the lower triangle.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddLowerRows(ReadOnlySpan<double> block, int rows, int from, int to, Span<double> c, int ldc)
    {
        int a = from;
        for (; a + 1 < to; a += 2)
        {
            int b = 0;
            // Columns up to a + 1 are needed for row a + 1; the tile may spill past the diagonal of row a.
            for (; b + 3 <= a + 1; b += 4) Tile2x4(block, rows, a, b, c, ldc);
            for (; b <= a + 1; b++)
            {
                c[(a + 1) * ldc + b] += Dot(block, rows, a + 1, b);
                if (b <= a) c[a * ldc + b] += Dot(block, rows, a, b);
            }
        }
        if (a < to)
            for (int b = 0; b <= a; b++) c[a * ldc + b] += Dot(block, rows, a, b);
    }

    private static double Dot(ReadOnlySpan<double> block, int rows, int a, int b) =>
        TensorPrimitives.Dot(block.Slice(a * rows, rows), block.Slice(b * rows, rows));

    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Tile2x4(ReadOnlySpan<double> block, int rows, int a, int b, Span<double> c, int ldc)
    {
        ref double origin = ref MemoryMarshal.GetReference(block);
        ref double x0 = ref Unsafe.Add(ref origin, a * rows);
        ref double x1 = ref Unsafe.Add(ref origin, (a + 1) * rows);
        ref double y0 = ref Unsafe.Add(ref origin, b * rows);
        ref double y1 = ref Unsafe.Add(ref origin, (b + 1) * rows);
        ref double y2 = ref Unsafe.Add(ref origin, (b + 2) * rows);
        ref double y3 = ref Unsafe.Add(ref origin, (b + 3) * rows);
        Vector<double> s00 = default, s01 = default, s02 = default, s03 = default;
        Vector<double> s10 = default, s11 = default, s12 = default, s13 = default;
        int width = Vector<double>.Count, i = 0;
        for (; i + width <= rows; i += width)
        {
            nuint at = (nuint)i;
            var u0 = Vector.LoadUnsafe(ref x0, at);
            var u1 = Vector.LoadUnsafe(ref x1, at);
            var v = Vector.LoadUnsafe(ref y0, at);
            s00 = Vector.FusedMultiplyAdd(u0, v, s00);
            s10 = Vector.FusedMultiplyAdd(u1, v, s10);
            v = Vector.LoadUnsafe(ref y1, at);
            s01 = Vector.FusedMultiplyAdd(u0, v, s01);
            s11 = Vector.FusedMultiplyAdd(u1, v, s11);
            v = Vector.LoadUnsafe(ref y2, at);
            s02 = Vector.FusedMultiplyAdd(u0, v, s02);
            s12 = Vector.FusedMultiplyAdd(u1, v, s12);
            v = Vector.LoadUnsafe(ref y3, at);
            s03 = Vector.FusedMultiplyAdd(u0, v, s03);
            s13 = Vector.FusedMultiplyAdd(u1, v, s13);
        }
        double t00 = Vector.Sum(s00), t01 = Vector.Sum(s01), t02 = Vector.Sum(s02), t03 = Vector.Sum(s03);
        double t10 = Vector.Sum(s10), t11 = Vector.Sum(s11), t12 = Vector.Sum(s12), t13 = Vector.Sum(s13);
        for (; i < rows; i++)
        {
            double u0 = Unsafe.Add(ref x0, i), u1 = Unsafe.Add(ref x1, i);
            double v0 = Unsafe.Add(ref y0, i), v1 = Unsafe.Add(ref y1, i), v2 = Unsafe.Add(ref y2, i), v3 = Unsafe.Add(ref y3, i);
            t00 += u0 * v0; t01 += u0 * v1; t02 += u0 * v2; t03 += u0 * v3;
            t10 += u1 * v0; t11 += u1 * v1; t12 += u1 * v2; t13 += u1 * v3;
        }
        Span<double> r0 = c.Slice(a * ldc + b, 4), r1 = c.Slice((a + 1) * ldc + b, 4);
        r0[0] += t00; r0[1] += t01; r0[2] += t02; r0[3] += t03;
        r1[0] += t10; r1[1] += t11; r1[2] += t12; r1[3] += t13;
    }
}
