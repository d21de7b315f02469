using System.Numerics;
using System.Runtime.InteropServices;

namespace OptSuite.Prox;

internal static partial class SimplexThreshold
{
    /// <summary>
    /// Newton's method on f(τ) = Σ (y − τ)₊ − a from a lower bound τ₀ &lt; 0 (Michelot 1986): τ ← (Σ_{y&gt;τ} y − a)/#{y &gt; τ}
    /// increases monotonically and stops once the set {y &gt; τ} repeats. Each step is one branch-free vectorised pass; after
    /// <paramref name="steps"/> passes the entries above τ are compacted into <paramref name="aux"/> for the pivot.
    /// </summary>
    internal static double Newton(ReadOnlySpan<double> v, bool absolute, double shift, double a, Span<double> aux, double tau, int steps)
    {
        for (int k = 0; k < steps; k++)
        {
            var (sum, count) = SumAbove(v, absolute, shift, tau);
            double next = (sum - a) / count;
            if (!(next > tau)) return next;
            tau = next;
        }
        int m = 0;
        for (int j = 0; j < v.Length; j++)
        {
            double y = Read(v, j, absolute, shift);
            aux[m] = y;
            m += y > tau ? 1 : 0;
        }
        return Pivot(aux[..m], a);
    }

    /// <summary>Σ y_j and #{j} over the entries with y_j = (|v_j| or v_j) − shift &gt; t.</summary>
    private static (double Sum, long Count) SumAbove(ReadOnlySpan<double> v, bool absolute, double shift, double t)
    {
        int n = v.Length, i = 0;
        double sum = 0;
        long count = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            ref double x0 = ref MemoryMarshal.GetReference(v);
            var vs = new Vector<double>(shift);
            var vt = new Vector<double>(t);
            var acc = Vector<double>.Zero;
            var cnt = Vector<long>.Zero;
            for (; i <= n - Vector<double>.Count; i += Vector<double>.Count)
            {
                var x = Vector.LoadUnsafe(ref x0, (nuint)i);
                var y = (absolute ? Vector.Abs(x) : x) - vs;
                var mask = Vector.GreaterThan(y, vt);
                acc += Vector.ConditionalSelect(mask, y, Vector<double>.Zero);
                cnt -= mask;                      // a true lane is all ones, i.e. −1
            }
            sum = Vector.Sum(acc);
            count = Vector.Sum(cnt);
        }
        for (; i < n; i++)
        {
            double y = Read(v, i, absolute, shift);
            if (y > t) { sum += y; count++; }
        }
        return (sum, count);
    }
}
