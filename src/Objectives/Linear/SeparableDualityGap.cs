using OptSuite.Prox;

namespace OptSuite.Objectives;

/// <summary>
/// The duality gap of a separable problem from correlations, at a cost in the features still in play: a solver that has
/// eliminated most features (a path's screened ones, or those outside the strong set it is working on) pays O(n + |J|)
/// for a gap instead of O(n + p).
/// </summary>
public static class SeparableDualityGap
{
    /// <summary>
    /// <see cref="LinearObjective{TLoss, TReg}.DualityGapFromCorrelations(ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double}, out double)"/>
    /// summed over the features J = <paramref name="features"/> only. The caller guarantees w_j = 0 and c_j = 0 for every
    /// j outside J (a feature it has eliminated, or one it holds at 0 for the restricted problem it is solving).
    /// </summary>
    /// <remarks>
    /// <para>Why this is still a certificate. With R(w) = Σ_j r_j(w_j) and H_j(t) = r_j(t) + (μ/2)t², the gap at scale s
    /// is Σ_i a_i[ℓ(y_i, z_i) + ℓ*(y_i, u_i/s)] + Σ_j [H_j(w_j) + H_j*(v_j/s)], v = −c, and the gauge s is the largest
    /// per-coordinate gauge (and 1). A coordinate with w_j = 0 and v_j = 0 adds H_j(0) + H_j*(0) = r_j(0) − inf H_j ≥ 0
    /// to the full gap and raises no gauge (the gauge of 0 is 0 for every regulariser with 0 in its domain), so leaving it
    /// out gives exactly the gap of the problem restricted to J with w_j = 0 fixed outside it (whose objective carries the
    /// constant Σ r_j(0) on both sides). For every regulariser of the catalogue r_j(0) = 0 = min H_j, so the two are equal
    /// and this is the full gap to rounding. When the features outside J are proven zero at every optimum (gap-safe
    /// screening), the restricted problem's optimum is F*, so the result bounds F(x) − F* as the full gap does; for a
    /// strong set it is the restricted problem's gap, which the caller uses as such.</para>
    /// <para>With unpenalised coordinates and no ridge term the dual point is projected, which moves every correlation:
    /// then this is the full p-long computation.</para>
    /// </remarks>
    /// <param name="objective">The objective.</param>
    /// <param name="x">The primal point (w, then b).</param>
    /// <param name="scores">z = Aw + b + o at <paramref name="x"/> (trusted; length n).</param>
    /// <param name="correlations">c on entry (trusted; length p, 0 outside J), c/s on return (on J).</param>
    /// <param name="features">J: distinct feature indices.</param>
    /// <param name="value">F(x), computed on the way.</param>
    /// <returns>F(x) − D(u/s); +∞ when no rescaling makes the dual point feasible.</returns>
    public static double DualityGapFromCorrelations<TLoss, TReg>(this LinearObjective<TLoss, TReg> objective,
        ReadOnlySpan<double> x, ReadOnlySpan<double> scores, Span<double> correlations, ReadOnlySpan<int> features, out double value)
        where TLoss : struct, ILoss
        where TReg : struct, ISeparableRegularizer
    {
        ArgumentNullException.ThrowIfNull(objective);
        if (objective.RewritesCorrelations) return objective.DualityGapFromCorrelations(x, scores, correlations, out value);
        if (correlations.Length != objective.Features)
            throw new ArgumentException($"correlations has length {correlations.Length}; there are {objective.Features} features.", nameof(correlations));
        double data = objective.DataTermAndDualPoint(x, scores);
        TReg reg = objective.Regularizer;
        double mu = objective.Ridge;

        double penalty = 0, squares = 0;
        foreach (int j in features)
        {
            double wj = x[j];
            penalty += reg.ValueCoordinate(wj, j);
            squares += wj * wj;
        }
        value = data + (mu == 0 ? 0.0 : 0.5 * mu * squares) + penalty;

        // H*(v/s), v = −c, as DualPenalty.Conjugate computes it, coordinate by coordinate.
        double scale = 1.0, conjugate = 0;
        if (mu > 0)
        {
            // sup_t v_j·t − H_j(t) is attained at p = prox_{r_j/μ}(v_j/μ) and equals (μ/2)((v_j/μ)² − (v_j/μ − p)²) − r_j(p).
            double inverse = 1.0 / mu, vv = 0, dist = 0, r = 0;
            foreach (int j in features)
            {
                double t = -correlations[j] / mu, p = reg.ProxCoordinate(t, inverse, j), d = t - p;
                vv += t * t;
                dist += d * d;
                r += reg.ValueCoordinate(p, j);
            }
            conjugate = 0.5 * mu * (vv - dist) - r;
        }
        else
        {
            double gauge = 0;
            foreach (int j in features) gauge = Math.Max(gauge, reg.ConjugateDomainGaugeCoordinate(-correlations[j], j));
            if (double.IsNaN(gauge) || double.IsPositiveInfinity(gauge)) return double.PositiveInfinity;
            scale = Math.Max(1.0, gauge);
            foreach (int j in features)
            {
                if (scale != 1.0) correlations[j] /= scale;
                conjugate += reg.ConjugateCoordinate(-correlations[j], j);
            }
        }
        return value - (objective.LossDual(objective.LossDualPoint, scale) - conjugate);
    }
}
