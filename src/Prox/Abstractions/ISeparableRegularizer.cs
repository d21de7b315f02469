namespace OptSuite.Prox;

/// <summary>R(w) = Σ_j r_j(w_j): the per-coordinate operations coordinate descent and KKT checks need.</summary>
public interface ISeparableRegularizer : IRegularizer
{
    /// <summary>r_j(w_j).</summary>
    /// <param name="wj">The coordinate value.</param>
    /// <param name="j">The coordinate index (used by weighted and box variants).</param>
    double ValueCoordinate(double wj, int j);

    /// <summary>prox_{step·r_j}(v_j).</summary>
    /// <param name="vj">The coordinate value to map.</param>
    /// <param name="step">The step η &gt; 0.</param>
    /// <param name="j">The coordinate index.</param>
    double ProxCoordinate(double vj, double step, int j);

    /// <summary>
    /// dist(−g_j, ∂r_j(w_j)): the violation of the optimality condition 0 ∈ g_j + ∂r_j(w_j) at coordinate j for the
    /// smooth-part gradient g_j; 0 exactly at a coordinate-wise optimum.
    /// </summary>
    /// <param name="wj">The coordinate value.</param>
    /// <param name="gj">The gradient of the smooth part at coordinate j.</param>
    /// <param name="j">The coordinate index.</param>
    double SubdifferentialDistance(double wj, double gj, int j);

    /// <summary>
    /// r_j*(u_j) = sup_t u_j·t − r_j(t), +∞ outside its domain (with the same relative slack as
    /// <see cref="IRegularizer.Conjugate"/>): R*(u) = Σ_j r_j*(u_j), so a dual certificate can sum it over the coordinates
    /// it still needs.
    /// </summary>
    /// <param name="uj">The dual coordinate.</param>
    /// <param name="j">The coordinate index.</param>
    double ConjugateCoordinate(double uj, int j);

    /// <summary>
    /// The smallest s ≥ 0 with u_j/s in dom r_j* (+∞ when none, 0 when every multiple is): the gauge of
    /// <see cref="IRegularizer.ConjugateDomainGauge"/> is the largest of these over j.
    /// </summary>
    /// <param name="uj">The dual coordinate.</param>
    /// <param name="j">The coordinate index.</param>
    double ConjugateDomainGaugeCoordinate(double uj, int j);
}
