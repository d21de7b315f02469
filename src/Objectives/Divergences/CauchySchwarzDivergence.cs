namespace OptSuite.Objectives.Divergences;

/// <summary>Cauchy–Schwarz divergence D(p, q) = −log(⟨p, q⟩ / (‖p‖·‖q‖)).</summary>
/// <remarks>Principe et al. (2000). D ≥ 0, zero iff p ∝ q; +∞ (zero gradients) when ⟨p, q⟩ = 0.
/// ∂D/∂p = p/‖p‖² − q/⟨p, q⟩ and symmetrically for q.</remarks>
public static class CauchySchwarzDivergence
{
    /// <summary>D(p, q), writing the gradients (either destination may be empty).</summary>
    /// <param name="p">First non-negative vector.</param>
    /// <param name="q">Second non-negative vector, same length.</param>
    /// <param name="gradientP">∂D/∂p, or empty.</param>
    /// <param name="gradientQ">∂D/∂q, or empty.</param>
    /// <returns>The divergence.</returns>
    public static double ValueAndGradient(ReadOnlySpan<double> p, ReadOnlySpan<double> q, Span<double> gradientP, Span<double> gradientQ)
    {
        DivergenceChecks.Lengths(p.Length, q.Length, gradientP.Length, gradientQ.Length);
        DivergenceChecks.Probability(p, nameof(p));
        DivergenceChecks.Probability(q, nameof(q));
        double pq = 0, pp = 0, qq = 0;
        for (int i = 0; i < p.Length; i++) { pq += p[i] * q[i]; pp += p[i] * p[i]; qq += q[i] * q[i]; }
        if (pq == 0)
        {
            gradientP.Clear(); gradientQ.Clear();
            return double.PositiveInfinity;
        }
        for (int i = 0; i < gradientP.Length; i++) gradientP[i] = p[i] / pp - q[i] / pq;
        for (int i = 0; i < gradientQ.Length; i++) gradientQ[i] = q[i] / qq - p[i] / pq;
        return Math.Max(0.0, -Math.Log(pq) + 0.5 * Math.Log(pp) + 0.5 * Math.Log(qq));
    }
}
