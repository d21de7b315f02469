namespace OptSuite.Objectives.Divergences;

/// <summary>Kullback–Leibler divergence KL(p‖q) = Σ_i p_i log(p_i/q_i) and its reverse KL(q‖p).</summary>
/// <remarks>Kullback &amp; Leibler (1951). Convention 0·log(0/q) = 0; KL = +∞ when some q_i = 0 &lt; p_i (gradients are
/// then zero). Gradients treat the entries as free (no simplex constraint): ∂/∂p_i = log(p_i/q_i) + 1,
/// ∂/∂q_i = −p_i/q_i. At p_i = 0 the one-sided ∂/∂p_i is −∞ and is returned as such.
/// Inputs must be non-negative and finite; they are not renormalised.</remarks>
public static class KullbackLeiblerDivergence
{
    /// <summary>KL(p‖q), writing the gradients (either destination may be empty to skip it).</summary>
    /// <param name="p">First distribution.</param>
    /// <param name="q">Second distribution, same length.</param>
    /// <param name="gradientP">∂KL/∂p, or empty.</param>
    /// <param name="gradientQ">∂KL/∂q, or empty.</param>
    /// <returns>The divergence, ≥ 0 for normalised inputs.</returns>
    public static double ValueAndGradient(ReadOnlySpan<double> p, ReadOnlySpan<double> q, Span<double> gradientP, Span<double> gradientQ)
    {
        DivergenceChecks.Lengths(p.Length, q.Length, gradientP.Length, gradientQ.Length);
        DivergenceChecks.Probability(p, nameof(p));
        DivergenceChecks.Probability(q, nameof(q));
        double sum = 0;
        for (int i = 0; i < p.Length; i++)
        {
            if (p[i] == 0) continue;
            if (q[i] == 0)
            {
                gradientP.Clear(); gradientQ.Clear();
                return double.PositiveInfinity;
            }
            sum += p[i] * Math.Log(p[i] / q[i]);
        }
        for (int i = 0; i < gradientP.Length; i++) gradientP[i] = p[i] == 0 ? double.NegativeInfinity : Math.Log(p[i] / q[i]) + 1.0;
        for (int i = 0; i < gradientQ.Length; i++) gradientQ[i] = p[i] == 0 ? 0.0 : -p[i] / q[i];
        return sum;
    }

    /// <summary>Reverse KL(q‖p) with gradients in the (p, q) order of the arguments.</summary>
    /// <param name="p">First distribution.</param>
    /// <param name="q">Second distribution, same length.</param>
    /// <param name="gradientP">∂KL(q‖p)/∂p, or empty.</param>
    /// <param name="gradientQ">∂KL(q‖p)/∂q, or empty.</param>
    /// <returns>KL(q‖p).</returns>
    public static double ReverseValueAndGradient(ReadOnlySpan<double> p, ReadOnlySpan<double> q, Span<double> gradientP, Span<double> gradientQ)
        => ValueAndGradient(q, p, gradientQ, gradientP);
}
