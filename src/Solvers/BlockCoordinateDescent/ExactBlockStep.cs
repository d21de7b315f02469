namespace OptSuite.Solvers;

/// <summary>
/// The exact minimiser of ½vᵀHv − bᵀv + τ‖v‖₂ for a block Hessian H = QΛQᵀ known by its eigendecomposition: the block
/// step of <see cref="BlockCoordinateDescent"/> for the squared loss and a Euclidean-norm penalty (group lasso).
/// </summary>
/// <remarks>
/// Qin, Scheinberg &amp; Goldfarb (2013), "Efficient block-coordinate descent algorithms for the Group Lasso", §3: v = 0
/// when ‖b‖ ≤ τ; otherwise v = (H + νI)⁻¹b with ν = τ/‖v‖, i.e. with t = 1/ν the root of
/// ρ(t) = ‖(tH + I)⁻¹b‖ = τ (ρ decreases from ‖b‖ at t = 0). In the eigenbasis c = Qᵀb,
/// ρ(t)² = Σ_e c_e²/(t h_e + 1)², so each evaluation costs O(m); the root is bracketed by
/// (‖c‖/τ − 1)/h_max ≤ t ≤ (‖c‖/τ − 1)/h_min and found by Newton's method on 1/ρ(t) − 1/τ, safeguarded by bisection.
/// Then v_e = c_e·t/(t h_e + 1). Directions with h_e at rounding level (a column the data or the eliminated intercept
/// make flat) get v_e = 0, the minimum-norm choice. Unlike a prox step with the block's largest curvature, the step
/// does not slow down when the block's columns have different scales.
/// </remarks>
internal static class ExactBlockStep
{
    /// <summary>Overwrites <paramref name="c"/> (= Qᵀb) with Qᵀv for the minimiser v.</summary>
    /// <param name="h">The eigenvalues h_e ≥ 0 of H.</param>
    /// <param name="c">Qᵀb on entry, Qᵀv on return.</param>
    /// <param name="tau">τ ≥ 0.</param>
    public static void Solve(ReadOnlySpan<double> h, Span<double> c, double tau)
    {
        int m = c.Length;
        double hmax = 0;
        for (int e = 0; e < m; e++) hmax = Math.Max(hmax, h[e]);
        double floor = 1e-13 * hmax, norm2 = 0, hmin = double.PositiveInfinity;
        for (int e = 0; e < m; e++)
        {
            if (!(h[e] > floor)) { c[e] = 0; continue; }
            norm2 += c[e] * c[e];
            if (c[e] != 0) hmin = Math.Min(hmin, h[e]);
        }
        double norm = Math.Sqrt(norm2);
        if (!(norm > tau))
        {
            c.Clear();
            return;
        }
        if (tau == 0)
        {
            for (int e = 0; e < m; e++) if (c[e] != 0) c[e] /= h[e];
            return;
        }
        double lo = (norm / tau - 1) / hmax, hi = (norm / tau - 1) / hmin, t = lo;
        for (int it = 0; it < 100; it++)
        {
            double s0 = 0, s1 = 0;
            for (int e = 0; e < m; e++)
            {
                if (c[e] == 0) continue;
                double q = 1 / (t * h[e] + 1), cq = c[e] * q;
                s0 += cq * cq;
                s1 += cq * cq * h[e] * q;
            }
            double rho = Math.Sqrt(s0);
            if (Math.Abs(rho - tau) <= 1e-15 * tau) break;
            if (rho > tau) lo = t; else hi = t;
            // φ(t) = 1/ρ − 1/τ, φ′(t) = Σc_e²h_e/(th_e + 1)³ / ρ³.
            double next = t - (1 / rho - 1 / tau) * rho * rho * rho / s1;
            if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
            if (hi - lo <= 1e-15 * hi || next == t) break;
            t = next;
        }
        for (int e = 0; e < m; e++) c[e] *= t / (t * h[e] + 1);
    }
}
