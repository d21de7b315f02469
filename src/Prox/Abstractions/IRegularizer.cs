namespace OptSuite.Prox;

/// <summary>
/// A convex, closed, proper regulariser R: ℝᵈ → ℝ ∪ {+∞} with a cheap proximal operator, implemented by readonly
/// structs so solvers can take it as a generic parameter (<c>where TReg : struct, IRegularizer</c>).
/// </summary>
/// <remarks>
/// No default interface methods (they box structs). Indicators of sets are regularisers whose value is 0 inside the set
/// and +∞ outside and whose prox is the projection. Conjugates serve duality gaps: for a composite objective
/// f(Aw) + R(w) the dual point θ gives the bound −f*(−θ) − R*(Aᵀθ), and <see cref="ConjugateDomainGauge"/> tells how
/// much Aᵀθ must be shrunk to make R* finite (the rescaling of scikit-learn's Lasso gap and celer).
/// </remarks>
public interface IRegularizer
{
    /// <summary>R(w); +∞ for an indicator when w is outside the set.</summary>
    /// <param name="w">The point.</param>
    double Value(ReadOnlySpan<double> w);

    /// <summary>
    /// prox_{step·R}(v) = argmin_z R(z) + ‖z − v‖²/(2·step), written into <paramref name="result"/> (which may be the
    /// same memory as <paramref name="v"/>); returns R(result).
    /// </summary>
    /// <param name="v">The point to map.</param>
    /// <param name="step">The step η &gt; 0 (ignored by indicators).</param>
    /// <param name="result">Destination, same length as <paramref name="v"/>.</param>
    double Prox(ReadOnlySpan<double> v, double step, Span<double> result);

    /// <summary>R*(u) = sup_w ⟨u, w⟩ − R(w); +∞ outside its domain.</summary>
    /// <param name="u">The dual point.</param>
    double Conjugate(ReadOnlySpan<double> u);

    /// <summary>
    /// The smallest t ≥ 0 such that u/t lies in the closure of dom R* (0 when dom R* is all of ℝᵈ, +∞ when no
    /// rescaling helps). For λ‖·‖₁ this is ‖u‖∞/λ; for the L2,1 and group norms the weighted dual norm.
    /// </summary>
    /// <param name="u">The dual point.</param>
    double ConjugateDomainGauge(ReadOnlySpan<double> u);

    /// <summary>True when R(w) = Σ_j r_j(w_j), so coordinate methods may use <see cref="ISeparableRegularizer"/>.</summary>
    bool IsSeparable { get; }

    /// <summary>True when R is smooth everywhere (squared L2, "none"), so quasi-Newton solvers may treat it as smooth.</summary>
    bool IsSmooth { get; }
}
