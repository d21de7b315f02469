using System.Runtime.CompilerServices;
using OptSuite.Objectives;

namespace OptSuite.Solvers;

/// <summary>
/// One coordinate of the binary duals and each sample's share of the duality gap, shared by the in-memory solver
/// (<see cref="BinaryDualState"/>) and block minimisation (<see cref="BlockBinaryDualState"/>), so both solve the same
/// sub-problems and certify with the same gap.
/// </summary>
/// <remarks>
/// LIBLINEAR units, C_i = a_i/λ. Hinge and squared hinge (Hsieh et al. 2008): min_α ½αᵀQ̄α − Σα_i over 0 ≤ α_i ≤ U_i,
/// Q̄ = Q + D; coordinate i has gradient G = y_i w·x_i − 1 + D_ii α_i and the exact minimiser clip(α_i − G/Q̄_ii, 0, U_i).
/// Logistic (Yu, Huang &amp; Lin 2011): coordinate i minimises h(z) = ½Q_ii(z − α_i)² + b(z − α_i) + z log z + (C − z)log(C − z),
/// b = y_i w·x_i, by a safeguarded Newton method on whichever of α_i or β_i = C_i − α_i the root lies nearer.
/// </remarks>
internal static class BinaryDualCoordinate
{
    /// <summary>Projected gradients at most this large leave a box coordinate unchanged (LIBLINEAR's 1e-12).</summary>
    public const double Stationary = 1e-12;

    /// <summary>The labels as signs y_i ∈ {−1, +1} (positive → +1).</summary>
    public static sbyte[] Signs(ReadOnlySpan<double> labels)
    {
        var y = new sbyte[labels.Length];
        for (int i = 0; i < y.Length; i++) y[i] = labels[i] > 0 ? (sbyte)1 : (sbyte)-1;
        return y;
    }

    /// <summary>Each sample's C_i = a_i/λ (LIBLINEAR's scaling) from the normalised weights a_i, or null when uniform.</summary>
    public static double[]? Costs(ReadOnlySpan<double> weights, double lambda)
    {
        if (weights.IsEmpty) return null;
        var c = new double[weights.Length];
        for (int i = 0; i < c.Length; i++) c[i] = weights[i] / lambda;
        return c;
    }

    /// <summary>The projected gradient of a box coordinate α ∈ [0, U] with gradient <paramref name="g"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ProjectedGradient(double alpha, double g, double upper)
    {
        if (alpha == 0) return g < 0 ? g : 0;
        if (alpha == upper) return g > 0 ? g : 0;
        return g;
    }

    /// <summary>The exact minimiser over [0, U] of the box coordinate: clip(α − G/Q̄_ii, 0, U).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double BoxStep(double alpha, double g, double q, double upper) => Math.Min(Math.Max(alpha - g / q, 0.0), upper);

    /// <summary>
    /// Solves the logistic coordinate's sub-problem to |h′| &lt; <paramref name="innerEps"/> (at most 101 Newton steps)
    /// and writes α_i, β_i = C − α_i; returns the Newton steps taken, 0 when the start already met the accuracy (then α_i
    /// and β_i are unchanged).
    /// </summary>
    /// <param name="c">C_i.</param>
    /// <param name="q">Q_ii = ‖x_i‖².</param>
    /// <param name="b">y_i w·x_i.</param>
    /// <param name="alpha">α_i, updated.</param>
    /// <param name="beta">β_i = C_i − α_i, updated.</param>
    /// <param name="innerEps">Accuracy on h′.</param>
    /// <param name="startGradient">h′ at the Newton method's start (LIBLINEAR -s 7 stops when every |h′| of an epoch is below eps).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int LogisticNewton(double c, double q, double b, ref double alpha, ref double beta, double innerEps, out double startGradient)
    {
        // h′(t) = q(t − α) + b + log(t/(C − t)) at t = C/2 tells on which half the root lies.
        bool onAlpha = q * (0.5 * c - alpha) + b >= 0;
        double sign = onAlpha ? 1.0 : -1.0;
        double z0 = onAlpha ? alpha : beta;
        double z = c - z0 < 0.5 * c ? 0.1 * z0 : z0;
        double gp = q * (z - z0) + sign * b + Math.Log(z / (c - z));
        startGradient = gp;
        int inner = 0;
        while (inner <= 100 && Math.Abs(gp) >= innerEps)
        {
            double h = q + c / (z * (c - z));
            double next = z - gp / h;
            z = next <= 0 ? 0.1 * z : (next >= c ? 0.5 * (z + c) : next);
            gp = q * (z - z0) + sign * b + Math.Log(z / (c - z));
            inner++;
        }
        if (inner == 0) return 0;
        if (onAlpha) { alpha = z; beta = c - z; }
        else { beta = z; alpha = c - z; }
        return inner;
    }

    /// <summary>The logistic loss log(1 + e^(−m)) at margin m, without overflow.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double LogisticLoss(double m) => m > 0 ? Math.Log(1 + Math.Exp(-m)) : -m + Math.Log(1 + Math.Exp(m));

    /// <summary>Sample i's term of the logistic dual (per the LIBLINEAR units): α log α + β log β − C log C.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double LogisticDualTerm(double alpha, double beta, double c) => XLogX(alpha) + XLogX(beta) - XLogX(c);

    /// <summary>
    /// The box-quadratic loss per unit of C at margin m: sup over 0 ≤ α ≤ U of α(1 − m) − (D/2)α² for the loss's (U, D) —
    /// hinge (U = 1, D = 0), squared hinge (U = ∞, D = ½).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double BoxQuadraticLoss(double m, DualCoordinateStep step)
    {
        double h = 1 - m;
        if (!(h > 0)) return 0;
        double shift = step.DiagonalShift, upper = step.UpperBound;
        if (shift == 0) return upper * h;
        double alpha = Math.Min(h / shift, upper);
        return alpha * h - 0.5 * shift * alpha * alpha;
    }

    /// <summary>Sample i's term of the box-quadratic dual (LIBLINEAR units, sign of the minimised dual): −α + (D_ii/2)α².</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double BoxQuadraticDualTerm(double alpha, double diag) => -alpha + 0.5 * diag * alpha * alpha;

    private static double XLogX(double x) => x > 0 ? x * Math.Log(x) : 0.0;
}
