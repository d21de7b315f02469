using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using OptSuite.LinearAlgebra;

namespace OptSuite.Solvers;

/// <summary>Column reductions of the coordinate engines over CSC storage.</summary>
/// <remarks>
/// A column that stores all n rows (dense data, e.g. microarrays, kept in CSC) has the row indices 0 … n − 1 in order,
/// so its reductions are contiguous and run on SIMD vectors; other columns gather. The summation order depends only on
/// the column and the vector width, so results are the same from run to run on a machine.
/// </remarks>
internal static class ColumnKernels
{
    /// <summary>(Σ_t s[rows[t]]·values[t], Σ_t |s[rows[t]]·values[t]|) over one column.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (double Sum, double Magnitude) DotAndMagnitude(ReadOnlySpan<double> s, ReadOnlySpan<int> rows, ReadOnlySpan<double> values)
    {
        if (values.Length == s.Length) return DenseDotAndMagnitude(s, values);
        double sum = 0, magnitude = 0;
        for (int t = 0; t < values.Length; t++)
        {
            double term = s[rows[t]] * values[t];
            sum += term;
            magnitude += Math.Abs(term);
        }
        return (sum, magnitude);
    }

    /// <summary>Σ_t s[rows[t]]·values[t] over one column.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Dot(ReadOnlySpan<double> s, ReadOnlySpan<int> rows, ReadOnlySpan<double> values)
    {
        if (values.Length == s.Length) return System.Numerics.Tensors.TensorPrimitives.Dot(s, values);
        double sum = 0;
        for (int t = 0; t < values.Length; t++) sum += s[rows[t]] * values[t];
        return sum;
    }

    /// <summary>z += Σ_j w_j x_j over the non-zero w_j only (a sparse solution's scores cost a fraction of a product).</summary>
    public static void AddNonZeroColumns(CscMatrix x, ReadOnlySpan<double> w, Span<double> z)
    {
        ReadOnlySpan<int> ptr = x.ColumnPointers, idx = x.RowIndices;
        ReadOnlySpan<double> val = x.Values;
        for (int j = 0; j < w.Length; j++)
        {
            double wj = w[j];
            if (wj == 0) continue;
            for (int t = ptr[j]; t < ptr[j + 1]; t++) z[idx[t]] += wj * val[t];
        }
    }

    /// <summary>
    /// <see cref="DotAndMagnitude"/> of four dense columns (each storing all n = s.Length rows, starting at
    /// <paramref name="starts"/> in <paramref name="values"/>) at once, bit for bit as four calls: every column keeps its
    /// own vector accumulators and summation order, and the four are interleaved so their latency chains (the
    /// horizontal sums and the scalar tail, a fifth of a 38-row column) overlap and s is loaded once. Results go to
    /// <paramref name="sums"/> and <paramref name="magnitudes"/> (length 4).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void DenseDotAndMagnitude4(ReadOnlySpan<double> s, ReadOnlySpan<double> values, ReadOnlySpan<int> starts,
        Span<double> sums, Span<double> magnitudes)
    {
        int n = s.Length;
        if (starts.Length != 4 || sums.Length < 4 || magnitudes.Length < 4)
            throw new ArgumentException("Four column starts and room for four results are needed.", nameof(starts));
        for (int c = 0; c < 4; c++)
            if ((uint)starts[c] > (uint)(values.Length - n))
                throw new ArgumentOutOfRangeException(nameof(starts), starts[c], "A dense column runs past the stored values.");
        ref double sr = ref MemoryMarshal.GetReference(s);
        ref double x0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(values), starts[0]);
        ref double x1 = ref Unsafe.Add(ref MemoryMarshal.GetReference(values), starts[1]);
        ref double x2 = ref Unsafe.Add(ref MemoryMarshal.GetReference(values), starts[2]);
        ref double x3 = ref Unsafe.Add(ref MemoryMarshal.GetReference(values), starts[3]);
        int width = Vector<double>.Count, i = 0;
        Vector<double> a0 = default, a1 = default, b0 = default, b1 = default, c0 = default, c1 = default, d0 = default, d1 = default;
        Vector<double> ma0 = default, ma1 = default, mb0 = default, mb1 = default, mc0 = default, mc1 = default, md0 = default, md1 = default;
        for (; i + 2 * width <= n; i += 2 * width)
        {
            var s0 = Vector.LoadUnsafe(ref sr, (nuint)i);
            var s1 = Vector.LoadUnsafe(ref sr, (nuint)(i + width));
            var t0 = s0 * Vector.LoadUnsafe(ref x0, (nuint)i);
            var t1 = s1 * Vector.LoadUnsafe(ref x0, (nuint)(i + width));
            a0 += t0; ma0 += Vector.Abs(t0); a1 += t1; ma1 += Vector.Abs(t1);
            t0 = s0 * Vector.LoadUnsafe(ref x1, (nuint)i);
            t1 = s1 * Vector.LoadUnsafe(ref x1, (nuint)(i + width));
            b0 += t0; mb0 += Vector.Abs(t0); b1 += t1; mb1 += Vector.Abs(t1);
            t0 = s0 * Vector.LoadUnsafe(ref x2, (nuint)i);
            t1 = s1 * Vector.LoadUnsafe(ref x2, (nuint)(i + width));
            c0 += t0; mc0 += Vector.Abs(t0); c1 += t1; mc1 += Vector.Abs(t1);
            t0 = s0 * Vector.LoadUnsafe(ref x3, (nuint)i);
            t1 = s1 * Vector.LoadUnsafe(ref x3, (nuint)(i + width));
            d0 += t0; md0 += Vector.Abs(t0); d1 += t1; md1 += Vector.Abs(t1);
        }
        double sa = Vector.Sum(a0 + a1), sb = Vector.Sum(b0 + b1), sc = Vector.Sum(c0 + c1), sd = Vector.Sum(d0 + d1);
        double pa = Vector.Sum(ma0 + ma1), pb = Vector.Sum(mb0 + mb1), pc = Vector.Sum(mc0 + mc1), pd = Vector.Sum(md0 + md1);
        for (; i < n; i++)
        {
            double si = Unsafe.Add(ref sr, i);
            double ta = si * Unsafe.Add(ref x0, i), tb = si * Unsafe.Add(ref x1, i);
            double tc = si * Unsafe.Add(ref x2, i), td = si * Unsafe.Add(ref x3, i);
            sa += ta; pa += Math.Abs(ta);
            sb += tb; pb += Math.Abs(tb);
            sc += tc; pc += Math.Abs(tc);
            sd += td; pd += Math.Abs(td);
        }
        (sums[0], sums[1], sums[2], sums[3]) = (sa, sb, sc, sd);
        (magnitudes[0], magnitudes[1], magnitudes[2], magnitudes[3]) = (pa, pb, pc, pd);
    }

    private static (double, double) DenseDotAndMagnitude(ReadOnlySpan<double> s, ReadOnlySpan<double> x)
    {
        ref double sr = ref MemoryMarshal.GetReference(s);
        ref double xr = ref MemoryMarshal.GetReference(x);
        int width = Vector<double>.Count, n = x.Length, i = 0;
        Vector<double> sum0 = default, sum1 = default, mag0 = default, mag1 = default;
        for (; i + 2 * width <= n; i += 2 * width)
        {
            var t0 = Vector.LoadUnsafe(ref sr, (nuint)i) * Vector.LoadUnsafe(ref xr, (nuint)i);
            var t1 = Vector.LoadUnsafe(ref sr, (nuint)(i + width)) * Vector.LoadUnsafe(ref xr, (nuint)(i + width));
            sum0 += t0; mag0 += Vector.Abs(t0);
            sum1 += t1; mag1 += Vector.Abs(t1);
        }
        double sum = Vector.Sum(sum0 + sum1), magnitude = Vector.Sum(mag0 + mag1);
        for (; i < n; i++)
        {
            double term = Unsafe.Add(ref sr, i) * Unsafe.Add(ref xr, i);
            sum += term;
            magnitude += Math.Abs(term);
        }
        return (sum, magnitude);
    }
}
