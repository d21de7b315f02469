using System.Runtime.CompilerServices;
using OptSuite.Objectives;

namespace OptSuite.Solvers;

/// <summary>
/// One coordinate of support vector regression's dual and each sample's share of its duality gap (Ho &amp; Lin 2012,
/// LIBLINEAR -s 12/-s 13), for <see cref="SvrDualState"/>.
/// </summary>
/// <remarks>
/// LIBLINEAR units, C_i = a_i/λ: the primal ½‖w‖² + Σ C_i ℓ(y_i, x_i·w) has the dual
/// min_β ½βᵀQβ − yᵀβ + ε‖β‖₁ + Σ (D_i/2)β_i² over −U_i ≤ β_i ≤ U_i, w = Σβ_i x_i, Q_ij = x_i·x_j, with U_i = U·C_i and
/// D_i = D/C_i from the loss's <see cref="DualCoordinateStep"/> (ε-insensitive: U = 1, D = 0; squared ε-insensitive
/// (|r| − ε)₊²: U = ∞, D = ½). Coordinate i, with g = w·x_i − y_i + D_i β_i and h = Q_ii + D_i, minimises
/// ½h d² + g d + ε|β_i + d|: the piece β_i + d &gt; 0 has its stationary point at β_i − (g + ε)/h, the piece &lt; 0 at
/// β_i − (g − ε)/h, else the minimum is at 0; the convex one-dimensional minimiser over the box is that point clipped.
/// </remarks>
internal static class SvrDualCoordinate
{
    /// <summary>The minimiser over [−U, U] of ½h(z − β)² + g(z − β) + ε|z|, h ≥ 0.</summary>
    /// <param name="beta">β_i.</param>
    /// <param name="g">The smooth part's gradient at β_i: w·x_i − y_i + D_i β_i.</param>
    /// <param name="h">Q_ii + D_i ≥ 0.</param>
    /// <param name="epsilon">ε ≥ 0.</param>
    /// <param name="upper">U_i &gt; 0 (+∞ for none).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Step(double beta, double g, double h, double epsilon, double upper)
    {
        double gp = g + epsilon, gn = g - epsilon, z;
        // h = 0 (an empty row with the L1 loss) makes the sub-problem linear: gp < 0 gives +∞ here, clipped to U.
        if (gp < h * beta) z = beta - gp / h;
        else if (gn > h * beta) z = beta - gn / h;
        else z = 0;
        return Math.Min(Math.Max(z, -upper), upper);
    }

    /// <summary>
    /// How far β_i is from its coordinate's optimality condition (0 when optimal): the one-sided derivative that could
    /// still decrease the sub-problem, LIBLINEAR's violation. <paramref name="shrinkable"/> says the coordinate sits at
    /// 0 or a bound with derivatives beyond <paramref name="bound"/> (the last epoch's largest violation) that hold it
    /// there.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Violation(double beta, double g, double epsilon, double upper, double bound, out bool shrinkable)
    {
        double gp = g + epsilon, gn = g - epsilon;
        shrinkable = false;
        if (beta == 0)
        {
            if (gp < 0) return -gp;
            if (gn > 0) return gn;
            shrinkable = gp > bound && gn < -bound;
            return 0;
        }
        if (beta >= upper)
        {
            if (gp > 0) return gp;
            shrinkable = gp < -bound;
            return 0;
        }
        if (beta <= -upper)
        {
            if (gn < 0) return -gn;
            shrinkable = gn > bound;
            return 0;
        }
        return beta > 0 ? Math.Abs(gp) : Math.Abs(gn);
    }

    /// <summary>
    /// The loss per unit of C_i at residual r = z − y: sup over |u| ≤ U of u·t − (D/2)u², t = (|r| − ε)₊ — U·t for D = 0
    /// (ε-insensitive), t²/(2D) for U = ∞ (squared ε-insensitive, t² at D = ½).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Loss(double r, DualCoordinateStep step)
    {
        double t = Math.Abs(r) - step.Epsilon;
        if (!(t > 0)) return 0;
        double shift = step.DiagonalShift, upper = step.UpperBound;
        if (shift == 0) return upper * t;
        double u = Math.Min(t / shift, upper);
        return u * t - 0.5 * shift * u * u;
    }

    /// <summary>Sample i's term of the minimised dual (LIBLINEAR units): −y_i β_i + ε|β_i| + (D_i/2)β_i².</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double DualTerm(double beta, double y, double epsilon, double diag) => -y * beta + epsilon * Math.Abs(beta) + 0.5 * diag * beta * beta;
}
