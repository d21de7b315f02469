namespace OptSuite.Objectives.Divergences;

/// <summary>Jensen–Shannon divergence JS(p, q) = ½KL(p‖m) + ½KL(q‖m), m = (p + q)/2.</summary>
/// <remarks>Lin (1991). Always finite (≤ log 2 for distributions). ∂/∂p_i = ½ log(p_i/m_i), ∂/∂q_i = ½ log(q_i/m_i);
/// at a zero entry with the other positive the one-sided derivative is −∞ and is returned as such; 0 where both are 0.</remarks>
public static class JensenShannonDivergence
{
    /// <summary>JS(p, q), writing the gradients (either destination may be empty).</summary>
    /// <param name="p">First distribution.</param>
    /// <param name="q">Second distribution, same length.</param>
    /// <param name="gradientP">∂JS/∂p, or empty.</param>
    /// <param name="gradientQ">∂JS/∂q, or empty.</param>
    /// <returns>The divergence.</returns>
    public static double ValueAndGradient(ReadOnlySpan<double> p, ReadOnlySpan<double> q, Span<double> gradientP, Span<double> gradientQ)
    {
        DivergenceChecks.Lengths(p.Length, q.Length, gradientP.Length, gradientQ.Length);
        DivergenceChecks.Probability(p, nameof(p));
        DivergenceChecks.Probability(q, nameof(q));
        double sum = 0;
        for (int i = 0; i < p.Length; i++)
        {
            double m = 0.5 * (p[i] + q[i]);
            double lp = p[i] == 0 ? double.NegativeInfinity : Math.Log(p[i] / m);
            double lq = q[i] == 0 ? double.NegativeInfinity : Math.Log(q[i] / m);
            if (p[i] != 0) sum += 0.5 * p[i] * lp;
            if (q[i] != 0) sum += 0.5 * q[i] * lq;
            if (!gradientP.IsEmpty) gradientP[i] = m == 0 ? 0.0 : 0.5 * lp;
            if (!gradientQ.IsEmpty) gradientQ[i] = m == 0 ? 0.0 : 0.5 * lq;
        }
        return Math.Max(sum, 0.0);
    }
}
