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
}
