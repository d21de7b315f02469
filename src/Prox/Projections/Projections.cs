using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace OptSuite.Prox;

/// <summary>
/// Euclidean projections P_C(v) = argmin_{x ∈ C} ‖x − v‖₂ onto the sets behind the indicator regularisers, as static
/// span helpers for callers that project many small vectors (a Crammer–Singer dual solver projects each row).
/// </summary>
/// <remarks>
/// Destinations may be the same memory as the input but must not overlap it at an offset. The simplex and ℓ1-ball
/// projections use the destination as their scratch buffer when it is separate from the input, so they allocate
/// nothing; in place they use the stack up to 256 entries and a pooled array beyond.
/// </remarks>
public static partial class Projections
{
    private const int StackLimit = 256;

    /// <summary>
    /// Projection onto the scaled simplex Δ_r = {x ≥ 0, Σ_j x_j = r} in O(n) expected time (r = 1: the probability
    /// simplex).
    /// </summary>
    /// <remarks>
    /// x_j = max(v_j − τ, 0) with τ the root of Σ_j max(v_j − τ, 0) = r, found by Condat (2016), "Fast projection onto
    /// the simplex and the ℓ1 ball", Math. Program. 158, with the randomised pivot of Duchi et al. (2008) as a fallback
    /// that keeps the expected cost linear for every input. Entries are shifted by max_j v_j first (the projection is
    /// invariant under v ↦ v + c·1), so huge offsets neither overflow nor swallow r.
    /// </remarks>
    /// <param name="v">The point to project; at least one entry.</param>
    /// <param name="radius">The sum r &gt; 0.</param>
    /// <param name="result">Destination, same length as <paramref name="v"/>.</param>
    public static void Simplex(ReadOnlySpan<double> v, double radius, Span<double> result) => SimplexCore(v, radius, result, sorting: false);

    /// <summary>
    /// Projection onto the scaled simplex by sorting, O(n log n): the classical method (Held, Wolfe and Crowder 1974;
    /// Duchi et al. 2008, Fig. 1), kept as the reference for <see cref="Simplex"/>.
    /// </summary>
    /// <remarks>With u = v sorted decreasingly, ρ = max{k : u_k − (Σ_{i≤k} u_i − r)/k &gt; 0}, τ = (Σ_{i≤ρ} u_i − r)/ρ,
    /// x = max(v − τ, 0).</remarks>
    /// <param name="v">The point to project; at least one entry.</param>
    /// <param name="radius">The sum r &gt; 0.</param>
    /// <param name="result">Destination, same length as <paramref name="v"/>.</param>
    public static void SimplexBySorting(ReadOnlySpan<double> v, double radius, Span<double> result) => SimplexCore(v, radius, result, sorting: true);

    /// <summary>Projection onto the ℓ1 ball {‖x‖₁ ≤ r} in O(n) expected time.</summary>
    /// <remarks>
    /// v itself when ‖v‖₁ ≤ r; otherwise x_j = sign(v_j)·max(|v_j| − τ, 0) where max(|v| − τ, 0) is the projection of
    /// |v| onto the simplex of sum r (Duchi et al. 2008, §4; Condat 2016, §5).
    /// </remarks>
    /// <param name="v">The point to project.</param>
    /// <param name="radius">The radius r &gt; 0.</param>
    /// <param name="result">Destination, same length as <paramref name="v"/>.</param>
    public static void L1Ball(ReadOnlySpan<double> v, double radius, Span<double> result) => L1BallCore(v, radius, result, sorting: false);

    /// <summary>Projection onto the ℓ1 ball by sorting, O(n log n); the reference for <see cref="L1Ball"/>.</summary>
    /// <param name="v">The point to project.</param>
    /// <param name="radius">The radius r &gt; 0.</param>
    /// <param name="result">Destination, same length as <paramref name="v"/>.</param>
    public static void L1BallBySorting(ReadOnlySpan<double> v, double radius, Span<double> result) => L1BallCore(v, radius, result, sorting: true);

    private static void SimplexCore(ReadOnlySpan<double> v, double radius, Span<double> result, bool sorting)
    {
        Checks.Positive(radius, nameof(radius));
        if (v.IsEmpty) throw new ArgumentException("The simplex in ℝ⁰ is empty; v needs at least one entry.", nameof(v));
        Checks.Destination(v, result);
        double shift = TensorPrimitives.Max(v);
        double tau = Threshold(v, absolute: false, shift, radius, result, sorting);
        ShiftedPositivePart(v, shift, tau, result, absolute: false);
    }

    private static void L1BallCore(ReadOnlySpan<double> v, double radius, Span<double> result, bool sorting)
    {
        Checks.Positive(radius, nameof(radius));
        Checks.Destination(v, result);
        if (TensorPrimitives.SumOfMagnitudes(v) <= radius)
        {
            v.CopyTo(result);
            return;
        }
        double shift = Math.Abs(TensorPrimitives.MaxMagnitude(v));
        double tau = Threshold(v, absolute: true, shift, radius, result, sorting);
        ShiftedPositivePart(v, shift, tau, result, absolute: true);
    }

    private static double Threshold(ReadOnlySpan<double> v, bool absolute, double shift, double radius, Span<double> result, bool sorting)
    {
        int n = v.Length;
        if (!v.Overlaps(result)) return Run(v, absolute, shift, radius, result, sorting);
        if (n <= StackLimit)
        {
            Span<double> scratch = stackalloc double[n];
            return Run(v, absolute, shift, radius, scratch, sorting);
        }
        double[] rented = ArrayPool<double>.Shared.Rent(n);
        try { return Run(v, absolute, shift, radius, rented.AsSpan(0, n), sorting); }
        finally { ArrayPool<double>.Shared.Return(rented); }
    }

    private static double Run(ReadOnlySpan<double> v, bool absolute, double shift, double radius, Span<double> scratch, bool sorting) =>
        sorting ? SimplexThreshold.Sorting(v, absolute, shift, radius, scratch) : SimplexThreshold.Condat(v, absolute, shift, radius, scratch);

    /// <summary>x_j = max((y_j − shift) − τ, 0) with y = v or |v|, signs restored for the ℓ1 ball.</summary>
    private static void ShiftedPositivePart(ReadOnlySpan<double> v, double shift, double tau, Span<double> result, bool absolute)
    {
        int n = v.Length, i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            ref double x0 = ref MemoryMarshal.GetReference(v);
            ref double r0 = ref MemoryMarshal.GetReference(result);
            var s = new Vector<double>(shift);
            var t = new Vector<double>(tau);
            for (; i <= n - Vector<double>.Count; i += Vector<double>.Count)
            {
                var x = Vector.LoadUnsafe(ref x0, (nuint)i);
                if (absolute)
                {
                    var p = Vector.Max(Vector.Abs(x) - s - t, Vector<double>.Zero);
                    Vector.ConditionalSelect(Vector.LessThan(x, Vector<double>.Zero), -p, p).StoreUnsafe(ref r0, (nuint)i);
                }
                else Vector.Max(x - s - t, Vector<double>.Zero).StoreUnsafe(ref r0, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            double x = v[i];
            if (absolute)
            {
                double p = Math.Max(Math.Abs(x) - shift - tau, 0);
                result[i] = x < 0 ? -p : p;
            }
            else result[i] = Math.Max(x - shift - tau, 0);
        }
    }
}
