using System.Numerics.Tensors;

namespace OptSuite.Prox;

public static partial class Projections
{
    /// <summary>Projection onto the non-negative orthant: x = max(v, 0).</summary>
    /// <param name="v">The point to project.</param>
    /// <param name="result">Destination, same length as <paramref name="v"/>.</param>
    public static void NonNegative(ReadOnlySpan<double> v, Span<double> result)
    {
        Checks.Destination(v, result);
        TensorPrimitives.Max(v, 0.0, result);
    }

    /// <summary>Projection onto the box [l, u]ᵈ: x = min(max(v, l), u).</summary>
    /// <param name="v">The point to project.</param>
    /// <param name="lower">The lower bound l (−∞ allowed).</param>
    /// <param name="upper">The upper bound u ≥ l (+∞ allowed).</param>
    /// <param name="result">Destination, same length as <paramref name="v"/>.</param>
    public static void Box(ReadOnlySpan<double> v, double lower, double upper, Span<double> result)
    {
        BoxBounds(lower, upper, nameof(lower));
        Checks.Destination(v, result);
        TensorPrimitives.Clamp(v, lower, upper, result);
    }

    /// <summary>Projection onto the box ∏_j [l_j, u_j]: x_j = min(max(v_j, l_j), u_j).</summary>
    /// <param name="v">The point to project.</param>
    /// <param name="lower">The lower bounds l_j (−∞ allowed).</param>
    /// <param name="upper">The upper bounds u_j ≥ l_j (+∞ allowed).</param>
    /// <param name="result">Destination, same length as <paramref name="v"/>.</param>
    public static void Box(ReadOnlySpan<double> v, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper, Span<double> result)
    {
        Checks.Length(lower.Length, v.Length, nameof(lower));
        Checks.Length(upper.Length, v.Length, nameof(upper));
        Checks.Destination(v, result);
        for (int j = 0; j < v.Length; j++)
        {
            double l = lower[j], u = upper[j];
            if (!(l <= u) || l == double.PositiveInfinity || u == double.NegativeInfinity)
                throw new ArgumentException($"Bounds [{l}, {u}] at coordinate {j} do not form a non-empty interval.", nameof(lower));
            result[j] = Math.Min(Math.Max(v[j], l), u);
        }
    }

    /// <summary>Projection onto the ℓ∞ ball {‖x‖∞ ≤ r}: x = clamp(v, −r, r).</summary>
    /// <param name="v">The point to project.</param>
    /// <param name="radius">The radius r &gt; 0.</param>
    /// <param name="result">Destination, same length as <paramref name="v"/>.</param>
    public static void LInfinityBall(ReadOnlySpan<double> v, double radius, Span<double> result)
    {
        Checks.Positive(radius, nameof(radius));
        Checks.Destination(v, result);
        TensorPrimitives.Clamp(v, -radius, radius, result);
    }

    /// <summary>Projection onto the Euclidean ball {‖x‖₂ ≤ r}: x = v·min(1, r/‖v‖₂).</summary>
    /// <param name="v">The point to project.</param>
    /// <param name="radius">The radius r &gt; 0.</param>
    /// <param name="result">Destination, same length as <paramref name="v"/>.</param>
    public static void L2Ball(ReadOnlySpan<double> v, double radius, Span<double> result)
    {
        Checks.Positive(radius, nameof(radius));
        Checks.Destination(v, result);
        double norm = Norms.L2(v);
        if (norm <= radius) v.CopyTo(result);
        else TensorPrimitives.Multiply(v, radius / norm, result);
    }

    /// <summary>Projection onto the hyperplane {x : aᵀx = b}: x = v − ((aᵀv − b)/‖a‖²)·a.</summary>
    /// <param name="v">The point to project.</param>
    /// <param name="normal">The normal a ≠ 0, same length as <paramref name="v"/>.</param>
    /// <param name="offset">The offset b (finite).</param>
    /// <param name="result">Destination, same length as <paramref name="v"/>.</param>
    public static void Hyperplane(ReadOnlySpan<double> v, ReadOnlySpan<double> normal, double offset, Span<double> result) =>
        Affine(v, normal, offset, result, halfspace: false);

    /// <summary>Projection onto the halfspace {x : aᵀx ≤ b}: x = v − (max(aᵀv − b, 0)/‖a‖²)·a.</summary>
    /// <param name="v">The point to project.</param>
    /// <param name="normal">The normal a ≠ 0, same length as <paramref name="v"/>.</param>
    /// <param name="offset">The offset b (finite).</param>
    /// <param name="result">Destination, same length as <paramref name="v"/>.</param>
    public static void Halfspace(ReadOnlySpan<double> v, ReadOnlySpan<double> normal, double offset, Span<double> result) =>
        Affine(v, normal, offset, result, halfspace: true);

    internal static void BoxBounds(double lower, double upper, string name)
    {
        if (!(lower <= upper) || lower == double.PositiveInfinity || upper == double.NegativeInfinity)
            throw new ArgumentException($"Bounds [{lower}, {upper}] do not form a non-empty interval (need l ≤ u, l < +∞, u > −∞).", name);
    }

    private static void Affine(ReadOnlySpan<double> v, ReadOnlySpan<double> normal, double offset, Span<double> result, bool halfspace)
    {
        Checks.Length(normal.Length, v.Length, nameof(normal));
        Checks.Finite(offset, nameof(offset));
        Checks.Destination(v, result);
        double norm = Norms.L2(normal);
        if (!(norm > 0) || !double.IsFinite(norm) || !double.IsFinite(1 / norm))
            throw new ArgumentException("The normal must be finite, non-zero and not entirely subnormal.", nameof(normal));
        AffineStep(v, normal, 1 / norm, offset / norm, result, halfspace, unitScale: norm);
    }

    /// <summary>
    /// x = v − s·a with s = (âᵀv − b̂)/‖a‖ (clipped at 0 for a halfspace), â = a·inverseNorm, b̂ = b·inverseNorm. The
    /// residual is formed against the unit normal so that aᵀv cannot overflow when a is large.
    /// </summary>
    internal static void AffineStep(ReadOnlySpan<double> v, ReadOnlySpan<double> a, double inverseNorm, double unitOffset, Span<double> result, bool halfspace, double unitScale)
    {
        double dot = TensorPrimitives.Dot(a, v);
        double residual = double.IsFinite(dot) ? dot * inverseNorm - unitOffset : ScaledDot(a, v, inverseNorm) - unitOffset;
        if (halfspace && residual <= 0)
        {
            v.CopyTo(result);
            return;
        }
        TensorPrimitives.MultiplyAdd(a, -(residual / unitScale), v, result);
        // One step of iterative refinement: when v is far from the set the first residual carries the rounding of the
        // large aᵀv, which is large against the projected point; the second residual is formed at the projected point.
        double again = TensorPrimitives.Dot(a, result);
        again = double.IsFinite(again) ? again * inverseNorm - unitOffset : ScaledDot(a, result, inverseNorm) - unitOffset;
        if (!halfspace || again > 0) TensorPrimitives.MultiplyAdd(a, -(again / unitScale), result, result);
    }

    private static double ScaledDot(ReadOnlySpan<double> a, ReadOnlySpan<double> v, double inverseNorm)
    {
        double s = 0;
        for (int j = 0; j < v.Length; j++) s += a[j] * inverseNorm * v[j];
        return s;
    }
}
