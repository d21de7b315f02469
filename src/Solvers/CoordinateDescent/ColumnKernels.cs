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
