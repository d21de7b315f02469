using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace OptSuite.Prox;

/// <summary>
/// Fused single-pass loops for the separable shrinkage operators: the prox is written and the penalty sums that give
/// R(result) are accumulated in the same pass, so a prox costs one read and one write of the vector.
/// </summary>
/// <remarks>
/// Composing TensorPrimitives (Max, Min, Subtract, Multiply, then SumOfMagnitudes) takes five passes; the fused
/// <see cref="Vector{T}"/> loop is measured against that composition in ProxBenchmarks. Soft-thresholding is written as
/// x − clamp(x, −t, t), which is exactly 0 on [−t, t] and needs no sign or branch. <c>result</c> may alias <c>v</c>
/// exactly (each lane is loaded before it is stored).
/// </remarks>
internal static class SeparableKernels
{
    /// <summary>p = (x − clamp(x, −t, t))·scale; returns Σ|p| and Σp².</summary>
    public static void Shrink(ReadOnlySpan<double> v, double t, double scale, Span<double> result, out double sumAbs, out double sumSq)
    {
        int n = v.Length, i = 0;
        double a = 0, q = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            ref double x0 = ref MemoryMarshal.GetReference(v);
            ref double r0 = ref MemoryMarshal.GetReference(result);
            var hi = new Vector<double>(t);
            var lo = -hi;
            var sc = new Vector<double>(scale);
            Vector<double> va = Vector<double>.Zero, vq = Vector<double>.Zero;
            for (; i <= n - Vector<double>.Count; i += Vector<double>.Count)
            {
                var x = Vector.LoadUnsafe(ref x0, (nuint)i);
                var p = (x - Vector.Min(Vector.Max(x, lo), hi)) * sc;
                p.StoreUnsafe(ref r0, (nuint)i);
                va += Vector.Abs(p);
                vq += p * p;
            }
            a = Vector.Sum(va);
            q = Vector.Sum(vq);
        }
        for (; i < n; i++)
        {
            double x = v[i], p = (x - Math.Min(Math.Max(x, -t), t)) * scale;
            result[i] = p;
            a += Math.Abs(p);
            q += p * p;
        }
        sumAbs = a;
        sumSq = q;
    }

    /// <summary>p_j = (x_j − clamp(x_j, −t c_j, t c_j)) / (1 + s c_j); returns Σ c_j|p_j| and Σ c_j p_j².</summary>
    public static void ShrinkWeighted(ReadOnlySpan<double> v, ReadOnlySpan<double> c, double t, double s, Span<double> result, out double sumAbs, out double sumSq)
    {
        int n = v.Length, i = 0;
        double a = 0, q = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            ref double x0 = ref MemoryMarshal.GetReference(v);
            ref double c0 = ref MemoryMarshal.GetReference(c);
            ref double r0 = ref MemoryMarshal.GetReference(result);
            var vt = new Vector<double>(t);
            var vs = new Vector<double>(s);
            Vector<double> va = Vector<double>.Zero, vq = Vector<double>.Zero;
            for (; i <= n - Vector<double>.Count; i += Vector<double>.Count)
            {
                var x = Vector.LoadUnsafe(ref x0, (nuint)i);
                var w = Vector.LoadUnsafe(ref c0, (nuint)i);
                var hi = vt * w;
                var p = (x - Vector.Min(Vector.Max(x, -hi), hi)) / (Vector<double>.One + vs * w);
                p.StoreUnsafe(ref r0, (nuint)i);
                va += w * Vector.Abs(p);
                vq += w * p * p;
            }
            a = Vector.Sum(va);
            q = Vector.Sum(vq);
        }
        for (; i < n; i++)
        {
            double x = v[i], w = c[i], hi = t * w, p = (x - Math.Min(Math.Max(x, -hi), hi)) / (1 + s * w);
            result[i] = p;
            a += w * Math.Abs(p);
            q += w * p * p;
        }
        sumAbs = a;
        sumSq = q;
    }

    /// <summary>p = max(x − t, 0)·scale; returns Σp and Σp².</summary>
    public static void PositiveShrink(ReadOnlySpan<double> v, double t, double scale, Span<double> result, out double sum, out double sumSq)
    {
        int n = v.Length, i = 0;
        double a = 0, q = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            ref double x0 = ref MemoryMarshal.GetReference(v);
            ref double r0 = ref MemoryMarshal.GetReference(result);
            var vt = new Vector<double>(t);
            var sc = new Vector<double>(scale);
            Vector<double> va = Vector<double>.Zero, vq = Vector<double>.Zero;
            for (; i <= n - Vector<double>.Count; i += Vector<double>.Count)
            {
                var p = Vector.Max(Vector.LoadUnsafe(ref x0, (nuint)i) - vt, Vector<double>.Zero) * sc;
                p.StoreUnsafe(ref r0, (nuint)i);
                va += p;
                vq += p * p;
            }
            a = Vector.Sum(va);
            q = Vector.Sum(vq);
        }
        for (; i < n; i++)
        {
            double p = Math.Max(v[i] - t, 0) * scale;
            result[i] = p;
            a += p;
            q += p * p;
        }
        sum = a;
        sumSq = q;
    }

    /// <summary>p_j = max(x_j − t c_j, 0) / (1 + s c_j); returns Σ c_j p_j and Σ c_j p_j².</summary>
    public static void PositiveShrinkWeighted(ReadOnlySpan<double> v, ReadOnlySpan<double> c, double t, double s, Span<double> result, out double sum, out double sumSq)
    {
        int n = v.Length, i = 0;
        double a = 0, q = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            ref double x0 = ref MemoryMarshal.GetReference(v);
            ref double c0 = ref MemoryMarshal.GetReference(c);
            ref double r0 = ref MemoryMarshal.GetReference(result);
            var vt = new Vector<double>(t);
            var vs = new Vector<double>(s);
            Vector<double> va = Vector<double>.Zero, vq = Vector<double>.Zero;
            for (; i <= n - Vector<double>.Count; i += Vector<double>.Count)
            {
                var w = Vector.LoadUnsafe(ref c0, (nuint)i);
                var p = Vector.Max(Vector.LoadUnsafe(ref x0, (nuint)i) - vt * w, Vector<double>.Zero) / (Vector<double>.One + vs * w);
                p.StoreUnsafe(ref r0, (nuint)i);
                va += w * p;
                vq += w * p * p;
            }
            a = Vector.Sum(va);
            q = Vector.Sum(vq);
        }
        for (; i < n; i++)
        {
            double w = c[i], p = Math.Max(v[i] - t * w, 0) / (1 + s * w);
            result[i] = p;
            a += w * p;
            q += w * p * p;
        }
        sum = a;
        sumSq = q;
    }

    /// <summary>Scalar soft-threshold, the same formula as the vector lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Soft(double x, double t) => x - Math.Min(Math.Max(x, -t), t);
}
